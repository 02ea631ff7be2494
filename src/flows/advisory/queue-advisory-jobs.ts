import type { NewJob } from '../../store/store.js';
import type { TriageRecord } from '../../store/triage-records.js';
import { newJob } from '../../jobs/new-job.js';

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
