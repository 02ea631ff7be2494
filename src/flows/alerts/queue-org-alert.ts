import { newJob } from '../../jobs/new-job.js';
import type { Store } from '../../store/store.js';

/** Alerts of one organisation are brought up to date at most once a minute, a little after the change. */
const ALERT_BUCKET_MS = 60_000;
const ALERT_DELAY_MS = 15_000;

/**
 * Something that changes what the organisation must be told happened (a report held or
 * released, a job dead or requeued, a config pushed): its alert job runs shortly. One job per
 * organisation and minute, however many changes arrive; the job reads the state fresh.
 */
export async function queueOrgAlert(store: Pick<Store, 'enqueue'>, org: string, now: Date): Promise<void> {
  const bucket = Math.floor(now.getTime() / ALERT_BUCKET_MS);
  await store.enqueue(newJob('org-alert', { org }, { key: `org-alert:${org.toLowerCase()}:${bucket}`, org, runAfter: new Date(now.getTime() + ALERT_DELAY_MS) }));
}
