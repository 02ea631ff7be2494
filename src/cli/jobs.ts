import type { DeadJob } from '../store/store.js';
import { openStore } from '../store/open-store.js';
import { JOBS_USAGE, parseJobsArgs } from './jobs-args.js';
import { queueOrgAlert } from '../flows/alerts/queue-org-alert.js';

/**
 * `npm run jobs -- dead`: the dead jobs (what, for which organisation, why, since when);
 * `npm run jobs -- requeue <key>` / `--all`: back in the queue once the cause is fixed. Uses
 * the store the app uses (DATABASE_URL, else DATA_DIR / ./data); running instances pick the
 * requeued jobs up at their next poll.
 */
const parsed = parseJobsArgs(process.argv.slice(2));
if (!parsed.ok) {
  process.stderr.write(`${parsed.error}\n${JOBS_USAGE}\n`);
  process.exit(2);
}
const store = await openStore({ databaseUrl: process.env.DATABASE_URL, dataDir: process.env.DATA_DIR, encryptionKey: process.env.DATA_ENCRYPTION_KEY || undefined });
try {
  if (parsed.command.action === 'dead') {
    process.stdout.write(formatDeadJobs(await store.listDeadJobs()));
  } else {
    const dead = await store.listDeadJobs();
    const keys = await store.requeueDeadJobs(new Date(), parsed.command.key ?? undefined);
    // Their organisations' alert issues are brought up to date by the running app.
    const orgs = new Set(dead.filter((job) => keys.includes(job.key)).map((job) => job.org));
    for (const org of orgs) await queueOrgAlert(store, org, new Date());
    if (keys.length === 0 && parsed.command.key !== null) {
      process.stderr.write(`no dead job has the key ${parsed.command.key} (see npm run jobs -- dead)\n`);
      process.exitCode = 1;
    } else {
      process.stdout.write(`requeued ${keys.length} job${keys.length === 1 ? '' : 's'}${keys.map((key) => `\n  ${key}`).join('')}\n`);
    }
  }
} finally {
  await store.close();
}

function formatDeadJobs(jobs: DeadJob[]): string {
  if (jobs.length === 0) return 'no dead jobs\n';
  const lines = jobs.map((job) => `${job.diedAt.toISOString()}  ${job.org}  ${job.kind}  ${job.key}  (${job.attempts} attempts)\n    ${job.lastError ?? ''}`);
  return `${jobs.length} dead job${jobs.length === 1 ? '' : 's'}:\n${lines.join('\n')}\n`;
}
