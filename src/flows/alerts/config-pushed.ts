import type { Clock } from '../../clock/clock.js';
import { CONFIG_FILE } from '../../config/parse-config.js';
import { newJob } from '../../jobs/new-job.js';
import type { Logger } from '../../log.js';
import type { Store } from '../../store/store.js';
import type { OrgDirectory } from '../org-directory.js';

/** Where the organisation's config lives. */
const CONFIG_REPO = '.github';

/** A `push` or `pull_request` webhook on one of the organisation's repositories, as the check needs it. */
export interface CommitFacts {
  org: string;
  repo: string;
  /** The commit to check: a push's `after`, a pull request's head. */
  sha: string;
  /** A push: the paths its commits added, modified or removed, and whether it went to the default branch. Null for a pull request. */
  push: { paths: string[]; toDefaultBranch: boolean } | null;
}

export type CommitOutcome = 'checking' | 'not-the-config';

/**
 * A commit of the `.github` repository that may change `.github/disclosure.yml` gets a
 * config check (a job: the check run is a GitHub write). A push to the default branch also
 * makes the app read the config afresh. Other repositories, and pushes that do not touch
 * the file, cost nothing.
 */
export async function configCommitted(deps: { store: Store; orgs: OrgDirectory; clock: Clock; log: Logger; kick: () => void }, facts: CommitFacts): Promise<CommitOutcome> {
  // A deleted branch "pushes" the all-zero sha: there is no commit to check.
  if (facts.repo.toLowerCase() !== CONFIG_REPO || /^0+$/.test(facts.sha)) return 'not-the-config';
  if (facts.push !== null && !facts.push.paths.includes(CONFIG_FILE)) return 'not-the-config';
  if (facts.push?.toDefaultBranch === true) deps.orgs.forget(facts.org);
  const key = `config-check:${facts.org.toLowerCase()}:${facts.sha}`;
  await deps.store.enqueue(newJob('config-check', { org: facts.org, repo: facts.repo, sha: facts.sha }, { key, org: facts.org, runAfter: deps.clock() }));
  deps.log.info({ org: facts.org, sha: facts.sha }, 'config check queued');
  deps.kick();
  return 'checking';
}
