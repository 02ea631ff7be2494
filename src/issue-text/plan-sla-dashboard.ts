import type { DueEntry, DueSummary } from '../clock/due-this-week.js';
import type { DeadlineMetrics, QuarterMetrics } from '../clock/sla-metrics.js';
import { DEADLINES } from '../clock/sla-state.js';
import { catalogue } from '../i18n/catalogues.js';
import type { Language } from '../report/report.js';
import { neutraliseInline } from '../report/neutralise.js';
import { formatLocalDateTime } from './format-local.js';

/** The hidden marker of the organisation's one "SLA at a glance" issue: found again after a crash or a lost answer. */
export const DASHBOARD_MARKER = '<!-- disclosure-desk:sla-dashboard -->';
/** Kept in the body once the issue was pinned: it is never pinned again (staff may unpin it). */
export const PINNED_MARKER = '<!-- disclosure-desk:sla-dashboard:pinned -->';
/** Kept in the body once GitHub refused to pin it: said once, never tried again. */
export const PIN_REFUSED_MARKER = '<!-- disclosure-desk:sla-dashboard:pin-refused -->';

/** Whether the issue was pinned: `unknown` until the app tried. */
export type PinState = 'unknown' | 'pinned' | 'refused';

/** Everything the dashboard's body says, as the job read it. */
export interface DashboardFacts {
  /** This quarter's label (`2026-Q4`) and its figures, or null when no report was received in it. */
  quarter: { label: string; metrics: QuarterMetrics | null };
  due: DueSummary;
  /** The tracking repository: its own issues are linked as `#12`, others as `repo#12`. */
  trackingRepo: string;
  language: Language;
  /** The organisation's zone (`sla.time_zone`): due dates are shown in it. */
  timeZone: string;
  pin: PinState;
}

export function dashboardTitle(lang: Language): string {
  return catalogue(lang).slaDashboard.title;
}

/** What the body says about pinning, read back from the issue as it stands. */
export function pinStateOf(body: string): PinState {
  if (body.includes(PIN_REFUSED_MARKER)) return 'refused';
  if (body.includes(PINNED_MARKER)) return 'pinned';
  return 'unknown';
}

/**
 * The dashboard's body, in the tracking language: this quarter's figures per deadline (a
 * table and a Mermaid pie per deadline, both from `npm run sla`'s own numbers), what is
 * overdue and what is due in the next seven days. It holds no clock time of its own, so the
 * same facts give the same text and an unchanged dashboard costs no write. All text is the
 * app's own; the only outside values (repository names, issue URLs) are checked or neutralised.
 */
export function planDashboardBody(facts: DashboardFacts): string {
  const text = catalogue(facts.language).slaDashboard;
  const sections = [text.intro, quarterSection(facts), dueSection(text.overdueHeading, text.nothingOverdue, facts.due.overdue, facts), dueSection(text.dueHeading, text.nothingDue, facts.due.dueSoon, facts)];
  if (facts.due.paused > 0) sections.push(text.paused(facts.due.paused));
  if (facts.pin === 'refused') sections.push(`> ${text.pinRefused}`);
  const hidden = [DASHBOARD_MARKER, ...(facts.pin === 'pinned' ? [PINNED_MARKER] : facts.pin === 'refused' ? [PIN_REFUSED_MARKER] : [])];
  return `${sections.join('\n\n')}\n\n${hidden.join('\n')}\n`;
}

function quarterSection(facts: DashboardFacts): string {
  const text = catalogue(facts.language).slaDashboard;
  const heading = `### ${text.quarterHeading(facts.quarter.label)}`;
  const metrics = facts.quarter.metrics;
  if (metrics === null || metrics.reports === 0) return `${heading}\n\n${text.noReports}`;
  const cols = text.columns;
  const rows = DEADLINES.map((deadline) => {
    const m = metrics[deadline];
    return `| ${text.deadlines[deadline]} | ${m.measured} | ${hours(m.medianHours, facts.language)} | ${hours(m.p90Hours, facts.language)} | ${percent(m.metShare, facts.language)} |`;
  });
  const table = [`| ${cols.deadline} | ${cols.measured} | ${cols.median} | ${cols.p90} | ${cols.metShare} |`, '| --- | ---: | ---: | ---: | ---: |', ...rows].join('\n');
  const charts = DEADLINES.flatMap((deadline) => pieChart(text.deadlines[deadline], metrics[deadline], facts.language));
  const chartPart = charts.length === 0 ? [] : [`#### ${text.chartHeading}`, ...charts];
  return [heading, text.reportsReceived(metrics.reports), table, text.figuresNote, ...chartPart].join('\n\n');
}

/**
 * A Mermaid pie of met on time against missed, as GitHub renders a ```mermaid block
 * (https://docs.github.com/get-started/writing-on-github/working-with-advanced-formatting/creating-diagrams).
 * `pie` is one of the diagram types GitHub's Mermaid has long supported. Slices are shares in
 * percent with one decimal; an empty slice is left out. None when nothing counted.
 */
function pieChart(title: string, metrics: DeadlineMetrics, lang: Language): string[] {
  if (metrics.metShare === null) return [];
  const text = catalogue(lang).slaDashboard;
  const met = Math.round(metrics.metShare * 1000) / 10;
  const missed = Math.round((100 - met) * 10) / 10;
  const slices = [
    ...(met > 0 ? [`    "${text.chartMet}" : ${met.toFixed(1)}`] : []),
    ...(missed > 0 ? [`    "${text.chartMissed}" : ${missed.toFixed(1)}`] : []),
  ];
  return [['```mermaid', `pie title ${title}`, ...slices, '```'].join('\n')];
}

function dueSection(heading: string, nothing: string, entries: readonly DueEntry[], facts: DashboardFacts): string {
  if (entries.length === 0) return `### ${heading}\n\n${nothing}`;
  const text = catalogue(facts.language);
  const lines = entries.map(
    (entry) => `- ${text.slaDashboard.entry(issueLink(entry, facts.trackingRepo), text.slaDashboard.deadlines[entry.deadline], formatLocalDateTime(entry.due, facts.timeZone, text.tracking.text))}`,
  );
  return [`### ${heading}`, '', ...lines].join('\n');
}

const REPO_NAME = /^[A-Za-z0-9_.-]{1,100}$/;
const ISSUE_URL = /^https:\/\/[A-Za-z0-9.-]+(?::\d+)?\/[A-Za-z0-9_./-]+\/issues\/\d+$/;

/** `[#12](url)` in the tracking repository, `[repo#12](url)` elsewhere; plain text when the URL is not an issue URL. */
function issueLink(entry: DueEntry, trackingRepo: string): string {
  const name = REPO_NAME.test(entry.repo) ? entry.repo : neutraliseInline(entry.repo);
  const label = entry.repo === trackingRepo ? `#${entry.issueNumber}` : `${name}#${entry.issueNumber}`;
  return ISSUE_URL.test(entry.issueUrl) ? `[${label}](${entry.issueUrl})` : `\`${label}\``;
}

function hours(value: number | null, lang: Language): string {
  const text = catalogue(lang);
  return value === null ? text.slaDashboard.none : text.slaDashboard.hours(value.toFixed(1).replace('.', text.tracking.text.decimalSeparator));
}

/** Rounded down, as `npm run sla` shows it: 100% means none missed. */
function percent(share: number | null, lang: Language): string {
  return share === null ? catalogue(lang).slaDashboard.none : `${Math.floor(share * 100 + 1e-9)}%`;
}
