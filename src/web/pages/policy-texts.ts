import type { Catalogue } from '../../i18n/catalogues.js';
import type { Severity } from '../../report/severity.js';

export type { Prose } from '../../i18n/types.js';

/**
 * Every text of the policy and hall-of-fame pages in one language (src/i18n, `policy`).
 * `prose` is what an organisation may replace (config `policy.sections`); the rest words
 * the facts taken from the config, which always stay. All plain text: the pages escape it.
 */
export type PolicyTexts = Catalogue['policy'];

/** Severities that carry a resolution target and a reward range. */
export type RatedSeverity = Exclude<Severity, 'none'>;
