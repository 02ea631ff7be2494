import { textIn } from '../../config/localised-text.js';
import { telUri } from './security-txt.js';
import { weekdayPublicHolidays } from '../../clock/public-holiday-list.js';
import { localDate } from '../../clock/zoned-time.js';
import { deadlineTerm, isPromised } from '../../clock/deadlines.js';
import type { DisclosureConfig } from '../../config/schema.js';
import { catalogue } from '../../i18n/catalogues.js';
import { formatMoney } from '../../triage/rewards.js';
import type { Language } from '../../report/report.js';
import { html, type SafeHtml } from '../http/html.js';
import { inLanguage, orgPagePaths } from './org-page-paths.js';
import type { PolicyTexts, RatedSeverity } from './policy-texts.js';

/** What the policy derives from the config and the app, besides the org's own wording. */
export interface PolicyFacts {
  language: Language;
  texts: PolicyTexts;
  login: string;
  config: DisclosureConfig;
  /** The fingerprint of the organisation key, when one is configured. */
  keyFingerprint: string | null;
  /** For the year whose holidays are listed. */
  now: Date;
}

const RATED: readonly RatedSeverity[] = ['critical', 'high', 'medium', 'low'];

/** The channels: the form, the e-mail address, the phone number and the OpenPGP key, whichever are configured. */
export function channelFacts(facts: PolicyFacts): SafeHtml {
  const { texts, language, config, keyFingerprint } = facts;
  const paths = orgPagePaths(facts.login);
  const email = config.contact.email;
  const phone = config.contact.phone;
  return html`<dl class="facts channels">
<dt>${texts.channels.form}</dt>
<dd><a href="${inLanguage(paths.report, language)}">${texts.channels.formLink}</a>${keyFingerprint !== null && html`<br><span class="hint">${texts.channels.formEncrypted}</span>`}</dd>
${email !== undefined && html`<dt>${texts.channels.email}</dt>
<dd><a href="${`mailto:${email}`}">${email}</a><br><span class="hint">${texts.channels.emailHint}</span></dd>`}
${phone !== undefined && html`<dt>${texts.channels.phone}</dt>
<dd><a href="${telUri(phone)}">${phone}</a><br><span class="hint">${texts.channels.phoneHint}</span></dd>`}
${keyFingerprint !== null && html`<dt>${texts.channels.key}</dt>
<dd><a href="${paths.pgpKey}" type="application/pgp-keys">pgp-key.asc</a><br>${texts.channels.fingerprint}: <code class="fingerprint">${groupFingerprint(keyFingerprint)}</code></dd>`}
</dl>
<p>${texts.channels.afterReport}</p>`;
}

/** The configured out-of-scope categories, each in the page language or else in one the category has. */
export function outOfScopeFacts(facts: PolicyFacts): SafeHtml {
  const categories = facts.config.scope.out_of_scope;
  if (categories.length === 0) return html`<p>${facts.texts.outOfScopeNone}</p>`;
  return html`<ul class="out-of-scope">${categories.map((category) => {
    const name = textIn(category, facts.language);
    return name.lang === facts.language ? html`<li>${name.value}</li>` : html`<li lang="${name.lang}">${name.value}</li>`;
  })}</ul>`;
}

/** The titles of the configured known issues and accepted risks; nothing when there are none. */
export function knownIssueFacts(facts: PolicyFacts): SafeHtml {
  const issues = facts.config.known_issues;
  if (issues.length === 0) return html``;
  return html`<p>${facts.texts.knownIssuesNow}</p>
<ul class="known-issues">${issues.map((issue) => html`<li>${issue.title}</li>`)}</ul>`;
}

/**
 * The SLA promises: receipt, assessment (each in business or calendar days, as configured)
 * and resolution targets by severity; only those `sla.promises` lists.
 */
