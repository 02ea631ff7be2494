import { UNINSTALLED_RECHECK_MS } from '../../jobs/backoff.js';
import { NotFoundError, RefusedError } from '../../errors.js';
import type { Job } from '../../store/store.js';
import { CvssVectorRefusedError, type AdvisoryUpdate } from '../../ports/github.js';
import { advisoryUpdateRefusalLine } from '../../issue-text/advisory-replies.js';
import { advisorySeverity, advisoryVector } from '../../issue-text/plan-advisory.js';
import { type AdvisoryJobDeps, noteVectorRefused } from './create-advisory-job.js';
import { issueUpdateJob } from '../triage/queue-issue-update.js';
import type { JobHandler, JobOutcome } from '../../jobs/worker.js';
import { parsePayload } from '../../jobs/parse-job.js';
import { pacedWrite } from '../../jobs/pace-writes.js';

/**
 * Sends a draft advisory the CWE ids, packages and CVSS vector (3.1 or 4.0) the store holds
 * now (`/cwe`, `/package`). Without a vector the advisory's score is left as it is (GitHub
 * refuses a severity alone on an advisory that has a vector). Where GitHub refuses the
 * vector, the update is sent once more with the severity of its score (clearing the vector
 * the draft had), and the issue gets a note saying so, once per report and vector.
 */
export function updateAdvisoryJobHandler(deps: AdvisoryJobDeps): JobHandler {
  return async (job: Job): Promise<JobOutcome> => {
    const { reportId } = parsePayload('update-advisory', job);
    const triage = await deps.store.getTriage(reportId);
    if (triage === null || triage.ghsaId === null || triage.advisoryRepo === null) return { kind: 'done' };
    const [owner = '', repo = ''] = triage.advisoryRepo.split('/');
    const installationId = await deps.github.installationFor(job.org);
    if (installationId === null) return { kind: 'later', afterMs: UNINSTALLED_RECHECK_MS, reason: 'the app is not installed on this organisation' };
    const advisories = await deps.github.advisories(installationId);
    const ghsaId = triage.ghsaId;
    const vector = advisoryVector(triage.cvssVector);
    const lists: AdvisoryUpdate = { cweIds: triage.cweIds, ...(triage.packages.length > 0 ? { vulnerabilities: triage.packages } : {}) };
    const send = (update: AdvisoryUpdate) => pacedWrite(deps.pacer.lane(job.org), 'write', () => advisories.updateAdvisory(owner, repo, ghsaId, update));
    try {
      try {
        // Without a vector GitHub gets the severity, so a later /severity reaches the draft too.
        const severity = vector === null ? advisorySeverity(triage.severity, triage.cvssVector) : null;
        const rating: Partial<AdvisoryUpdate> = vector !== null ? { cvssVector: vector } : severity !== null ? { cvssVector: null, severity } : {};
        await send({ ...lists, ...rating });
      } catch (error) {
        if (!(error instanceof CvssVectorRefusedError) || vector === null) throw error;
        // An update is idempotent: a lost answer retries the whole job, which meets the same
        // refusal and queues the same note key. The second update carries no vector.
        const severity = await noteVectorRefused(deps, job, triage, vector, error);
        await send({ ...lists, ...(severity === null ? {} : { cvssVector: null, severity }) });
      }
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
