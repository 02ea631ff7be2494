import type { Clock } from '../../clock/clock.js';
import { describeProblems } from '../../config/parse-config.js';
import { ALERT_MARKER, ALERT_REPO, type AlertFacts, alertResolved, alertTitle, needsAlert, planAlertBody } from '../../issue-text/plan-org-alert.js';
import { type LanePacers, pacedIssues } from '../../jobs/pace-writes.js';
import { parsePayload } from '../../jobs/parse-job.js';
import type { JobHandler } from '../../jobs/worker.js';
import type { Logger } from '../../log.js';
import type { GitHubPort } from '../../ports/github.js';
import type { Store } from '../../store/store.js';
import { effectiveConfig, type OrgDirectory } from '../org-directory.js';

/** The alert issue is looked for among issues since this date: it is one long-lived issue. */
const SINCE_EVER = new Date(0);

/**
 * Brings the organisation's one alert issue (in its `.github` repository) up to date: opened
 * when something needs a person (an invalid config, held reports, stopped jobs), its body
 * kept current, closed with a comment when all is well. It reads everything fresh and looks
 * for its issue by marker before creating one, so a retry or a second run never makes two.
 */
export function orgAlertJob(deps: { store: Store; github: GitHubPort; orgs: OrgDirectory; pacer: LanePacers; clock: Clock; log: Logger }): JobHandler {
  return async (job) => {
    const { org } = parsePayload('org-alert', job);
    const settings = await deps.orgs.get(org, { fresh: true });
    if (settings === null) return { kind: 'done' };
    const attention = await deps.store.orgAttention(org);
    const lang = effectiveConfig(settings).tracking.language;
    const facts: AlertFacts = {
      configProblems: settings.config.ok ? null : describeProblems(settings.config).split('; '),
      held: attention.held,
      deadJobs: attention.deadJobs,
    };
    const issues = pacedIssues(await deps.github.issues(settings.installationId), deps.pacer.lane(org));
    if ((await issues.getRepository(org, ALERT_REPO)) === null) {
      if (needsAlert(facts)) deps.log.warn({ org }, 'alert not raised: the organisation has no .github repository the app can see');
      return { kind: 'done' };
    }
    const found = await issues.findIssueByMarker(org, ALERT_REPO, ALERT_MARKER, SINCE_EVER);
    const current = found === null ? null : await issues.getIssue(org, ALERT_REPO, found.number);
    if (!needsAlert(facts)) {
      if (found !== null && current?.state === 'open') {
        await issues.createComment(org, ALERT_REPO, found.number, alertResolved(lang));
        await issues.updateIssue(org, ALERT_REPO, found.number, { state: 'closed', stateReason: 'completed' });
        deps.log.info({ org, issueNumber: found.number }, 'alert closed');
      }
      return { kind: 'done' };
    }
    const body = planAlertBody(facts, lang);
    if (found === null || current === null) {
      const created = await issues.createIssue(org, ALERT_REPO, { title: alertTitle(lang), body, labels: [] });
      deps.log.warn({ org, issueNumber: created.number }, 'alert raised');
      return { kind: 'done' };
    }
    if (current.state !== 'open' || current.body !== body) {
      await issues.updateIssue(org, ALERT_REPO, found.number, { body, state: 'open' });
      deps.log.warn({ org, issueNumber: found.number }, 'alert updated');
    }
    return { kind: 'done' };
  };
}