export function deadlineFacts(facts: PolicyFacts): SafeHtml {
  const { texts, config } = facts;
  const { sla } = config;
  const receipt = deadlineTerm(sla, 'receipt');
  const assessment = deadlineTerm(sla, 'assessment');
  const resolution = isPromised(sla, 'resolution');
  if (receipt === null && assessment === null && !resolution) return html``;
  return html`<ul class="promises">
${receipt !== null && html`<li>${texts.deadlines.receipt(receipt.days, receipt.unit)}</li>`}
${assessment !== null && html`<li>${texts.deadlines.assessment(assessment.days, assessment.unit)}</li>`}
${resolution && html`<li>${texts.deadlines.resolution}
<dl class="facts resolution">${RATED.map((severity) => html`<dt>${texts.deadlines.severity[severity]}</dt><dd>${texts.deadlines.calendarDays(sla.resolution_days[severity])}</dd>`)}</dl>
</li>`}
</ul>`;
}

/**
 * What counts as a business day: the time zone, and this year's weekday public holidays of
 * the configured country; only the pause rule when no promised deadline counts business days.
 */
export function businessDayFacts(facts: PolicyFacts): SafeHtml {
  const { texts, language, config } = facts;
  const { sla } = config;
  const businessDays = (['receipt', 'assessment'] as const).some((kind) => deadlineTerm(sla, kind)?.unit === 'business');
  if (!businessDays) return html`<p>${texts.deadlines.paused}</p>`;
  const year = localDate(facts.now, sla.time_zone).year;
  const holidays = weekdayPublicHolidays(sla, year, language);
  const day = new Intl.DateTimeFormat(catalogue(language).locale, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });
  return html`<p>${texts.deadlines.businessDays(sla.time_zone)} ${texts.deadlines.paused}</p>
${sla.country !== undefined && holidays.length > 0 && html`<p>${texts.deadlines.holidays(countryName(sla.country, sla.region, language), year)}</p>
<ul class="holidays">${holidays.map((holiday) => html`<li><time datetime="${holiday.date}">${day.format(new Date(`${holiday.date}T12:00:00Z`))}</time>: ${holiday.name}</li>`)}</ul>`}`;
}

/** How long contact details are kept, and what the researcher can do about it. */
export function privacyFacts(facts: PolicyFacts): SafeHtml {
  return html`<p>${facts.texts.retention(facts.config.privacy.retention_days)}</p>`;
}

/** The hall-of-fame link, and the reward with its ranges when rewards are configured. */
export function creditFacts(facts: PolicyFacts): SafeHtml {
  const { texts, language, config } = facts;
  const rewards = config.rewards;
  const ranges = rewards === undefined ? [] : RATED.flatMap((severity) => {
    const range = rewards.by_severity[severity];
    return range === undefined ? [] : [{ severity, range }];
  });
  const money = (amount: number): string => formatMoney(amount, rewards?.currency ?? 'EUR', language);
  return html`<p class="credit-default">${texts.creditDefault[config.credit.default]}</p>
<p><a href="${inLanguage(orgPagePaths(facts.login).hallOfFame, language)}">${texts.hallOfFameLink}</a></p>
${rewards !== undefined && html`<p class="rewards">${texts.rewards.offered[rewards.offered]}</p>`}
${ranges.length > 0 && html`<p>${ranges.every(({ range }) => range.min === range.max) ? texts.rewards.fixed : texts.rewards.ranges}</p>
<dl class="facts reward-ranges">${ranges.map(({ severity, range }) => html`<dt>${texts.deadlines.severity[severity]}</dt><dd>${range.min === range.max ? money(range.min) : `${money(range.min)} – ${money(range.max)}`}</dd>`)}</dl>`}`;
}

/** `0123ABCD…` as groups of four, as gpg prints it. */
function groupFingerprint(fingerprint: string): string {
  return fingerprint.replace(/(.{4})(?=.)/g, '$1 ');
}

function countryName(country: string, region: string | undefined, language: Language): string {
  let name = country;
  try {
    name = new Intl.DisplayNames([catalogue(language).locale], { type: 'region' }).of(country) ?? country;
  } catch {
    // An ICU without region names: the code is still correct.
  }
  return region === undefined ? name : `${name}, ${region}`;
}
