import { hasAdvisory, type HallOfFameEntry, type HallOfFameResearcher } from '../../issue-text/hall-of-fame.js';
import { formatMoney } from '../../triage/rewards.js';
import type { OrganisationView } from '../../flows/intake/intake-ports.js';
import { catalogue } from '../../i18n/catalogues.js';
import type { Language } from '../../report/report.js';
import { html, type SafeHtml } from '../http/html.js';
import { layout, type LanguageLink } from './layout.js';
import { renderSecurityNav } from './security-nav.js';
import { translator } from './strings.js';

/** What the public hall of fame shows. */
export interface HallOfFamePageView {
  language: Language;
  organisation: OrganisationView;
  /** As stored: each researcher already as they chose to be named (the anonymous are absent). */
  entries: readonly HallOfFameEntry[];
  /** Config `hall_of_fame.show_rewards`. */
  showRewards: boolean;
  /** Config `sla.time_zone`: the day an advisory was published there. */
  timeZone: string;
  languageLinks: LanguageLink[];
}

const GITHUB_URL = /^https:\/\/github\.com\/[A-Za-z0-9._~/-]+$/;
const CVE_ID = /^CVE-\d{4}-\d{4,}$/;
const LOGIN = /^[A-Za-z0-9-]{1,39}$/;
const CURRENCY = /^[A-Z]{3}$/;
const DASH = '—';

/**
 * `/orgs/{org}/hall-of-fame`: one row per published advisory, newest first. Names and
 * pseudonyms are shown as given (a pseudonym never with an account behind it), logins link
 * to GitHub, and rewards appear only when the organisation shows them. All text is escaped.
 */
export function renderHallOfFamePage(view: HallOfFamePageView): SafeHtml {
  const { language, organisation } = view;
  const texts = catalogue(language).policy;
  const text = texts.hallOfFame;
  const date = new Intl.DateTimeFormat(catalogue(language).locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: view.timeZone });
  const rows = [...view.entries].sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime() || a.ghsaId.localeCompare(b.ghsaId));
  const title = `${text.title}: ${organisation.name}`;
  const content = html`<h1>${text.title}</h1>
${renderSecurityNav(texts, organisation.login, language, 'hall-of-fame')}
<p>${text.thanks(organisation.name)}</p>
${rows.length === 0
    ? html`<p class="empty">${text.empty}</p>`
    : html`<div class="table-wrap"><table class="hall-of-fame">
<caption>${text.caption}</caption>
<thead><tr><th scope="col">${text.columns.published}</th><th scope="col">${text.columns.researchers}</th><th scope="col">${text.columns.advisory}</th><th scope="col">${text.columns.summary}</th><th scope="col">${text.columns.cve}</th>${view.showRewards && html`<th scope="col">${text.columns.reward}</th>`}</tr></thead>
<tbody>
${rows.map(
        (entry) => html`<tr>
<td><time datetime="${entry.publishedAt.toISOString()}">${date.format(entry.publishedAt)}</time></td>
<td>${researchersCell(entry.researchers, text.notNamed)}</td>
<td>${advisoryCell(entry)}</td>
<td>${entry.summary.trim() === '' ? DASH : entry.summary}</td>
<td>${entry.cveId !== null && CVE_ID.test(entry.cveId) ? html`<a href="https://www.cve.org/CVERecord?id=${entry.cveId}">${entry.cveId}</a>` : (entry.cveId ?? DASH)}</td>
${view.showRewards && html`<td>${rewardCell(entry.reward, language)}</td>`}
</tr>
`,
      )}</tbody>
</table></div>`}`;
  return layout({ t: translator(language), language, title, orgName: organisation.name, languageLinks: view.languageLinks }, content);
}

function researchersCell(researchers: readonly HallOfFameResearcher[], notNamed: string): SafeHtml {
  const shown = researchers.filter((researcher) => researcher.display.trim() !== '');
  if (shown.length === 0) return html`<span class="not-named">${notNamed}</span>`;
  return html`${shown.map((researcher, i) => html`${i > 0 && ', '}${researcherName(researcher)}`)}`;
}

function researcherName(researcher: HallOfFameResearcher): SafeHtml {
  if (researcher.kind === 'login' && LOGIN.test(researcher.display)) {
    return html`<a href="https://github.com/${researcher.display}">@${researcher.display}</a>`;
  }
  return html`<span class="researcher">${researcher.display}</span>`;
}

function advisoryCell(entry: HallOfFameEntry): SafeHtml {
  // A report resolved without an advisory is credited too; its key is not for the public.
  if (!hasAdvisory(entry)) return html`${DASH}`;
  if (GITHUB_URL.test(entry.advisoryUrl)) return html`<a href="${entry.advisoryUrl}">${entry.ghsaId}</a>`;
  return html`${entry.ghsaId}`;
}

function rewardCell(reward: HallOfFameEntry['reward'], language: Language): string {
  if (reward === null) return DASH;
  return formatMoney(reward.amount, CURRENCY.test(reward.currency) ? reward.currency : '', language).trim();
}
