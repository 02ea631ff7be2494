import type { ReportEvent } from '../report/report-event.js';
import type { TriageStatus } from './triage-status.js';

/**
 * Fix verification (`/verify-fix`): staff ask the researcher to check the fix; the researcher
 * answers once per request, on the status page. The requests and answers are report events
 * (no state of their own): a request is `fix-verification-requested`, numbered from 1 in the
 * order the events were recorded; an answer is `fix-verification-answered` naming its request.
 */

/** What the researcher can answer. */
export const FIX_VERDICTS = ['confirmed', 'not-fixed'] as const;
export type FixVerdict = (typeof FIX_VERDICTS)[number];

export const FIX_VERIFICATION_REQUESTED = 'fix-verification-requested';
export const FIX_VERIFICATION_ANSWERED = 'fix-verification-answered';

/** The label each answer sets on the tracking issue (the other one is removed). */
export const FIX_LABELS = { confirmed: 'fix:verified', 'not-fixed': 'fix:not-fixed' } as const satisfies Record<FixVerdict, string>;
export type FixLabelName = (typeof FIX_LABELS)[FixVerdict];

/**
 * Where there is a fix to check: accepted (a fix is being rolled out), resolved, or published.
 * `/verify-fix` is refused elsewhere, and an open request can be answered only while the
 * report stays in one of these (a report rejected since has nothing to verify).
 */
export const FIX_VERIFIABLE_STATUSES: ReadonlySet<TriageStatus> = new Set(['accepted', 'resolved', 'published']);

/** One request, and its answer once given. */
export interface FixVerificationRequest {
  /** 1 for the first `/verify-fix`, 2 for the next… */
  request: number;
  requestedAt: Date;
  answer: { verdict: FixVerdict; at: Date } | null;
}

export function isFixVerdict(value: unknown): value is FixVerdict {
  return typeof value === 'string' && (FIX_VERDICTS as readonly string[]).includes(value);
}

/** The requests of a report, oldest first, each with its answer (the first one given: a request is answered once). */
export function fixVerificationRequests(events: ReadonlyArray<Pick<ReportEvent, 'type' | 'at' | 'data'>>): FixVerificationRequest[] {
  const requests: FixVerificationRequest[] = [];
  for (const event of events) {
    if (event.type === FIX_VERIFICATION_REQUESTED) requests.push({ request: requests.length + 1, requestedAt: event.at, answer: null });
    if (event.type !== FIX_VERIFICATION_ANSWERED) continue;
    const verdict = event.data?.verdict;
    const target = requests.find((r) => r.request === event.data?.request);
    if (target !== undefined && target.answer === null && isFixVerdict(verdict)) target.answer = { verdict, at: event.at };
  }
  return requests;
}

/**
 * The request the researcher can answer now: the latest one, while it has no answer and the
 * report still has a fix to check. A new `/verify-fix` replaces an unanswered earlier one.
 */
export function openFixVerification(requests: readonly FixVerificationRequest[], status: TriageStatus): FixVerificationRequest | null {
  const latest = requests.at(-1);
  return latest !== undefined && latest.answer === null && FIX_VERIFIABLE_STATUSES.has(status) ? latest : null;
}
