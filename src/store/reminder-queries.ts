import { CompiledQuery, sql, type Kysely } from 'kysely';
import type { FieldCipher } from './field-cipher.js';
import { insertJobsInBulk } from './insert-jobs.js';
import type { Backend } from './migrations.js';
import { clearSilences } from './sla-checks.js';
import { insertRowsIgnoringConflicts, statementChunks } from './triage-rows.js';
import type { Database } from './schema.js';
import type { DisclosureDue, ReminderRecord, ReminderTarget, SilentReport } from './reminder-records.js';
import { CLOSING_STATUSES } from '../triage/triage-status.js';
import { DISCLOSURE_STATUSES } from '../triage/disclosure-date.js';
import { toDate } from './rows.js';

type Db = Kysely<Database>;

/** keepInformedKey's form (sweep-reminders.ts): the silence's last contact, epoch ms. */
const KEEP_INFORMED_KEY = /^keep-informed:(\d+)$/;

const TARGET_COLUMNS = ['id', 'org', 'issue_repo', 'issue_url', 'issue_number', 'overdue_team', 'sla_time_zone', 'tracking_language'] as const;

/** The sweep's agreed-date and keep-informed reminders over Kysely, shared by both backends. */
export class ReminderQueries {
  constructor(
    private readonly db: Db,
    private readonly backend: Backend,
    private readonly cipher: FieldCipher,
    /** Clock for the outbox's bookkeeping columns (time is injected, rule "time is passed in"). */
    private readonly now: () => Date,
  ) {}

  async listDisclosureDue(now: Date, limit: number): Promise<DisclosureDue[]> {
    const rows = await this.db
      .selectFrom('reports')
      .select([...TARGET_COLUMNS, 'disclose_on', 'disclosure_reminder_days', 'disclosure_check_at'])
      .where('disclosure_check_at', '<=', now.getTime())
      .where('status', '=', 'filed')
      .where('triage_status', 'in', [...DISCLOSURE_STATUSES])
      .orderBy('disclosure_check_at')
      .limit(limit)
      .execute();
    const sent = await this.sentKeys(rows.map((row) => row.id));
    return rows.flatMap((row) => {
      const target = toTarget(row);
      if (target === null || row.disclose_on === null) return [];
      const disclosure = { date: row.disclose_on, reminderDays: row.disclosure_reminder_days ?? 0, checkAt: row.disclosure_check_at === null ? null : toDate(row.disclosure_check_at) };
      return [{ ...target, disclosure, sent: sent.get(row.id) ?? [] }];
    });
  }

