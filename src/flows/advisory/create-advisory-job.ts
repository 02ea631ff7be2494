import { createHash } from 'node:crypto';
import { UNINSTALLED_RECHECK_MS } from '../../jobs/backoff.js';
import type { Clock } from '../../clock/clock.js';
import { advisorySeverity, planAdvisory } from '../../issue-text/plan-advisory.js';
import { NotFoundError, RefusedError } from '../../errors.js';
import type { Logger } from '../../log.js';
import { CvssVectorRefusedError, type GitHubPort } from '../../ports/github.js';
import type { Job, Store } from '../../store/store.js';
import type { TriageRecord } from '../../triage/triage-record.js';
import { reportMarker } from '../../issue-text/marker.js';
import { advisoryLinkedLine, advisoryPermissionLine, advisoryRefusalLine, collaboratorRefusalLine, cvssRefusedLine } from '../../issue-text/advisory-replies.js';
import { issueUpdateJob } from '../triage/queue-issue-update.js';
import { type LanePacers, pacedWrite } from '../../jobs/pace-writes.js';
import type { JobHandler, JobOutcome } from '../../jobs/worker.js';
import { parsePayload } from '../../jobs/parse-job.js';

export interface AdvisoryJobDeps {
  store: Store;
  github: GitHubPort;
  pacer: LanePacers;
  clock: Clock;
  log: Logger;
}

/**
 * Opens the draft repository security advisory of an accepted report, credits the
 * researcher and adds them as a collaborator, and links advisory and issue both ways (a
 * comment and `advisory:draft` on the issue; the report id in the advisory; the GHSA id in
 * the store). Where GitHub refuses, the issue says why and how to fix it, and tracking goes
 * on without the advisory. Where it refuses only the CVSS vector (3.1 or 4.0), the draft is
 * opened with the severity of its score and the issue says so once (rule "exactly once
 * under lost answers").
 */
