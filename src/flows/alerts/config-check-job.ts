import type { Clock } from '../../clock/clock.js';
import { checkConfigText, type LocatedProblem } from '../../config/check-config-text.js';
import { CONFIG_FILE } from '../../config/parse-config.js';
import { RefusedError } from '../../errors.js';
import { type LanePacers, pacedWrite } from '../../jobs/pace-writes.js';
import { parsePayload } from '../../jobs/parse-job.js';
import type { JobHandler } from '../../jobs/worker.js';
import type { Logger } from '../../log.js';
import type { CheckRunResult, GitHubPort } from '../../ports/github.js';
import type { Store } from '../../store/store.js';
import { effectiveConfig, type OrgDirectory } from '../org-directory.js';
import { catalogue } from '../../i18n/catalogues.js';
import type { Language } from '../../report/report.js';
import { neutraliseInline } from '../../report/neutralise.js';
import { queueOrgAlert } from './queue-org-alert.js';

/** The check run's name on the commit: what the organisation sees beside its CI. */
export const CONFIG_CHECK_NAME = 'Disclosure Desk: configuration';

/**
 * Checks `.github/disclosure.yml` at a pushed commit (or a pull request's head) and puts the
 * result on that commit as a check run, each problem on its line. Where the organisation has
 * not granted `checks: write`, the alert issue says it instead. Either way the organisation's
 * alert is brought up to date, and its cached config forgotten.
 */
export function configCheckJob(deps: { store: Store; github: GitHubPort; orgs: OrgDirectory; pacer: LanePacers; clock: Clock; log: Logger }): JobHandler {
  return async (job) => {
    const { org, repo, sha } = parsePayload('config-check', job);
    const settings = await deps.orgs.get(org, { fresh: true });
    if (settings === null) return { kind: 'done' };
    const file = await (await deps.github.repoFiles(settings.installationId)).readFile(org, repo, CONFIG_FILE, sha);
    const result = checkResult(file === null ? null : checkConfigText(file.text), effectiveConfig(settings).tracking.language);
    const checks = await deps.github.checks(settings.installationId);
    const lane = deps.pacer.lane(org);
    try {
      const existing = await checks.findCheckRun(org, repo, sha, CONFIG_CHECK_NAME);
      if (existing === null) await pacedWrite(lane, 'create', () => checks.createCheckRun(org, repo, { sha, name: CONFIG_CHECK_NAME, result }));
      else await pacedWrite(lane, 'write', () => checks.updateCheckRun(org, repo, existing, result));
    } catch (error) {
      if (!(error instanceof RefusedError)) throw error;
      deps.log.info({ org, sha }, 'config check not written: checks permission not granted; the alert issue tells the organisation');
    }
    deps.log.info({ org, sha, conclusion: result.conclusion }, 'config checked');
    await queueOrgAlert(deps.store, org, deps.clock());
    return { kind: 'done' };
  };
}

function checkResult(check: ReturnType<typeof checkConfigText> | null, lang: Language): CheckRunResult {
  const text = catalogue(lang).alert.check;
  if (check === null) return { conclusion: 'neutral', title: text.noFileTitle, summary: text.noFileSummary(CONFIG_FILE), annotations: [] };
  if (check.ok) return { conclusion: 'success', title: text.validTitle, summary: text.validSummary(CONFIG_FILE), annotations: [] };
  return {
    conclusion: 'failure',
    title: text.invalidTitle(check.problems.length, CONFIG_FILE),
    summary: [text.invalidSummary, '', ...check.problems.map((problem) => `- ${describe(problem, text.line)}`)].join('\n'),
    annotations: check.problems.map((problem) => ({ path: CONFIG_FILE, line: problem.line ?? 1, message: `${problem.key}: ${problem.reason}` })),
  };
}

/** Keys may be the organisation's own (an unknown key is named as written): neutralised like any text from outside. */
function describe(problem: LocatedProblem, line: (n: number) => string): string {
  return `${neutraliseInline(problem.key)}${problem.line === null ? '' : ` (${line(problem.line)})`}: ${neutraliseInline(problem.reason)}`;
}
