import type { MailKind } from '../../researcher/plan-mail.js';
import type { NewJob, Store } from '../../store/store.js';
import type { ResearcherMessage, TriageRecord } from '../../store/triage-records.js';
import { newSendMailJob } from './send-mail-job.js';

/**
 * A `send-mail` job for each message staff send the researcher in one change, numbered
 * after the ones already stored (the number makes the Message-ID and the job key, so it
 * must never repeat: read `triage` before calling this, so the change's version check
 * covers the count). No address, no jobs; the status page shows the messages anyway.
 */
export async function mailJobsFor(store: Store, triage: TriageRecord, messages: readonly ResearcherMessage[], now: Date): Promise<NewJob[]> {
  const staff = messages.filter((m) => m.kind !== 'from-researcher');
  if (staff.length === 0 || triage.researcher?.email == null) return [];
  const sent = (await store.listMessages(triage.reportId)).filter((m) => m.kind !== 'from-researcher').length;
  return staff.map((message, i) =>
    newSendMailJob(
      triage.org,
      { reportId: triage.reportId, messageIndex: sent + i + 1, kind: message.kind as MailKind, body: message.body, language: triage.language, statusUrl: null },
      now,
    ),
  );
}
