import { CompiledQuery, type Selectable } from 'kysely';
import type { Backend } from './migrations.js';
import type { ReportsTable } from './schema.js';
import type { ResearcherFacts, RewardDecision, SlaDueReport, TriageFields, TriageRecord } from './triage-records.js';
import type { AdvisoryVulnerability } from '../ports/github.js';
import { toDate, toDateOrNull } from './rows.js';

/** Space-separated lists (asset keys, word hashes) hold no spaces themselves. */
export function splitList(text: string | null): string[] {
  return text === null || text === '' ? [] : text.split(' ');
}

export function joinList(items: readonly string[]): string {
  return items.join(' ');
}

/**
 * The columns of a SlaDueReport: the SLA sweep selects only these (a filed report row has
 * about fifty, and reading them all was most of a first sweep's time).
 */
export const SLA_DUE_COLUMNS = [
  'id', 'org', 'issue_repo', 'issue_url', 'issue_number', 'triage_status', 'received_at', 'receipt_due', 'assessment_due',
  'resolution_due', 'receipt_met_at', 'assessment_met_at', 'resolution_met_at', 'paused_at', 'paused_calendar_days',
  'remind_lead_ms', 'overdue_team', 'sla_time_zone', 'tracking_language', 'next_check_at',
] as const;

type SlaDueRow = Pick<Selectable<ReportsTable>, (typeof SLA_DUE_COLUMNS)[number]>;

/** A filed report row as the SLA sweep reads it; null without a tracking issue. */
export function toSlaDueReport(row: SlaDueRow): SlaDueReport | null {
  if (row.issue_number === null || row.issue_url === null) return null;
  return {
    reportId: row.id,
    org: row.org,
    repo: row.issue_repo ?? repoOfIssueUrl(row.issue_url),
    issueNumber: row.issue_number,
    status: row.triage_status,
    sla: {
      receivedAt: toDate(row.received_at),
      receiptDue: toDateOrNull(row.receipt_due),
      assessmentDue: toDateOrNull(row.assessment_due),
      resolutionDue: toDateOrNull(row.resolution_due),
      receiptMetAt: toDateOrNull(row.receipt_met_at),
      assessmentMetAt: toDateOrNull(row.assessment_met_at),
      resolutionMetAt: toDateOrNull(row.resolution_met_at),
      pausedAt: toDateOrNull(row.paused_at),
      pausedCalendarDays: row.paused_calendar_days,
    },
    remindLeadMs: row.remind_lead_ms ?? 0,
    overdueTeam: row.overdue_team,
    timeZone: row.sla_time_zone ?? 'UTC',
    trackingLanguage: row.tracking_language ?? 'en',
    nextCheckAt: toDateOrNull(row.next_check_at),
  };
}

/** A filed report row as a TriageRecord; null for a report that is not filed yet. */
export function toTriageRecord(row: Selectable<ReportsTable>, decrypt: (stored: string) => string = (s) => s): TriageRecord | null {
  if (row.status !== 'filed') return null;
  // The SLA part is the sweep's mapping, so both read a report the same way.
  const sla = toSlaDueReport(row);
  if (sla === null || row.issue_url === null) return null;
  return {
    ...sla,
    language: row.language,
    issueUrl: row.issue_url,
    severity: row.severity,
    cvssVector: row.cvss_vector,
    fixBy: row.fix_by,
    acceptedRepository: row.accepted_repository,
    closedAt: toDateOrNull(row.closed_at),
    assetKeys: splitList(row.asset_keys),
    fingerprint: splitList(row.fingerprint),
    researcher: row.researcher === null ? null : (JSON.parse(decrypt(row.researcher)) as ResearcherFacts),
    ghsaId: row.ghsa_id,
    advisoryRepo: row.advisory_repo,
    advisoryUrl: row.advisory_url,
    cweIds: splitList(row.cwe_ids),
    packages: row.packages === null ? [] : (JSON.parse(row.packages) as AdvisoryVulnerability[]),
    reward: row.reward === null ? null : (JSON.parse(row.reward) as RewardDecision),
    disclosure: row.disclose_on === null ? null : { date: row.disclose_on, reminderDays: row.disclosure_reminder_days ?? 0, checkAt: toDateOrNull(row.disclosure_check_at) },
    version: row.triage_version,
  };
}

/** The columns a TriageFields update writes. */
export function triageColumns(fields: TriageFields) {
  const ms = (date: Date | null) => (date === null ? null : date.getTime());
  return {
    triage_status: fields.status,
    severity: fields.severity,
    cvss_vector: fields.cvssVector,
    receipt_due: ms(fields.sla.receiptDue),
    assessment_due: ms(fields.sla.assessmentDue),
    resolution_due: ms(fields.sla.resolutionDue),
    receipt_met_at: ms(fields.sla.receiptMetAt),
    assessment_met_at: ms(fields.sla.assessmentMetAt),
    resolution_met_at: ms(fields.sla.resolutionMetAt),
    paused_at: ms(fields.sla.pausedAt),
    paused_calendar_days: fields.sla.pausedCalendarDays,
    fix_by: fields.fixBy,
    accepted_repository: fields.acceptedRepository,
    closed_at: ms(fields.closedAt),
    next_check_at: ms(fields.nextCheckAt),
    cwe_ids: joinList(fields.cweIds),
    packages: JSON.stringify(fields.packages),
    reward: fields.reward === null ? null : JSON.stringify(fields.reward),
    // Undefined (a change that never read it) leaves the agreed date as it is.
    ...(fields.disclosure === undefined
      ? {}
      : { disclose_on: fields.disclosure?.date ?? null, disclosure_reminder_days: fields.disclosure?.reminderDays ?? null, disclosure_check_at: ms(fields.disclosure?.checkAt ?? null) }),
  };
}

