import type { DeadlineMetrics, QuarterMetrics } from './sla-metrics.js';

const DEADLINE_COLUMNS = ['receipt', 'assessment', 'resolution'] as const;
const QUARTER_WIDTH = 8;
const REPORTS_WIDTH = 8;
const VALUE_WIDTH = 8;
const MET_WIDTH = 6;
const GROUP_WIDTH = 2 * VALUE_WIDTH + MET_WIDTH;

/**
 * A plain-text table of SLA metrics for a terminal: per quarter the number of reports and,
 * per deadline, the median and p90 hours from receipt to meeting it (one decimal) and the
 * share met on time (a whole percentage, rounded down so 100% means none missed). A value
 * that cannot be computed is `-`. Without quarters, a line `no reports`.
 */
export function formatSlaMetrics(org: string, metrics: readonly QuarterMetrics[]): string {
  const title = `SLA metrics for ${org} (hours from receipt; met = on time / (on time + missed))`;
  if (metrics.length === 0) return `${title}\nno reports\n`;
  const groups = ' '.repeat(QUARTER_WIDTH + REPORTS_WIDTH) + DEADLINE_COLUMNS.map((name) => `  ${name.padEnd(GROUP_WIDTH)}`).join('');
  const heads =
    'quarter'.padEnd(QUARTER_WIDTH) +
    'reports'.padStart(REPORTS_WIDTH) +
    DEADLINE_COLUMNS.map(() => `  ${'median'.padStart(VALUE_WIDTH)}${'p90'.padStart(VALUE_WIDTH)}${'met'.padStart(MET_WIDTH)}`).join('');
  const rows = metrics.map(
    (quarter) =>
      quarter.quarter.padEnd(QUARTER_WIDTH) +
      String(quarter.reports).padStart(REPORTS_WIDTH) +
      DEADLINE_COLUMNS.map((name) => `  ${deadlineCells(quarter[name])}`).join(''),
  );
  return [title, '', groups.trimEnd(), heads, ...rows].join('\n') + '\n';
}

function deadlineCells(metrics: DeadlineMetrics): string {
  return hours(metrics.medianHours).padStart(VALUE_WIDTH) + hours(metrics.p90Hours).padStart(VALUE_WIDTH) + percent(metrics.metShare).padStart(MET_WIDTH);
}

function hours(value: number | null): string {
  return value === null ? '-' : value.toFixed(1);
}

function percent(share: number | null): string {
  // A small epsilon so a share like 0.29 (stored as 0.28999…) is not shown as 28%.
  return share === null ? '-' : `${Math.floor(share * 100 + 1e-9)}%`;
}
