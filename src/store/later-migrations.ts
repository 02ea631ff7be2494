import { sql, type Migration } from 'kysely';
import type { Backend } from './backend.js';
import { makeDeadlinesOptional } from './optional-deadlines.js';
import { BACKFILL_SLA_CHECKS_SQL } from './sla-checks.js';

/**
 * The schema history from 0013 on (seed promises as config, organisation settings, the
 * sweep's narrow table): the continuation of migrations.ts, merged there in name order.
 * Append new migrations here; never edit one that has shipped.
 */
export function laterMigrations(backend: Backend): Record<string, Migration> {
  return {
    '0013_optional_deadlines': {
      // A deadline the organisation does not promise (config `sla.promises`) is NULL; on SQLite the reports table is rebuilt.
      up: (db) => makeDeadlinesOptional(db, backend),
    },
    '0014_disclosure_dates': {
      async up(db) {
        // The publication date agreed with the researcher (`/disclose-on`), kept with the triage record.
        await db.schema.alterTable('reports').addColumn('disclose_on', 'text').execute();
        await db.schema.alterTable('reports').addColumn('disclosure_reminder_days', 'integer').execute();
        await db.schema.alterTable('reports').addColumn('disclosure_check_at', 'bigint').execute();
        // Partial: almost no report has an agreed date, and the intake then writes no entry.
        await db.schema.createIndex('reports_disclosure_check_idx').on('reports').column('disclosure_check_at').where(sql.ref('disclosure_check_at'), 'is not', null).execute();
        // Reminders about agreed dates and silences, each posted once per report and key.
        await db.schema
          .createTable('sweep_notices')
          .addColumn('report_id', 'text', (c) => c.notNull())
          .addColumn('key', 'text', (c) => c.notNull())
          .addColumn('at', 'bigint', (c) => c.notNull())
          .addPrimaryKeyConstraint('sweep_notices_pk', ['report_id', 'key'])
          .execute();
        // "We keep you informed" reads each open report's last message to the researcher.
        await db.schema.createIndex('researcher_messages_report_at_idx').on('researcher_messages').columns(['report_id', 'at']).execute();
      },
    },
    '0015_org_settings': {
      async up(db) {
        // Per-organisation secrets (OpenPGP key, mailbox; later webhook and export secrets):
        // `value` is encrypted JSON, `summary` the non-secret facts the staff page and CLI
        // show, `revision` a random id per write so every instance sees a change at once.
        await db.schema
          .createTable('org_settings')
          .addColumn('org', 'text', (c) => c.notNull())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('value', 'text', (c) => c.notNull())
          .addColumn('summary', 'text', (c) => c.notNull())
          .addColumn('revision', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'bigint', (c) => c.notNull())
          .addPrimaryKeyConstraint('org_settings_pk', ['org', 'name'])
          .execute();
      },
    },
    '0016_sla_checks': {
      // What the sweep looks up by time, in a narrow table (sla-checks.ts): moving a check no
      // longer rewrites a wide reports row and its indexes.
      async up(db) {
        await db.schema
          .createTable('sla_checks')
          .addColumn('report_id', 'text', (c) => c.primaryKey())
          .addColumn('org', 'text', (c) => c.notNull())
          .addColumn('next_check_at', 'bigint')
          .addColumn('silent_since', 'bigint')
          .execute();
        await db.schema.createIndex('sla_checks_next_idx').on('sla_checks').column('next_check_at').execute();
        await db.schema.createIndex('sla_checks_silent_idx').on('sla_checks').columns(['org', 'silent_since']).execute();
        await sql.raw(BACKFILL_SLA_CHECKS_SQL).execute(db);
        // The retention purge on the sweep's beat reads closed reports only: without an index it read every row.
        await db.schema.createIndex('reports_closed_idx').on('reports').column('closed_at').where(sql.ref('closed_at'), 'is not', null).execute();
      },
    },
    '0017_fewer_indexes': {
      // Every accepted report writes each index of reports and outbox; these three serve no
      // query any more: the org's reports are found by reports_issue_idx (org first), the
      // sweep's next check by sla_checks, and every outbox query by outbox_lane_due_idx
      // (state first).
      async up(db) {
        for (const name of ['reports_org_idx', 'reports_next_check_idx', 'outbox_due_idx']) await db.schema.dropIndex(name).ifExists().execute();
      },
    },
  };
}