/** Reports filed before migration 0002 have no issue_repo; their URL names it. */
function repoOfIssueUrl(url: string): string {
  const match = /\/([^/]+)\/issues\/\d+$/.exec(url);
  return match?.[1] ?? '';
}

/*
 * The sweep's multi-row statements, written as text: Kysely builds and compiles a node per
 * value, and for thousands of rows that cost more than running the statements. Table and
 * column names are ours (the keys of the rows' own builders, e.g. jobRow); every value is a
 * parameter. `"…"` quotes an identifier in SQLite and PostgreSQL alike. A text depends only
 * on its shape (statementChunks keeps those few), so each is written once.
 */

const texts = new Map<string, string>();
/** Shapes are a few per statement; the bound only guards against a caller making new ones without end. */
const MAX_TEXTS = 200;

function statementText(shape: string, write: () => string): string {
  let text = texts.get(shape);
  if (text === undefined) {
    text = write();
    if (texts.size >= MAX_TEXTS) texts.clear();
    texts.set(shape, text);
  }
  return text;
}

/** `rows` tuples of placeholders, `?` on SQLite, `$1`, `$2`, … on PostgreSQL; `cast` wraps each. */
function tuples(backend: Backend, rows: number, casts: ReadonlyArray<string | null>): string {
  let n = 0;
  const placeholder = (cast: string | null) => {
    n += 1;
    const p = backend === 'postgres' ? `$${n}` : '?';
    return cast === null ? p : `cast(${p} as ${cast})`;
  };
  return Array.from({ length: rows }, () => `(${casts.map(placeholder).join(', ')})`).join(', ');
}

function placeholders(backend: Backend, from: number, count: number): string {
  return Array.from({ length: count }, (_, i) => (backend === 'postgres' ? `$${from + i}` : '?')).join(', ');
}

const names = (list: readonly string[]): string => list.map((name) => `"${name}"`).join(', ');

/**
 * `insert … values (…), (…) on conflict (…) do nothing`. The rows come from one builder, so
 * they share their keys: the columns are those the first row sets (as Kysely, an undefined
 * value leaves a column to its default).
 */
export function insertRowsIgnoringConflicts<T extends object>(backend: Backend, table: string, rows: readonly T[], conflict: readonly string[]): CompiledQuery {
  const first = rows[0];
  const columns = first === undefined ? [] : (Object.keys(first) as Array<keyof T & string>).filter((column) => first[column] !== undefined);
  const text = statementText(`insert|${backend}|${table}|${columns.join(',')}|${conflict.join(',')}|${rows.length}`, () => {
    const values = tuples(backend, rows.length, columns.map(() => null));
    return `insert into "${table}" (${names(columns)}) values ${values} on conflict (${names(conflict)}) do nothing`;
  });
  const parameters: unknown[] = [];
  for (const row of rows) for (const column of columns) parameters.push(row[column] ?? null);
  return CompiledQuery.raw(text, parameters);
}

/**
 * Moves each report's next check in one statement: a join with a VALUES list (SQLite
 * 3.33+ and PostgreSQL both update from one). Each report at most once. A report closed
 * meanwhile keeps the check its closing change set. It writes the narrow sla_checks row
 * (migration 0016) and only reads the reports row.
 */
export function moveNextChecks(backend: Backend, checks: ReadonlyArray<{ reportId: string; nextCheckAt: Date | null }>, closing: readonly string[]): CompiledQuery {
  const text = statementText(`move|${backend}|${checks.length}|${closing.length}`, () => {
    // The cast types the column for PostgreSQL, which would read untyped parameters as text.
    const values = tuples(backend, checks.length, [null, 'bigint']);
    return (
      `with "moved" ("id", "next_check_at") as (values ${values}) ` +
      `update "sla_checks" set "next_check_at" = "moved"."next_check_at" from "moved" ` +
      `where "sla_checks"."report_id" = "moved"."id" and not exists (select 1 from "reports" as "r" where "r"."id" = "moved"."id" ` +
      `and "r"."triage_status" in (${placeholders(backend, 2 * checks.length + 1, closing.length)}))`
    );
  });
  const parameters: unknown[] = [];
  for (const check of checks) parameters.push(check.reportId, check.nextCheckAt?.getTime() ?? null);
  return CompiledQuery.raw(text, [...parameters, ...closing]);
}

/** The most rows one statement takes: 256 outbox rows bind 3,328 parameters, far below either database's limit. */
const MAX_ROWS = 256;

/**
 * `items` in statements of 256 rows, the rest in powers of two (100 = 64 + 32 + 4): a
 * statement's text depends only on its row count, and SQLite keeps its statements
 * prepared by their text (statement-cache.ts), so a few shapes serve every sweep.
 */
export function* statementChunks<T>(items: readonly T[]): Generator<readonly T[]> {
  let start = 0;
  const take = (size: number) => {
    const chunk = items.slice(start, start + size);
    start += size;
    return chunk;
  };
  while (items.length - start >= MAX_ROWS) yield take(MAX_ROWS);
  for (let size = MAX_ROWS / 2; size >= 1; size /= 2) if (items.length - start >= size) yield take(size);
}
