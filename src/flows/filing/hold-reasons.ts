import type { HoldCategory } from '../../metrics/metrics.js';

/**
 * Why a report cannot be filed: the sentence stored with it (shown to staff in the org's
 * alert issue and the log) and its category (the metrics label). The sentences are made
 * here and only here, so {@link holdCategory} can read a stored one back without a
 * category column: what it matches is what these builders write.
 */
export interface HoldReason {
  category: HoldCategory;
  text: string;
}

const NOT_INSTALLED = 'the app is not installed on this organisation';
const CONFIG_INVALID = 'the config is invalid: ';
const TRACKING_REPO = 'the tracking repository ';
const REPO_MISSING = ' does not exist or the app cannot see it';
const REPO_PUBLIC = ' is public; reports are only filed in private repositories';
const REPO_ARCHIVED = ' is archived';

export const holdReasons = {
  notInstalled: (): HoldReason => ({ category: 'not-installed', text: NOT_INSTALLED }),
  configInvalid: (problems: string): HoldReason => ({ category: 'config-invalid', text: `${CONFIG_INVALID}${problems}` }),
  /** `where` is `org/repo`. */
  trackingRepoMissing: (where: string): HoldReason => ({ category: 'tracking-repo-missing', text: `${TRACKING_REPO}${where}${REPO_MISSING}` }),
  trackingRepoPublic: (where: string): HoldReason => ({ category: 'tracking-repo-public', text: `${TRACKING_REPO}${where}${REPO_PUBLIC}` }),
  trackingRepoArchived: (where: string): HoldReason => ({ category: 'tracking-repo-archived', text: `${TRACKING_REPO}${where}${REPO_ARCHIVED}` }),
};

/**
 * The category of a stored hold reason. The config's problems are quoted after a fixed
 * prefix and may say anything, so that prefix is checked before the repository sentences.
 * A reason this version does not write, or none, is `other`.
 */
export function holdCategory(text: string | null): HoldCategory {
  if (text === null) return 'other';
  if (text === NOT_INSTALLED) return 'not-installed';
  if (text.startsWith(CONFIG_INVALID)) return 'config-invalid';
  if (!text.startsWith(TRACKING_REPO)) return 'other';
  if (text.endsWith(REPO_MISSING)) return 'tracking-repo-missing';
  if (text.endsWith(REPO_PUBLIC)) return 'tracking-repo-public';
  if (text.endsWith(REPO_ARCHIVED)) return 'tracking-repo-archived';
  return 'other';
}