  async listSilentReports(org: string, contactBefore: Date, limit: number): Promise<SilentReport[]> {
    // The narrow table's (org, silent_since) index holds only silences not reminded of yet,
    // of open, unpaused reports (sla-checks.ts): an open report is not read on every sweep.
    const rows = await this.db
      .selectFrom('sla_checks as c')
      .innerJoin('reports', 'reports.id', 'c.report_id')
      .select([...TARGET_COLUMNS.map((column) => `reports.${column}` as const), 'c.silent_since as last_contact_at'])
      .where('c.org', '=', org.toLowerCase())
      .where('c.silent_since', '<=', contactBefore.getTime())
      .where('reports.status', '=', 'filed')
      .where('reports.triage_status', 'not in', [...CLOSING_STATUSES])
      .where('reports.paused_at', 'is', null)
      .where('reports.closed_at', 'is', null)
      // Also here, not only in silent_since: a reminder recorded by a caller that did not
      // clear it must not take a place within the limit (keepInformedKey's form).
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('sweep_notices as n').select('n.report_id').whereRef('n.report_id', '=', 'c.report_id').where(sql<string>`"n"."key"`, '=', sql<string>`'keep-informed:' || cast("c"."silent_since" as text)`))),
      )
      .orderBy('c.silent_since')
      .limit(limit)
      .execute();
    const sent = await this.sentKeys(rows.map((row) => row.id));
    return rows.flatMap((row) => {
      const target = toTarget(row);
      return target === null || row.last_contact_at === null ? [] : [{ ...target, lastContactAt: toDate(Number(row.last_contact_at)), sent: sent.get(row.id) ?? [] }];
    });
  }

  async listKeptConfigs(): Promise<Array<{ org: string; config: string }>> {
    return this.db.selectFrom('org_configs').select(['org', 'config']).orderBy('org').execute();
  }

  recordReminders(records: readonly ReminderRecord[]): Promise<number> {
    if (records.length === 0) return Promise.resolve(0);
    // A few multi-row statements for the whole batch, not several per reminder: a first
    // sweep after keep_informed_days is set records thousands.
    return this.db.transaction().execute(async (trx) => {
      const noting = records.flatMap((record) => (record.notice === null ? [] : [{ record, notice: record.notice }]));
      const inserted = new Set<string>();
      for (const part of statementChunks(noting)) {
        const rows = part.map(({ record, notice }) => ({ report_id: record.reportId, key: notice.key, at: record.at.getTime() }));
        const insert = insertRowsIgnoringConflicts(this.backend, 'sweep_notices', rows, ['report_id', 'key']);
        // Only the keys new to their report come back: those, and only those, enqueue their jobs.
        const { rows: fresh } = await trx.executeQuery<{ report_id: string; key: string }>(CompiledQuery.raw(`${insert.sql} returning "report_id", "key"`, [...insert.parameters]));
        for (const row of fresh) inserted.add(`${row.report_id}\n${row.key}`);
      }
      // `delete`: a key named twice in one batch enqueues once.
      const jobs = noting.filter(({ record, notice }) => inserted.delete(`${record.reportId}\n${notice.key}`)).map(({ notice }) => notice.job);
      await insertJobsInBulk(trx, this.backend, this.cipher, this.now(), jobs);
      // A silence reminded of leaves the keep-informed index (unless a newer message moved it meanwhile).
      const silences = noting.flatMap(({ record, notice }) => {
        const since = KEEP_INFORMED_KEY.exec(notice.key)?.[1];
        return since === undefined ? [] : [{ reportId: record.reportId, silentSince: Number(since) }];
      });
      for (const part of statementChunks(silences)) await trx.executeQuery(clearSilences(this.backend, part));
      // Agreed dates: a few a day, one statement each.
      for (const record of records) {
        if (record.disclosureCheck === undefined) continue;
        await trx
          .updateTable('reports')
          .set({ disclosure_check_at: record.disclosureCheck.checkAt?.getTime() ?? null })
          .where('id', '=', record.reportId)
          // A date changed meanwhile (`/disclose-on`) keeps the check its change set.
          .where('disclose_on', '=', record.disclosureCheck.date)
          .execute();
      }
      return jobs.length;
    });
  }

  private async sentKeys(ids: readonly string[]): Promise<Map<string, string[]>> {
    const sent = new Map<string, string[]>();
    if (ids.length === 0) return sent;
    const rows = await this.db.selectFrom('sweep_notices').select(['report_id', 'key']).where('report_id', 'in', [...ids]).execute();
    for (const row of rows) sent.set(row.report_id, [...(sent.get(row.report_id) ?? []), row.key]);
    return sent;
  }
}

type TargetRow = { id: string; org: string; issue_repo: string | null; issue_url: string | null; issue_number: number | null; overdue_team: string | null; sla_time_zone: string | null; tracking_language: ReminderTarget['trackingLanguage'] | null };

function toTarget(row: TargetRow): ReminderTarget | null {
  if (row.issue_number === null || row.issue_url === null) return null;
  const repo = row.issue_repo ?? /\/([^/]+)\/issues\/\d+$/.exec(row.issue_url)?.[1] ?? '';
  return {
    reportId: row.id,
    org: row.org,
    repo,
    issueNumber: row.issue_number,
    issueUrl: row.issue_url,
    overdueTeam: row.overdue_team,
    timeZone: row.sla_time_zone ?? 'UTC',
    trackingLanguage: row.tracking_language ?? 'en',
  };
}
