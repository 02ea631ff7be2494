import type { Language } from '../../report/report.js';
import { html, type SafeHtml } from '../http/html.js';
import { inLanguage, orgPagePaths } from './org-page-paths.js';
import type { PolicyTexts } from './policy-texts.js';

/** Which of the organisation's pages is showing. */
export type SecurityPage = 'report' | 'policy' | 'hall-of-fame';

/** Links between the report form, the policy and the hall of fame, in the current language. */
export function renderSecurityNav(texts: PolicyTexts, login: string, language: Language, current: SecurityPage): SafeHtml {
  const paths = orgPagePaths(login);
  const links: [string, string, boolean][] = [
    [paths.report, texts.nav.report, current === 'report'],
    [paths.policy, texts.nav.policy, current === 'policy'],
    [paths.hallOfFame, texts.nav.hallOfFame, current === 'hall-of-fame'],
  ];
  return html`<nav class="page-nav" aria-label="${texts.nav.label}"><ul>${links.map(
    ([path, label, here]) => html`<li><a href="${inLanguage(path, language)}"${here && html` aria-current="page"`}>${label}</a></li>`,
  )}</ul></nav>`;
}
