import { UNINSTALLED_RECHECK_MS } from '../../jobs/backoff.js';
import { NotFoundError, RefusedError } from '../../errors.js';
import type { Job } from '../../store/store.js';
import { advisoryUpdateRefusalLine } from '../../issue-text/advisory-replies.js';
import type { AdvisoryJobDeps } from './create-advisory-job.js';
import { issueUpdateJob } from '../triage/queue-issue-update.js';
import type { JobHandler, JobOutcome } from '../../jobs/worker.js';
import { parsePayload } from '../../jobs/parse-job.js';
import { pacedWrite } from '../../jobs/pace-writes.js';

/** Sends a draft advisory the CWE ids and packages the store holds now (`/cwe`, `/package`). */
export function updateAdvisoryJobHandler(deps: AdvisoryJobDeps): JobHandler {
  return async (job: Job): Promise<JobOutcome> => {
    const { reportId } = parsePayload('update-advisory', job);
    const triage = await deps.store.getTriage(reportId);
    if (triage === null || triage.ghsaId === null || triage.advisoryRepo === null) return { kind: 'done' };
    const [owner = '', repo = ''] = triage.advisoryRepo.split('/');
    const installationId = await deps.github.installationFor(job.org);
    if (installationId === null) return { kind: 'later', afterMs: UNINSTALLED_RECHECK_MS, reason: 'the app is not installed on this organisation' };
    const advisories = await deps.github.advisories(installationId);
    try {
      const ghsaId = triage.ghsaId;
      await pacedWrite(deps.pacer.lane(job.org), 'write', () =>
        advisories.updateAdvisory(owner, repo, ghsaId, {
          cweIds: triage.cweIds,
          ...(triage.packages.length > 0 ? { vulnerabilities: triage.packages } : {}),
        }),
      );
    } catch (error) {
      if (!(error instanceof RefusedError) && !(error instanceof NotFoundError)) throw error;
      const comment = advisoryUpdateRefusalLine(triage.trackingLanguage, { owner, repo, ghsaId: triage.ghsaId }, error);
      await deps.store.enqueue(
        issueUpdateJob(`${job.key}:refused`, job.org, { reportId, repo: triage.repo, issueNumber: triage.issueNumber, addLabels: [], removeLabels: [], syncDeadlines: false, comment, issueState: null }, deps.clock()),
      );
    }
    return { kind: 'done' };
  };
}
