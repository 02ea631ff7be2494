import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { ColumnDefinitionBuilder, Migration } from 'kysely';
import type { Backend } from './backend.js';

/** The schema history 0001–0012 (see migrations.ts); later ones are in later-migrations.ts. */
export function firstMigrations(backend: Backend): Record<string, Migration> {
  // The only dialect difference in DDL: an auto-incrementing integer key.
  const serialType = backend === 'postgres' ? 'serial' : 'integer';
  const serialKey = (col: ColumnDefinitionBuilder): ColumnDefinitionBuilder =>
    backend === 'postgres' ? col.primaryKey() : col.primaryKey().autoIncrement();

  return {
    '0001_initial': {
      async up(db) {
        await db.schema
          .createTable('reports')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('org', 'text', (c) => c.notNull())
          .addColumn('channel', 'text', (c) => c.notNull())
          .addColumn('language', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('hold_reason', 'text')
          .addColumn('status_token_hash', 'text', (c) => c.notNull().unique())
          .addColumn('received_at', 'bigint', (c) => c.notNull())
          .addColumn('receipt_due', 'bigint', (c) => c.notNull())
          .addColumn('assessment_due', 'bigint', (c) => c.notNull())
          .addColumn('filed_at', 'bigint')
          .addColumn('issue_number', 'integer')
          .addColumn('issue_url', 'text')
          .addColumn('create_started_at', 'bigint')
          .addColumn('payload', 'text')
          .addColumn('updated_at', 'bigint', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('reports_org_idx').on('reports').column('org').execute();

        await db.schema
          .createTable('outbox')
          .addColumn('id', serialType, serialKey)
          .addColumn('key', 'text', (c) => c.notNull().unique())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('org', 'text', (c) => c.notNull())
          .addColumn('payload', 'text', (c) => c.notNull())
          .addColumn('state', 'text', (c) => c.notNull())
          .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('run_after', 'bigint', (c) => c.notNull())
          .addColumn('locked_until', 'bigint')
          .addColumn('last_error', 'text')
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addColumn('updated_at', 'bigint', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('outbox_due_idx').on('outbox').columns(['state', 'run_after']).execute();

        await db.schema
          .createTable('repo_labels')
          .addColumn('org', 'text', (c) => c.notNull())
          .addColumn('repo', 'text', (c) => c.notNull())
          .addColumn('name', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('repo_labels_pk', ['org', 'repo', 'name'])
          .execute();

        await db.schema
          .createTable('events')
          .addColumn('id', serialType, serialKey)
          .addColumn('report_id', 'text', (c) => c.notNull())
          .addColumn('type', 'text', (c) => c.notNull())
          .addColumn('at', 'bigint', (c) => c.notNull())
          .addColumn('data', 'text')
          .execute();
        await db.schema.createIndex('events_report_id_idx').on('events').column('report_id').execute();
      },
    },
    '0002_triage': {
      async up(db) {
        // SQLite takes one column per ALTER TABLE statement.
        const columns: Array<[string, 'text' | 'bigint' | 'integer', ((c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder)?]> = [
          ['issue_repo', 'text'],
          ['triage_status', 'text', (c) => c.notNull().defaultTo('new')],
          ['severity', 'text'],
          ['cvss_vector', 'text'],
          ['resolution_due', 'bigint'],
          ['receipt_met_at', 'bigint'],
          ['assessment_met_at', 'bigint'],
          ['resolution_met_at', 'bigint'],
          ['paused_at', 'bigint'],
          ['paused_calendar_days', 'integer', (c) => c.notNull().defaultTo(0)],
          ['fix_by', 'text'],
          ['accepted_repository', 'text'],
          ['closed_at', 'bigint'],
          ['asset_keys', 'text'],
          ['fingerprint', 'text'],
          ['remind_lead_ms', 'bigint'],
          ['overdue_team', 'text'],
          ['sla_time_zone', 'text'],
          ['tracking_language', 'text'],
          ['next_check_at', 'bigint'],
          ['triage_version', 'integer', (c) => c.notNull().defaultTo(0)],
        ];
        for (const [name, type, build] of columns) {
          await db.schema.alterTable('reports').addColumn(name, type, build ?? ((c) => c)).execute();
        }
        await db.schema.createIndex('reports_next_check_idx').on('reports').column('next_check_at').execute();
        await db.schema.createIndex('reports_issue_idx').on('reports').columns(['org', 'issue_repo', 'issue_number']).execute();

        await db.schema
          .createTable('sla_notices')
          .addColumn('report_id', 'text', (c) => c.notNull())
          .addColumn('deadline', 'text', (c) => c.notNull())
          .addColumn('stage', 'text', (c) => c.notNull())
          .addColumn('at', 'bigint', (c) => c.notNull())
          .addPrimaryKeyConstraint('sla_notices_pk', ['report_id', 'deadline', 'stage'])
          .execute();

        await db.schema
          .createTable('researcher_messages')
          .addColumn('id', serialType, serialKey)
          .addColumn('report_id', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('body', 'text', (c) => c.notNull())
          .addColumn('at', 'bigint', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('researcher_messages_report_idx').on('researcher_messages').column('report_id').execute();
      },
    },
    '0003_advisories': {
      async up(db) {
        const columns: Array<[string, 'text']> = [
          ['researcher', 'text'],
          ['ghsa_id', 'text'],
          ['advisory_repo', 'text'],
          ['advisory_url', 'text'],
          ['cwe_ids', 'text'],
          ['packages', 'text'],
          ['reward', 'text'],
        ];
        for (const [name, type] of columns) await db.schema.alterTable('reports').addColumn(name, type).execute();
        // One report per advisory: a redelivered `reported` webhook files nothing new.
        await db.schema.createIndex('reports_ghsa_idx').on('reports').column('ghsa_id').unique().execute();

        await db.schema
          .createTable('credit_records')
          .addColumn('ghsa_id', 'text', (c) => c.primaryKey())
          .addColumn('org', 'text', (c) => c.notNull())
          .addColumn('report_id', 'text')
          .addColumn('advisory_url', 'text', (c) => c.notNull())
          .addColumn('cve_id', 'text')
          .addColumn('summary', 'text', (c) => c.notNull())
          .addColumn('published_at', 'bigint', (c) => c.notNull())
          .addColumn('researchers', 'text', (c) => c.notNull())
          .addColumn('reward', 'text')
          .execute();
        await db.schema.createIndex('credit_records_org_idx').on('credit_records').column('org').execute();
      },
    },
    '0004_email': {
      async up(db) {
        await db.schema
          .createTable('email_messages')
          .addColumn('key', 'text', (c) => c.primaryKey())
          .addColumn('report_id', 'text', (c) => c.notNull())
          .addColumn('at', 'bigint', (c) => c.notNull())
          .execute();
      },
    },
    '0005_retention': {
      async up(db) {
        // Days after closing when the researcher's contact details are deleted (config at filing).
        await db.schema.alterTable('reports').addColumn('retention_days', 'integer').execute();
      },
    },
    '0006_privacy': {
      async up(db) {
        // When the researcher erased their contact details: filing never writes them back.
        await db.schema.alterTable('reports').addColumn('contact_erased_at', 'bigint').execute();
        // Erasures before this column existed are in the events.
        await sql`update reports set contact_erased_at = (select min(e.at) from events e where e.report_id = reports.id and e.type = 'contact-erased')
          where exists (select 1 from events e where e.report_id = reports.id and e.type = 'contact-erased')`.execute(db);
        // A finished job needs no payload, and it may hold a reply or a mail body.
        await sql`update outbox set payload = '{}' where state = 'done'`.execute(db);
      },
    },
    '0007_lanes': {
      async up(db) {
        // Staff first, a lane per installation, pacing and pauses shared by every instance.
        await db.schema.alterTable('outbox').addColumn('priority', 'integer', (c) => c.notNull().defaultTo(1)).execute();
        await db.schema.alterTable('outbox').addColumn('lane', 'text').execute();
        await sql`update outbox set lane = case when kind = 'send-mail' then 'mail:' || lower(org) else lower(org) end`.execute(db);
        await sql`update outbox set priority = 0 where kind in ('triage-comment', 'issue-update', 'create-advisory', 'update-advisory', 'send-mail') and key not like 'sla:%'`.execute(db);
        await db.schema.createIndex('outbox_lane_due_idx').on('outbox').columns(['state', 'lane', 'priority', 'run_after']).execute();
        await db.schema
          .createTable('lanes')
          .addColumn('lane', 'text', (c) => c.primaryKey())
          .addColumn('busy_until', 'bigint')
          .addColumn('last_claimed_at', 'bigint', (c) => c.notNull().defaultTo(0))
          .addColumn('next_write_at', 'bigint', (c) => c.notNull().defaultTo(0))
          .addColumn('paused_until', 'bigint')
          .addColumn('pause_level', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('pause_reason', 'text')
          .execute();
        await sql`insert into lanes (lane) select distinct lane from outbox`.execute(db);
        await db.schema
          .createTable('lane_creates')
          .addColumn('id', serialType, serialKey)
          .addColumn('lane', 'text', (c) => c.notNull())
          .addColumn('at', 'bigint', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('lane_creates_lane_at_idx').on('lane_creates').columns(['lane', 'at']).execute();
      },
    },
    '0008_front_door': {
      async up(db) {
        // Installations learnt from webhooks: anonymous requests never ask GitHub who is installed.
        await db.schema
          .createTable('installations')
          .addColumn('org_lower', 'text', (c) => c.primaryKey())
          .addColumn('installation_id', 'bigint')
          .addColumn('updated_at', 'bigint', (c) => c.notNull())
          .execute();
        // Rate-limit counters every instance shares, keyed by a salted hash of the client.
        await db.schema
          .createTable('rate_limits')
          .addColumn('key_hash', 'text', (c) => c.notNull())
          .addColumn('window_start', 'bigint', (c) => c.notNull())
          .addColumn('count', 'integer', (c) => c.notNull())
          .addColumn('expires_at', 'bigint', (c) => c.notNull())
          .addPrimaryKeyConstraint('rate_limits_pk', ['key_hash', 'window_start'])
          .execute();
        await db.schema.createIndex('rate_limits_expires_idx').on('rate_limits').column('expires_at').execute();
        await db.schema
          .createTable('store_secrets')
          .addColumn('name', 'text', (c) => c.primaryKey())
          .addColumn('value', 'text', (c) => c.notNull())
          .execute();
        await db.insertInto('store_secrets').values({ name: 'rate-limit-salt', value: randomBytes(32).toString('hex') }).execute();
      },
    },
    '0009_health': {
      async up(db) {
        // One row the readiness probe writes: a store that cannot take this write cannot take a report.
        await db.schema.createTable('health_probe').addColumn('id', 'integer', (c) => c.primaryKey()).addColumn('checked_at', 'bigint', (c) => c.notNull()).execute();
      },
    },
    '0010_org_configs': {
      async up(db) {
        // The last valid config of each organisation: while its file is invalid, the public
        // pages keep showing the policy it last published, never the defaults as its own.
        await db.schema
          .createTable('org_configs')
          .addColumn('org', 'text', (c) => c.primaryKey())
          .addColumn('config', 'text', (c) => c.notNull())
          .addColumn('saved_at', 'bigint', (c) => c.notNull())
          .execute();
      },
    },
    '0011_receipts': {
      async up(db) {
        // The researcher's receipt (the report as received, its hash, the time), encrypted;
        // it holds their contact details, so erasure and retention remove it with them.
        await db.schema.alterTable('reports').addColumn('receipt', 'text').execute();
      },
    },
    '0012_staff_pages': {
      async up(db) {
        // Signs staff sessions, sign-in states and CSRF tokens: one key every instance shares.
        await db.insertInto('store_secrets').values({ name: 'staff-session-key', value: randomBytes(32).toString('hex') }).execute();
        // Sign-in states used at the OAuth callback: each is good once, across instances.
        await db.schema
          .createTable('staff_sign_in_states')
          .addColumn('state_hash', 'text', (c) => c.primaryKey())
          .addColumn('expires_at', 'bigint', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('staff_sign_in_states_expires_idx').on('staff_sign_in_states').column('expires_at').execute();
        // Attachments, encrypted in the store instead of committed to the tracking repository.
        await db.schema
          .createTable('report_attachments')
          .addColumn('report_id', 'text', (c) => c.notNull())
          .addColumn('position', 'integer', (c) => c.notNull())
          .addColumn('file_name', 'text', (c) => c.notNull())
          .addColumn('content_type', 'text', (c) => c.notNull())
          .addColumn('size', 'integer', (c) => c.notNull())
          .addColumn('sha256', 'text', (c) => c.notNull())
          .addColumn('data', 'text', (c) => c.notNull())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addPrimaryKeyConstraint('report_attachments_pk', ['report_id', 'position'])
          .execute();
      },
    },
  };
}
