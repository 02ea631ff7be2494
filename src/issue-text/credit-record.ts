import { catalogue, type Catalogue } from '../i18n/catalogues.js';
import type { CreditPreference, Language } from '../report/report.js';
import { neutraliseInline } from '../report/neutralise.js';
import { formatLocalDateTime } from './format-local.js';
import { TRACKING_TEXT } from './tracking-text.js';
import { formatMoney } from '../triage/rewards.js';
import { REPORT_ID } from '../report/ids.js';

/** What the credit record says; everything but the dates and amounts may come from outside. */
export interface CreditRecord {
  ghsaId: string;
  advisoryUrl: string;
  cveId: string | null;
  /** The advisory's summary as GitHub has it: untrusted, neutralised here. */
  summary: string;
  publishedAt: Date;
  /** When the report reached Disclosure Desk; null when it did not come through our intake. */
  receivedAt: Date | null;
  /** IANA zone the dates are shown in (the org's `sla.time_zone`). */
  timeZone: string;
  /** The researcher's choice from our intake; null when there is no researcher from our intake. */
  credit: { preference: CreditPreference; name: string | null; login: string | null } | null;
  /** The advisory's credits as GitHub has them. */
  advisoryCredits: Array<{ login: string; type: string }>;
  reward: { amount: number; currency: string; note: string | null } | null;
}

const GHSA_ID = /^GHSA(?:-[0-9a-z]{4}){3}$/;
const CVE_ID = /^CVE-\d{4}-\d{4,}$/;
const LOGIN = /^[A-Za-z0-9-]{1,39}$/;
const CURRENCY = /^[A-Z]{3}$/;

/** The phrases of the credit record (src/i18n, `credit`). */
type RecordText = Catalogue['credit'];

const CREDIT_TYPES = new Set(['analyst', 'finder', 'reporter', 'coordinator', 'remediation_developer', 'remediation_reviewer', 'remediation_verifier', 'tool', 'sponsor', 'other']);

/** Hidden marker of the credit record of an advisory, so a retry does not post it twice. */
export function creditRecordMarker(ghsaId: string): string {
  // The id ends up inside an HTML comment: only a well-formed id may go there.
  if (!GHSA_ID.test(ghsaId)) throw new RangeError('not a GHSA id');
  return `<!-- disclosure-desk:credit-record=${ghsaId} -->`;
}

/**
 * The comment posted on the private tracking issue when the advisory is published
 *: who is credited and how, the advisory and CVE, when the report came in and
 * when it was published, and the reward. Names, pseudonyms, notes and the summary are
 * neutralised; logins are shown as code so they do not notify (rule "untrusted text never becomes markup").
 * For an anonymous researcher neither the name nor the login is printed. Throws RangeError
 * when `ghsaId` is not a GHSA id (see creditRecordMarker).
 */
export function planCreditRecord(lang: Language, record: CreditRecord): string {
  const text = catalogue(lang).credit;
  const tracking = TRACKING_TEXT[lang];
  const rows: Array<[string, string]> = [
    [text.advisory, advisoryLink(record.ghsaId, record.advisoryUrl)],
    [text.cve, record.cveId === null ? tracking.empty : cveCell(record.cveId)],
    [text.summary, neutraliseInline(record.summary) || tracking.empty],
    [text.received, record.receivedAt === null ? tracking.empty : formatLocalDateTime(record.receivedAt, record.timeZone, tracking)],
    [text.published, formatLocalDateTime(record.publishedAt, record.timeZone, tracking)],
    ...researcherRows(record.credit, text),
    [text.credited, record.advisoryCredits.map(creditCell).join(', ') || text.none],
    rewardRow(record.reward, text, lang),
  ];
  const warning = creditWarning(record, text);
  return [creditRecordMarker(record.ghsaId), `### ${text.heading}`, text.intro, markdownTable(rows), ...(warning === null ? [] : [`> ${warning}`])].join('\n\n');
}

/** What the credit record of a report resolved without a GitHub advisory says. */
export interface ResolvedCreditRecord {
  /** The report's tracking id: it goes into the marker, so it must be one of ours. */
  reportId: string;
  /** When staff resolved the report (`/resolved`). */
  resolvedAt: Date;
  receivedAt: Date | null;
  /** IANA zone the dates are shown in (the org's `sla.time_zone`). */
  timeZone: string;
  credit: CreditRecord['credit'];
  reward: CreditRecord['reward'];
}

/** Hidden marker of the credit record of a report resolved without an advisory. */
export function resolvedCreditRecordMarker(reportId: string): string {
  if (!REPORT_ID.test(reportId)) throw new RangeError('not a report id');
  return `<!-- disclosure-desk:credit-record=${reportId} -->`;
}

/**
 * The credit record posted on the tracking issue when a report is resolved without a
 * GitHub advisory (a web service's fix ships without one): the same record as on
 * publication (the researcher's choice, their account, the reward), without the advisory's
 * rows. Throws RangeError when `reportId` is not a report id.
 */
