import type { AdvisorySeverity, AdvisoryVulnerability, NewAdvisory } from '../ports/github.js';
import type { CreditPreference } from '../report/report.js';
import { sanitiseUnicode } from '../report/sanitise-unicode.js';
import { TRACKING_TEXT } from './tracking-text.js';
import { DEADLINES_START, reportMarker } from './marker.js';
import { scoreCvss } from '../report/cvss.js';
import type { Severity } from '../report/severity.js';

/** GitHub's limits on a repository advisory (POST /repos/{owner}/{repo}/security-advisories). */
const SUMMARY_LIMIT = 1024;
const DESCRIPTION_LIMIT = 65_535;

const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
const CWE = /^CWE-\d{1,6}$/;
/** `[DD-0123456789AB] ` at the start of a tracking issue title. */
const TITLE_PREFIX = /^\s*\[DD-[0-9A-Z]{12}\]\s*/;

/** What planAdvisory needs: the tracking issue as it is now, and what staff set in triage. */
export interface PlanAdvisoryInput {
  reportId: string;
  /** The tracking issue's title, `[DD-…] ` prefix included (staff may have edited it). */
  issueTitle: string;
  /** The tracking issue's body, as it is now. */
  issueBody: string;
  /** The CVSS vector staff (or the reporter) settled on; a 3.1 or 4.0 vector is sent (see advisoryVector). */
  cvssVector: string | null;
  severity: Severity | null;
  cweIds: string[];
  packages: AdvisoryVulnerability[];
  repository: { owner: string; repo: string };
  /** null when the report has no researcher details (e.g. after they were purged). */
  researcher: { github: string | null; credit: CreditPreference; name?: string | null } | null;
}

/**
 * Plans the draft repository security advisory for an accepted report.
 *
 * Researcher text reaches the advisory only as the tracking issue already shows it: the
 * Description and Impact sections are copied verbatim from the issue body, where our
 * filing code put them as neutralised code blocks (rule "untrusted text never becomes markup"). Nothing is
 * unescaped. The hidden report marker ends the description, so a retry after a crash finds
 * the draft instead of opening a second one.
 */
export function planAdvisory(input: PlanAdvisoryInput): NewAdvisory {
  const vector = advisoryVector(input.cvssVector);
  return {
    summary: advisorySummary(input.issueTitle, input.reportId),
    description: advisoryDescription(input.issueBody, input.reportId),
    vulnerabilities: input.packages.length > 0 ? input.packages : [{ ecosystem: 'other', name: input.repository.repo, vulnerableRange: null, patchedVersions: null }],
    cvssVector: vector,
    severity: vector === null ? advisorySeverity(input.severity, input.cvssVector) : null,
    cweIds: normaliseCweIds(input.cweIds),
    credits: advisoryCredits(input.researcher),
  };
}

/**
 * The text of a `### <heading>` section: everything after the heading line up to the next
 * heading of level 1–3 or the deadlines start marker, without surrounding blank lines.
 * null when the heading is not there.
 *
 * Fenced code blocks are skipped while looking for headings: a researcher's own
 * `### Impact` inside the neutralised Description block is text, not a section, and must
 * never be mistaken for one (that would copy raw researcher text out of its code block).
 * A section that ends inside an unclosed fence is not trusted either: null.
 */
export function extractSection(body: string, heading: string): string | null {
  const lines = body.replace(/\r\n?/g, '\n').split('\n');
  let fence: Fence | null = null;
  let start = -1;
  for (const [index, line] of lines.entries()) {
    if (fence !== null) {
      if (closesFence(line, fence)) fence = null;
      continue;
    }
    const opened = openFence(line);
    if (opened !== null) {
      fence = opened;
      continue;
    }
    if (start === -1) {
      if (line.trimEnd() === `### ${heading}`) start = index + 1;
      continue;
    }
    if (/^#{1,3}(?:\s|$)/.test(line) || line.startsWith(DEADLINES_START)) return trimBlankLines(lines.slice(start, index));
  }
  return start === -1 || fence !== null ? null : trimBlankLines(lines.slice(start));
}

interface Fence {
  char: '`' | '~';
  length: number;
}

/** A CommonMark fence opener: 3+ backticks or tildes, indented at most 3 spaces; no backtick in a backtick fence's info string. */
function openFence(line: string): Fence | null {
  const match = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
  const run = match?.[1];
  if (run === undefined) return null;
  const char = run[0] === '~' ? '~' : '`';
  if (char === '`' && (match?.[2] ?? '').includes('`')) return null;
  return { char, length: run.length };
}

/** A closer is a run of the same character, at least as long, and nothing else. */
function closesFence(line: string, fence: Fence): boolean {
  const match = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line);
  const run = match?.[1];
  return run !== undefined && run[0] === fence.char && run.length >= fence.length;
}

function trimBlankLines(lines: string[]): string {
  let start = 0;
  while (start < lines.length && (lines[start] ?? '').trim() === '') start += 1;
  return lines.slice(start).join('\n').trimEnd();
}

