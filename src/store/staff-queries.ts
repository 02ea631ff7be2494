import type { Kysely } from 'kysely';
import { insertEvent } from './event-queries.js';
import type { NewJob } from './job-records.js';
import type { Database } from './schema.js';
import type { ContactReveal, StaffStore } from './staff-records.js';

type Db = Kysely<Database>;

/** The name of the staff pages' signing key in `store_secrets` (migration 0012). */
const SESSION_KEY = 'staff-session-key';

/** The staff pages' SQL: their signing key, used sign-in states, recorded reveals (KyselyStore delegates). */
export class StaffQueries implements StaffStore {
  #key: Promise<string> | null = null;

  constructor(
    private readonly db: Db,
    /** The outbox's own insert (outbox-queries.ts), so a job's columns stay defined in one place. */
    private readonly insertJob: (db: Db, job: NewJob) => Promise<boolean>,
  ) {}

  staffSessionKey(): Promise<string> {
    this.#key ??= this.#loadKey();
    return this.#key;
  }

  async consumeSignInState(stateHash: string, expiresAt: Date, now: Date): Promise<boolean> {
    await this.db.deleteFrom('staff_sign_in_states').where('expires_at', '<', now.getTime()).execute();
    const result = await this.db
      .insertInto('staff_sign_in_states')
      .values({ state_hash: stateHash, expires_at: expiresAt.getTime() })
      .onConflict((oc) => oc.column('state_hash').doNothing())
      .executeTakeFirst();
    return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
  }

  async recordContactReveal(reveal: ContactReveal): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await this.insertJob(trx, reveal.job);
      await insertEvent(trx, { reportId: reveal.reportId, type: 'contact-revealed', at: reveal.at, data: { login: reveal.login } });
    });
  }

  async #loadKey(): Promise<string> {
    const row = await this.db.selectFrom('store_secrets').select('value').where('name', '=', SESSION_KEY).executeTakeFirst();
    if (row === undefined) {
      this.#key = null;
      throw new Error('store has no staff session key: migrations did not run');
    }
    return row.value;
  }
}
