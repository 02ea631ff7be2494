import type { Clock } from '../../clock/clock.js';
import { catalogue } from '../../i18n/catalogues.js';
import type { Logger } from '../../log.js';
import { fixVerificationAnswerText } from '../../researcher/message-text.js';
import { saveTriageRetrying, triageFieldsOf } from '../../store/save-triage.js';
import type { Store } from '../../store/store.js';
import type { TriageChange } from '../../store/triage-records.js';
import { FIX_LABELS, FIX_VERIFICATION_ANSWERED, type FixVerdict, fixVerificationRequests, openFixVerification } from '../../triage/fix-verification.js';
import { issueUpdateJob } from '../triage/queue-issue-update.js';
import { fencedWithin, researcherText } from './receive-reply.js';

/** The researcher's answer to one fix verification request (`/verify-fix`), from the status page. */
export interface FixVerificationAnswer {
  reportId: string;
  /** The request answered, as the page showed it (1 for the first `/verify-fix`…). */
  request: number;
  verdict: FixVerdict;
  /** Their note; may be empty. Untrusted text. */
  note: string;
}

/**
 * `recorded`; `already-answered` when this request has its answer (the first one stands);
 * `not-open` when it cannot be answered (a later `/verify-fix` replaced it, the report has no
 * fix to check any more, or there is no such request); `not-filed` before filing.
 */
export type FixVerificationOutcome = 'recorded' | 'already-answered' | 'not-open' | 'not-filed' | 'unknown';

/** The outbox key of an answer: one per request, so a second answer (or a retried post) lands nowhere twice. */
export function fixVerificationKey(reportId: string, request: number): string {
  return `fix-verification:${reportId}:${request}`;
}

/**
 * Records the researcher's answer to the open fix verification request: a comment on the
 * tracking issue (the verdict in the tracking language; their note neutralised as a fenced
 * block), the label `fix:verified` or `fix:not-fixed` (the other one removed), an event for
 * the status story, and the answer in the conversation. One atomic change keyed by the
 * request, so the answer lands exactly once; a second answer to the same request is refused
 * (the first stands: staff may already have acted on it). Nothing else changes: staff decide
 * what a "not fixed" means for the report.
 */
export async function receiveFixVerification(
  deps: { store: Store; clock: Clock; log: Logger; kick: () => void },
  answer: FixVerificationAnswer,
): Promise<FixVerificationOutcome> {
  if ((await deps.store.getReport(answer.reportId)) === null) return 'unknown';
  const note = researcherText(answer.note).trim();
  const key = fixVerificationKey(answer.reportId, answer.request);
  let refusal: 'already-answered' | 'not-open' = 'not-open';

  const saved = await saveTriageRetrying(deps.store, answer.reportId, async (triage): Promise<TriageChange | null> => {
    // Read with the version the change is checked against: a request or answer saved in
    // between is a conflict, and this is planned again on what it saved.
    const requests = fixVerificationRequests(await deps.store.listEvents(triage.reportId));
    if (requests.find((r) => r.request === answer.request)?.answer != null) {
      refusal = 'already-answered';
      return null;
    }
    const open = openFixVerification(requests, triage.status);
    if (open?.request !== answer.request) {
      refusal = 'not-open';
      return null;
    }
    const now = deps.clock();
    const words = catalogue(triage.trackingLanguage).triage.fixVerification;
    const heading = answer.verdict === 'not-fixed' ? `${words['not-fixed']} ${words.notFixedHint}` : words.confirmed;
    const comment = note === '' ? `${heading}\n\n${words.noNote}` : `${heading}\n\n${fencedWithin(note)}`;
    const label = FIX_LABELS[answer.verdict];
    return {
      reportId: triage.reportId,
      expectedVersion: triage.version,
      fields: triageFieldsOf(triage),
      events: [{ reportId: triage.reportId, type: FIX_VERIFICATION_ANSWERED, at: now, data: { request: answer.request, verdict: answer.verdict, characters: note.length } }],
      jobs: [
        issueUpdateJob(
          key,
          triage.org,
          {
            reportId: triage.reportId,
            repo: triage.repo,
            issueNumber: triage.issueNumber,
            addLabels: [label],
            removeLabels: Object.values(FIX_LABELS).filter((other) => other !== label),
            syncDeadlines: false,
            comment,
            issueState: null,
          },
          now,
        ),
      ],
      messages: [{ reportId: triage.reportId, kind: 'from-researcher', body: fixVerificationAnswerText(triage.language, answer.verdict, note), at: now }],
    };
  });
  if (saved === 'gone') return 'not-filed';
  if (saved === 'duplicate') return 'already-answered';
  if (saved === 'nothing') return refusal;
  deps.kick();
  deps.log.info({ reportId: answer.reportId, request: answer.request, verdict: answer.verdict }, 'fix verification answered');
  return 'recorded';
}