export function planResolvedCreditRecord(lang: Language, record: ResolvedCreditRecord): string {
  const text = catalogue(lang).credit;
  const tracking = TRACKING_TEXT[lang];
  const rows: Array<[string, string]> = [
    [text.received, record.receivedAt === null ? tracking.empty : formatLocalDateTime(record.receivedAt, record.timeZone, tracking)],
    [text.resolved, formatLocalDateTime(record.resolvedAt, record.timeZone, tracking)],
    ...researcherRows(record.credit, text),
    rewardRow(record.reward, text, lang),
  ];
  return [resolvedCreditRecordMarker(record.reportId), `### ${text.heading}`, text.resolvedIntro, markdownTable(rows)].join('\n\n');
}

/**
 * What publication says on an issue whose researcher was already credited when the report
 * was resolved without an advisory: the advisory, and that the credit stands as recorded.
 */
export function planPublishedAfterCredit(lang: Language, advisory: { ghsaId: string; advisoryUrl: string; cveId: string | null }): string {
  const text = catalogue(lang).credit;
  const cve = advisory.cveId === null ? '' : ` (${cveCell(advisory.cveId)})`;
  return text.publishedAfterCredit(`${advisoryLink(advisory.ghsaId, advisory.advisoryUrl)}${cve}`);
}

/** The researcher's choice, and their account unless they chose to stay anonymous. */
function researcherRows(credit: CreditRecord['credit'], text: RecordText): Array<[string, string]> {
  return [[text.choice, choiceCell(credit, text)], ...accountRow(credit, text)];
}

function rewardRow(reward: CreditRecord['reward'], text: RecordText, lang: Language): [string, string] {
  return [text.reward, reward === null ? text.none : rewardCell(reward, lang)];
}

function markdownTable(rows: ReadonlyArray<[string, string]>): string {
  const [first, ...rest] = rows.map(([label, value]) => `| ${label} | ${value} |`);
  return [first, '| --- | --- |', ...rest].join('\n');
}

/** `[GHSA-…](https://github.com/…)`, or the id alone when the URL is not a plain GitHub URL. */
export function advisoryLink(ghsaId: string, url: string): string {
  const id = GHSA_ID.test(ghsaId) ? ghsaId : null;
  if (id === null) return neutraliseInline(ghsaId);
  return /^https:\/\/github\.com\/[A-Za-z0-9._~/-]+$/.test(url) ? `[${id}](${url})` : `\`${id}\``;
}

/** A well-formed CVE id links to its cve.org record; anything else is neutralised text. */
export function cveCell(cveId: string): string {
  return CVE_ID.test(cveId) ? `[${cveId}](https://www.cve.org/CVERecord?id=${cveId})` : neutraliseInline(cveId);
}

function choiceCell(credit: CreditRecord['credit'], text: RecordText): string {
  if (credit === null) return text.noIntake;
  const given = credit.name !== null && credit.name.trim() !== '';
  const name = given ? neutraliseInline(credit.name ?? '') : text.noName;
  switch (credit.preference) {
    case 'anonymous':
      return text.anonymous;
    case 'name':
      // A report from GitHub's private vulnerability reporting names an account, not a person.
      return !given && credit.login !== null ? text.byAccount(loginCode(credit.login)) : text.byName(name);
    case 'pseudonym':
      return text.byPseudonym(name);
  }
}

/** The researcher's login, except for an anonymous researcher (the issue never shows contact details). */
function accountRow(credit: CreditRecord['credit'], text: RecordText): Array<[string, string]> {
  if (credit === null || credit.preference === 'anonymous' || credit.login === null) return [];
  return [[text.account, loginCode(credit.login)]];
}

function creditCell(credit: { login: string; type: string }): string {
  const type = CREDIT_TYPES.has(credit.type) ? credit.type.replaceAll('_', ' ') : neutraliseInline(credit.type);
  return `${loginCode(credit.login)} (${type})`;
}

/** `` `@login` ``: visible, never a mention. Anything that is not a login is neutralised. */
export function loginCode(login: string): string {
  return LOGIN.test(login) ? `\`@${login}\`` : neutraliseInline(login);
}

function rewardCell(reward: NonNullable<CreditRecord['reward']>, lang: Language): string {
  const currency = CURRENCY.test(reward.currency) ? reward.currency : neutraliseInline(reward.currency);
  const amount = formatMoney(reward.amount, currency, lang);
  const note = reward.note === null ? '' : neutraliseInline(reward.note);
  return note === '' ? amount : `${amount} — ${note}`;
}

/** A mismatch between the researcher's choice and the advisory's credits, for staff to fix. */
function creditWarning(record: CreditRecord, text: RecordText): string | null {
  const login = record.credit?.login?.toLowerCase() ?? null;
  if (record.credit === null || login === null) return null;
  const credited = record.advisoryCredits.some((credit) => credit.login.toLowerCase() === login);
  if (record.credit.preference === 'anonymous') return credited ? text.anonymousCredited : null;
  return credited ? null : text.notCredited;
}
