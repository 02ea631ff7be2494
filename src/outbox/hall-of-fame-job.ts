import type { OrgDirectory } from '../config/org-directory.js';
import { renderHallOfFame } from '../credits/hall-of-fame.js';
import type { Logger } from '../log.js';
import type { GitHubPort } from '../ports.js';
import type { Job, Store } from '../store/store.js';
import type { WritePacer } from './pace-writes.js';
import type { JobHandler, JobOutcome } from './worker.js';

/**
 * Rewrites the organisation's public hall of fame (`hall_of_fame.repository` /
 * `hall_of_fame.path`) from every credit record in the store: the file is a view, so any
 * run renders the whole of it, and a run that finds it current writes nothing. A file
 * changed by someone else between read and write fails with ConflictError and is retried.
 */
export function hallOfFameJobHandler(deps: { store: Store; github: GitHubPort; orgs: OrgDirectory; pacer: WritePacer; log: Logger }): JobHandler {
  return async (job: Job): Promise<JobOutcome> => {
    const settings = await deps.orgs.get(job.org);
    if (settings === null) return { kind: 'later', afterMs: 10 * 60_000, reason: 'the app is not installed on this organisation' };
    if (!settings.config.ok) return { kind: 'later', afterMs: 60_000, reason: 'the config is invalid' };
    const { config } = settings.config;
    const { repository, path, show_rewards: showRewards } = config.hall_of_fame;
    const records = await deps.store.listCreditRecords(job.org);
    const text = renderHallOfFame(config.name ?? job.org, records, { showRewards });
    const files = await deps.github.repoFiles(settings.installationId);
    const current = await files.readFile(job.org, repository, path);
    if (current?.text === text) return { kind: 'done' };
    await deps.pacer.beforeWrite();
    await files.writeFile(job.org, repository, { path, text, message: 'Update the hall of fame', sha: current?.sha ?? null });
    deps.log.info({ org: job.org, entries: records.length }, 'hall of fame updated');
    return { kind: 'done' };
  };
}
