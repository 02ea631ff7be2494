import type { NewJob } from '../../store/store.js';
import type { TriageRecord } from '../../store/triage-records.js';
import { newJob } from '../../jobs/new-job.js';
import type { CreditPayload } from '../../jobs/credit-payload.js';

export type { CreateAdvisoryPayload, UpdateAdvisoryPayload } from '../../jobs/advisory-payloads.js';

/**
 * Keyed by the comment, so repeating the command after fixing a refusal tries again; the
 * job itself opens nothing when the report already has its advisory.
 */
export function createAdvisoryJob(triage: TriageRecord, repository: { owner: string; repo: string }, commentId: number, now: Date, by?: string): NewJob {
  const payload = { reportId: triage.reportId, owner: repository.owner, repo: repository.repo, ...(by === undefined ? {} : { by }) };
  return newJob('create-advisory', payload, { key: `advisory:${commentId}`, org: triage.org, runAfter: now });
}

export function updateAdvisoryJob(triage: TriageRecord, commentId: number, now: Date): NewJob {
  return newJob('update-advisory', { reportId: triage.reportId }, { key: `advisory-update:${commentId}`, org: triage.org, runAfter: now });
}

/**
 * A `publish-credit` job: one per published advisory (a redelivered `published` webhook
 * records nothing twice), or one per `/resolved` of a report without an advisory (a second
 * `/resolved` after a reopen queues again; the job credits a report once, see credit-researcher.ts).
 */
export function publishCreditJob(payload: CreditPayload, now: Date): NewJob {
  const key = payload.source === 'resolved' ? `credit:${payload.reportId}:${payload.commentId}` : `publish:${payload.ghsaId}`;
  return newJob('publish-credit', payload, { key, org: payload.org, runAfter: now });
}

/** `/resolved` on a report without an advisory: credit its researcher, queued with the change that resolves it. */
export function resolvedCreditJob(triage: TriageRecord, commentId: number, now: Date): NewJob {
  return publishCreditJob({ source: 'resolved', org: triage.org, reportId: triage.reportId, commentId, resolvedAt: now.getTime() }, now);
}
