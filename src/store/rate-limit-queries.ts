import { createHmac } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';
import type { RequestCounterStore, RequestCounts } from './front-door-records.js';

/** Stale windows are deleted every so many counts by each instance. */
const PRUNE_EVERY = 200;

/** The rate_limits table (SQL in one place; KyselyStore delegates). */
export class RateLimitQueries implements RequestCounterStore {
  #salt: Promise<string> | null = null;
  #counted = 0;

  constructor(private readonly db: Kysely<Database>) {}

  async countRequest(name: string, clientKey: string, windowMs: number, now: Date): Promise<RequestCounts> {
    const at = now.getTime();
    const windowStart = at - (at % windowMs);
    const keyHash = await this.#hash(name, clientKey, windowMs);
    if (++this.#counted % PRUNE_EVERY === 0) await this.db.deleteFrom('rate_limits').where('expires_at', '<', at).execute();
    const row = await this.db
      .insertInto('rate_limits')
      .values({ key_hash: keyHash, window_start: windowStart, count: 1, expires_at: windowStart + 2 * windowMs })
      .onConflict((oc) => oc.columns(['key_hash', 'window_start']).doUpdateSet({ count: sql<number>`rate_limits.count + 1` }))
      .returning('count')
      .executeTakeFirstOrThrow();
    const previous = await this.db
      .selectFrom('rate_limits')
      .select('count')
      .where('key_hash', '=', keyHash)
      .where('window_start', '=', windowStart - windowMs)
      .executeTakeFirst();
    return { windowStart: new Date(windowStart), current: Number(row.count), previous: Number(previous?.count ?? 0) };
  }

  async uncountRequest(name: string, clientKey: string, windowMs: number, windowStart: Date): Promise<void> {
    const keyHash = await this.#hash(name, clientKey, windowMs);
    await this.db
      .updateTable('rate_limits')
      .set({ count: sql<number>`count - 1` })
      .where('key_hash', '=', keyHash)
      .where('window_start', '=', windowStart.getTime())
      .where('count', '>', 0)
      .execute();
  }

  async #hash(name: string, clientKey: string, windowMs: number): Promise<string> {
    const salt = await (this.#salt ??= this.#loadSalt());
    return createHmac('sha256', salt).update(`${name}\n${windowMs}\n${clientKey}`).digest('hex');
  }

  async #loadSalt(): Promise<string> {
    const row = await this.db.selectFrom('store_secrets').select('value').where('name', '=', 'rate-limit-salt').executeTakeFirst();
    if (row === undefined) {
      this.#salt = null;
      throw new Error('store has no rate-limit salt: migrations did not run');
    }
    return row.value;
  }
}