export function createAdvisoryJobHandler(deps: AdvisoryJobDeps): JobHandler {
  return async (job: Job): Promise<JobOutcome> => {
    const { reportId, owner, repo, by } = parsePayload('create-advisory', job);
    const triage = await deps.store.getTriage(reportId);
    // Already linked: a repeated /advisory, or a report that came from GitHub's own reporting.
    if (triage === null || triage.ghsaId !== null) return { kind: 'done' };
    const installationId = await deps.github.installationFor(job.org);
    if (installationId === null) return { kind: 'later', afterMs: UNINSTALLED_RECHECK_MS, reason: 'the app is not installed on this organisation' };
    const issues = await deps.github.issues(installationId);
    const advisories = await deps.github.advisories(installationId);
    const lang = triage.trackingLanguage;
    const reply = async (key: string, comment: string, addLabels: string[] = []) => {
      await deps.store.enqueue(
        issueUpdateJob(key, job.org, { reportId, repo: triage.repo, issueNumber: triage.issueNumber, addLabels, removeLabels: [], syncDeadlines: false, comment, issueState: null }, deps.clock()),
      );
    };

    // Write access to the tracking repository is not write access to every repository the
    // app is installed on: the person who asked must be able to write where the draft goes.
    // (A repository the app cannot see is left to GitHub's own answer below.)
    if (by !== undefined && (await issues.getRepository(owner, repo)) !== null && !['admin', 'maintain', 'write'].includes(await issues.permissionOf(owner, repo, by))) {
      await reply(`${job.key}:refused`, advisoryPermissionLine(lang, { owner, repo }, by));
      await deps.store.recordEvent({ reportId, type: 'advisory-refused', at: deps.clock(), data: { repository: `${owner}/${repo}`, reason: 'requester-permission' } });
      return { kind: 'done' };
    }

    const issue = await issues.getIssue(job.org, triage.repo, triage.issueNumber);
    const login = triage.researcher?.github ?? null;
    const plan = planAdvisory({
      reportId,
      issueTitle: issue?.title ?? reportId,
      issueBody: issue?.body ?? '',
      cvssVector: triage.cvssVector,
      severity: triage.severity,
      cweIds: triage.cweIds,
      packages: triage.packages,
      repository: { owner, repo },
      researcher: triage.researcher === null ? null : { github: login, credit: triage.researcher.credit, name: triage.researcher.name },
    });

    let advisory = job.attempts > 0 ? await advisories.findAdvisoryByMarker(owner, repo, reportMarker(reportId)) : null;
    if (advisory === null) {
      const open = (draft: typeof plan) => pacedWrite(deps.pacer.lane(job.org), 'create', () => advisories.createAdvisory(owner, repo, draft));
      try {
        try {
          advisory = await open(plan);
        } catch (error) {
          if (!(error instanceof CvssVectorRefusedError) || plan.cvssVector === null) throw error;
          // GitHub refused the vector (a version it does not take): once more with the
          // severity of the score. The note is queued before that create, under a key of the
          // report and vector: a lost answer to the create retries this job, which finds the
          // draft by its marker (or is refused again and queues the same key), so staff
          // read it once. The second create carries no vector, so it cannot end up here.
          const severity = await noteVectorRefused(deps, job, triage, plan.cvssVector, error);
          advisory = await open({ ...plan, cvssVector: null, severity });
        }
      } catch (error) {
        if (!(error instanceof RefusedError) && !(error instanceof NotFoundError)) throw error;
        // GitHub answers 404 both for a repository the app cannot see and for a private one
        // without Advanced Security; the repository itself tells which.
        const target = error instanceof NotFoundError ? await issues.getRepository(owner, repo) : null;
        await reply(`${job.key}:refused`, advisoryRefusalLine(lang, { owner, repo }, error, target));
        await deps.store.recordEvent({ reportId, type: 'advisory-refused', at: deps.clock(), data: { repository: `${owner}/${repo}`, status: error instanceof RefusedError ? error.status : 404 } });
        deps.log.warn({ reportId, repository: `${owner}/${repo}` }, 'draft advisory refused by GitHub');
        return { kind: 'done' };
      }
    }
    let collaborator: 'added' | 'refused' | 'none' = 'none';
    if (login !== null) {
      try {
        const ghsaId = advisory.ghsaId;
        await pacedWrite(deps.pacer.lane(job.org), 'write', () => advisories.updateAdvisory(owner, repo, ghsaId, { collaboratingUsers: [login] }));
        collaborator = 'added';
      } catch (error) {
        if (!(error instanceof RefusedError) && !(error instanceof NotFoundError)) throw error;
        collaborator = 'refused';
      }
    }
    const credited = plan.credits.length > 0;
    const lines = [advisoryLinkedLine(lang, { owner, repo, ghsaId: advisory.ghsaId, url: advisory.url, login, credited, collaborator: collaborator === 'added' })];
    if (collaborator === 'refused' && login !== null) lines.push(collaboratorRefusalLine(lang, login));
    await reply(`advisory-linked:${advisory.ghsaId}`, lines.join('\n'), ['advisory:draft']);
    // Linked last: a crash before this line retries the job, which finds the draft by its
    // marker instead of opening a second one; every step before is idempotent.
    await deps.store.recordAdvisory(reportId, { ghsaId: advisory.ghsaId, url: advisory.url, repo: `${owner}/${repo}` });
    await deps.store.recordEvent({ reportId, type: 'advisory-created', at: deps.clock(), data: { ghsaId: advisory.ghsaId } });
    deps.log.info({ reportId, ghsaId: advisory.ghsaId }, 'draft advisory opened');
    return { kind: 'done' };
  };
}

/**
 * The key of the note that GitHub refused a report's CVSS vector: one per report and
 * vector, whichever job (the draft's create, a later `/cwe` update) met the refusal.
 */
export function cvssRefusedNoteKey(reportId: string, vector: string): string {
  return `advisory-cvss-refused:${reportId}:${createHash('sha256').update(vector).digest('hex').slice(0, 16)}`;
}

/**
 * Queues the note that GitHub refused the vector and that the severity of its score goes
 * instead (exactly once: cvssRefusedNoteKey), and returns that severity (null for a score
 * of 0.0, which is no advisory severity).
 */
export async function noteVectorRefused(
  deps: Pick<AdvisoryJobDeps, 'store' | 'clock' | 'log'>,
  job: Job,
  triage: TriageRecord,
  vector: string,
  error: CvssVectorRefusedError,
): Promise<ReturnType<typeof advisorySeverity>> {
  const severity = advisorySeverity(triage.severity, triage.cvssVector);
  const comment = cvssRefusedLine(triage.trackingLanguage, vector, severity, error);
  await deps.store.enqueue(
    issueUpdateJob(cvssRefusedNoteKey(triage.reportId, vector), job.org, { reportId: triage.reportId, repo: triage.repo, issueNumber: triage.issueNumber, addLabels: [], removeLabels: [], syncDeadlines: false, comment, issueState: null }, deps.clock()),
  );
  deps.log.warn({ reportId: triage.reportId, cvssVersion: vector.slice(5, 8) }, 'GitHub refused the CVSS vector of the advisory; sending the severity instead');
  return severity;
}
