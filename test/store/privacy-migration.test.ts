import { type Kysely, type Insertable } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { isEncrypted } from '../../src/store/field-cipher.js';
import type { Database } from '../../src/store/schema.js';
import { postgresRuns } from './encrypted-database.js';
import { databaseBefore, type OldDatabase } from './database-before.js';
import { T0, later } from './new-report.js';
import { aFilingFacts } from './new-triage.js';

/** A database at the last schema before 0006_privacy, opened with Kysely, and how to open the store on it. */
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const step of cleanups.splice(0).reverse()) await step();
});

const oldSqlite = (): Promise<OldDatabase> => databaseBefore('sqlite', '0006', cleanups);
const oldPostgres = (): Promise<OldDatabase> => databaseBefore('postgres', '0006', cleanups);

/** A queued report as version 0005 stored it, in clear. */
async function insertQueuedReport(db: Kysely<Database>, id: string): Promise<void> {
  await db
    .insertInto('reports')
    .values({
      id,
      org: 'acme',
      channel: 'api',
      language: 'en',
      status: 'queued',
      hold_reason: null,
      status_token_hash: `hash-${id}`,
      received_at: T0.getTime(),
      receipt_due: later(T0, 86_400_000).getTime(),
      assessment_due: later(T0, 5 * 86_400_000).getTime(),
      filed_at: null,
      issue_number: null,
      issue_url: null,
      create_started_at: null,
      payload: JSON.stringify({ title: 'Stored XSS', contact: {}, credit: 'anonymous' }),
      updated_at: T0.getTime(),
    })
    .execute();
}

async function insertJob(db: Kysely<Database>, key: string, state: 'pending' | 'done', payload: string): Promise<void> {
  await db
    .insertInto('outbox')
    // A row as 0005 knew it: no lane yet (0007 fills it in).
    .values({ key, kind: 'issue-update', org: 'acme', payload, state, attempts: 0, run_after: T0.getTime(), locked_until: null, last_error: null, created_at: T0.getTime(), updated_at: T0.getTime() } as Insertable<Database['outbox']>)
    .execute();
}

const cases = [
  { name: 'sqlite', runs: true, open: oldSqlite },
  { name: 'postgres', runs: postgresRuns, open: oldPostgres },
] as const;

for (const backend of cases) {
  (backend.runs ? describe : describe.skip)(`upgrading a store to 0006_privacy [${backend.name}]`, () => {
    it('remembers erasures recorded before, so filing such a report stores no contact details', async () => {
      const old = await backend.open();
      await insertQueuedReport(old.db, 'DD-ERASED-OLD');
      await old.db.insertInto('events').values({ report_id: 'DD-ERASED-OLD', type: 'contact-erased', at: T0.getTime(), data: null }).execute();

      const store = await old.openStore();
      await store.markFiled('DD-ERASED-OLD', { number: 1, url: 'https://github.com/acme/security/issues/1' }, later(T0, 1000), aFilingFacts());

      expect((await store.getTriage('DD-ERASED-OLD'))?.researcher).toMatchObject({ email: null, name: null, github: null, credit: 'anonymous' });
    });

    it('empties the payloads of finished jobs and encrypts the pending ones and the conversation', async () => {
      const old = await backend.open();
      await insertJob(old.db, 'done-reply', 'done', '{"comment":"a researcher’s reply"}');
      await insertJob(old.db, 'pending-reply', 'pending', '{"comment":"another reply"}');
      await old.db.insertInto('researcher_messages').values({ report_id: 'DD-ANY', kind: 'from-researcher', body: 'In clear.', at: T0.getTime() }).execute();

      const store = await old.openStore();

      const rows = await old.db.selectFrom('outbox').select(['key', 'payload']).orderBy('key').execute();
      expect(rows[0]).toEqual({ key: 'done-reply', payload: '{}' });
      expect(rows[1]?.key).toBe('pending-reply');
      expect(isEncrypted(rows[1]?.payload ?? '')).toBe(true);
      expect((await store.getJob('pending-reply'))?.payload).toBe('{"comment":"another reply"}');
      const [message] = await old.db.selectFrom('researcher_messages').select('body').execute();
      expect(isEncrypted(message?.body ?? '')).toBe(true);
      expect((await store.listMessages('DD-ANY')).map((m) => m.body)).toEqual(['In clear.']);
    });
  });
}