/**
 * The issue title as plain text, without its `[DD-…]` prefix, on one line, within GitHub's
 * 1024 characters.
 *
 * The title was neutralised for GitHub's title rendering (code spans around mentions,
 * references and URLs; a zero-width space inside `<!--`). A summary is not Markdown: GitHub
 * shows it as text, and links no mention in it, so those would be visible artefacts
 * (`` `@alice` ``) or invisible ones that survive copy and paste. The code spans are unwrapped
 * and zero-width characters removed; anything else hidden stays shown as `[U+XXXX]`, as in
 * the issue. Where this app puts the summary into Markdown (hall of fame, credit record) it
 * neutralises it again, as untrusted text.
 */
function advisorySummary(issueTitle: string, reportId: string): string {
  const line = plainTitle(issueTitle.replace(TITLE_PREFIX, ''));
  if (line === '') return `Vulnerability report ${reportId}`;
  if (line.length <= SUMMARY_LIMIT) return line;
  let out = '';
  for (const char of line) {
    if (out.length + char.length > SUMMARY_LIMIT - 1) break;
    out += char;
  }
  return `${out.trimEnd()}…`;
}

/** Zero-width space, word joiner and BOM: invisible, meaningless in a title. ZWJ and ZWNJ stay (emoji, scripts). */
const ZERO_WIDTH = /[\u200B\u2060\uFEFF]/g;
/** A CommonMark code span on one line: a run of backticks, text, and a run of the same length. */
const CODE_SPAN = /(?<!`)(`+)(?!`)(.*?[^`])\1(?!`)/g;

/** A title's text without Markdown code spans or zero-width characters, other hidden characters shown, on one line. */
function plainTitle(title: string): string {
  const line = title.replace(/\s+/g, ' ');
  const unwrapped = line.replace(CODE_SPAN, (_span, _ticks, content: string) => (/^ .* $/.test(content) && content.trim() !== '' ? content.slice(1, -1) : content));
  return sanitiseUnicode(unwrapped.replace(ZERO_WIDTH, '')).replace(/\s+/g, ' ').trim();
}

/**
 * Description and Impact from the tracking issue (headings in any tracking language),
 * a footer with the tracking id, and the hidden marker. Impact is dropped when the whole
 * would pass GitHub's limit; both are replaced by a fixed sentence when neither is found.
 */
function advisoryDescription(issueBody: string, reportId: string): string {
  const footer = `---\n\nReported through Disclosure Desk, tracking id \`${reportId}\`.\n\n${reportMarker(reportId)}`;
  const description = findSection(issueBody, 'description');
  const impact = findSection(issueBody, 'impact');
  const candidates = [
    [section('Description', description), section('Impact', impact)],
    [section('Description', description)],
  ].map((parts) => parts.filter((part) => part !== null));
  for (const parts of candidates) {
    if (parts.length === 0) continue;
    const text = [...parts, footer].join('\n\n');
    if (text.length <= DESCRIPTION_LIMIT) return text;
  }
  return `The details of this vulnerability are in the private tracking issue of report \`${reportId}\`; write the public description here before publishing.\n\n${footer}`;
}

function section(heading: string, content: string | null): string | null {
  return content === null ? null : `### ${heading}\n\n${content}`;
}

/** The section under its heading in any tracking language; null when absent or empty ("—"). */
function findSection(body: string, name: 'description' | 'impact'): string | null {
  for (const text of Object.values(TRACKING_TEXT)) {
    const found = extractSection(body, text.sections[name]);
    if (found !== null) return found === '' || found === text.empty ? null : found;
  }
  return null;
}

/**
 * The vector an advisory is scored by (`cvss_vector_string`): a CVSS 3.1 or 4.0 vector, as
 * GitHub scores both, and only one that scores. A 3.0 vector goes as its severity, as it
 * always has. Where GitHub refuses the vector after all, the flow sends advisorySeverity instead.
 */
export function advisoryVector(vector: string | null): string | null {
  if (vector === null || !(vector.startsWith('CVSS:3.1/') || vector.startsWith('CVSS:4.0/'))) return null;
  return scoreCvss(vector).ok ? vector : null;
}

/**
 * The advisory's `severity` when no vector is sent: the triaged severity, else the
 * severity of the vector's score (a 3.0 vector, or one GitHub refused); 'none' is not an
 * advisory severity.
 */
export function advisorySeverity(severity: Severity | null, vector: string | null): AdvisorySeverity | null {
  const scored = vector === null ? null : scoreCvss(vector);
  const chosen = severity ?? (scored?.ok === true ? scored.severity : null);
  return chosen === null || chosen === 'none' ? null : chosen;
}

/** Upper-cased, `CWE-<digits>` only, first occurrence kept. */
export function normaliseCweIds(ids: readonly string[]): string[] {
  return [...new Set(ids.map((id) => id.trim().toUpperCase()).filter((id) => CWE.test(id)))];
}

/**
 * The researcher as finder, by GitHub login, when they asked for credit by name. Credit
 * under a pseudonym uses the login only when the pseudonym is that login: a login is a
 * public identity, and crediting it would undo the pseudonym.
 */
function advisoryCredits(researcher: PlanAdvisoryInput['researcher']): NewAdvisory['credits'] {
  if (researcher === null || researcher.credit === 'anonymous' || researcher.github === null) return [];
  if (researcher.credit === 'pseudonym' && researcher.name?.toLowerCase() !== researcher.github.toLowerCase()) return [];
  return LOGIN.test(researcher.github) ? [{ login: researcher.github, type: 'finder' }] : [];
}
