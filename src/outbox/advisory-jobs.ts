import type { NewJob } from '../store/store.js';
import type { TriageRecord } from '../store/triage-records.js';

/** Payload of a `create-advisory` job. */
export interface CreateAdvisoryPayload {
  reportId: string;
  owner: string;
  repo: string;
  /** Who asked (`/accept owner/repo`, `/advisory owner/repo`): they need write access there too. */
  by?: string;
}

/** Payload of an `update-advisory` job: the store holds what to send. */
export interface UpdateAdvisoryPayload {
  reportId: string;
}

/**
 * Keyed by the comment, so repeating the command after fixing a refusal tries again; the
 * job itself opens nothing when the report already has its advisory.
 */
export function createAdvisoryJob(triage: TriageRecord, repository: { owner: string; repo: string }, commentId: number, now: Date, by?: string): NewJob {
  const payload: CreateAdvisoryPayload = { reportId: triage.reportId, ...repository, ...(by === undefined ? {} : { by }) };
  return {
    key: `advisory:${commentId}`,
    kind: 'create-advisory',
    org: triage.org,
    payload: JSON.stringify(payload),
    runAfter: now,
  };
}

export function updateAdvisoryJob(triage: TriageRecord, commentId: number, now: Date): NewJob {
  const payload: UpdateAdvisoryPayload = { reportId: triage.reportId };
  return { key: `advisory-update:${commentId}`, kind: 'update-advisory', org: triage.org, payload: JSON.stringify(payload), runAfter: now };
}
