import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { expect, it } from 'vitest';
import { createSharedRateLimiter } from '../../src/web/http/rate-limit.js';
import { describeEachBackend, postgresUrl, type TestDatabase } from '../helpers/stores.js';

const CLIENT = '203.0.113.77';
const AT = new Date('2026-03-03T08:00:00Z');

/** Every byte the database holds, as text: the SQLite files, or the PostgreSQL schema's rows. */
async function everythingStored(backend: 'sqlite' | 'postgres', database: TestDatabase): Promise<string> {
  if (backend === 'sqlite') {
    const files = await readdir(database.location);
    const contents = await Promise.all(files.map((file) => readFile(join(database.location, file))));
    return contents.map((bytes) => bytes.toString('latin1')).join('\n');
  }
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    const rows = await client.query(`select row_to_json(r)::text as row from "${database.location}".rate_limits r`);
    return rows.rows.map((r: { row: string }) => r.row).join('\n');
  } finally {
    await client.end();
  }
}

describeEachBackend('the front door tables', (backend) => {
  it('shares one limit between two store instances on the same database', async () => {
    const database = await backend.createDatabase();
    const [first, second] = [await database.open(), await database.open()];
    const setting = { count: 10, windowSeconds: 600 };
    const limiters = [first, second].map((counters) => createSharedRateLimiter({ counters, name: 'posts', setting, now: () => AT }));

    const decisions = [];
    for (let i = 0; i < 20; i += 1) decisions.push(await limiters[i % 2]!.hit(CLIENT));

    expect(decisions.filter((d) => d.allowed)).toHaveLength(10);
  });

  it('lets a client in again once its window has passed, on every instance', async () => {
    const database = await backend.createDatabase();
    const [first, second] = [await database.open(), await database.open()];
    let now = AT;
    const setting = { count: 2, windowSeconds: 60 };
    const a = createSharedRateLimiter({ counters: first, name: 'posts', setting, now: () => now });
    const b = createSharedRateLimiter({ counters: second, name: 'posts', setting, now: () => now });
    await a.hit(CLIENT);
    await b.hit(CLIENT);
    const refused = await a.hit(CLIENT);

    now = new Date(AT.getTime() + 120_000);
    const again = await b.hit(CLIENT);

    expect(refused.allowed).toBe(false);
    expect(again.allowed).toBe(true);
  });

  it('keeps limits with different names apart', async () => {
    const store = await backend.open();
    const setting = { count: 1, windowSeconds: 60 };
    const posts = createSharedRateLimiter({ counters: store, name: 'posts', setting, now: () => AT });
    const reads = createSharedRateLimiter({ counters: store, name: 'reads', setting, now: () => AT });

    await posts.hit(CLIENT);
    const read = await reads.hit(CLIENT);

    expect(read.allowed).toBe(true);
  });

  it('stores no client address, only salted hashes', async () => {
    const database = await backend.createDatabase();
    const store = await database.open();
    const limiter = createSharedRateLimiter({ counters: store, name: 'posts', setting: { count: 5, windowSeconds: 600 }, now: () => AT });

    for (let i = 0; i < 3; i += 1) await limiter.hit(CLIENT);
    await store.close();
    const stored = await everythingStored(backend.name, database);

    expect(stored).not.toContain(CLIENT);
    expect(stored).not.toContain('203.0.113');
  });

  it('remembers installations from events, and an event wins over a lookup', async () => {
    const store = await backend.open();

    await store.saveInstallation('Acme', 42, AT);
    await store.learnInstallation('acme', 7, AT);
    await store.saveInstallation('Globex', 9, AT);
    await store.saveInstallation('globex', null, AT);
    await store.learnInstallation('initech', 5, AT);

    expect(await store.installationRecord('ACME')).toEqual({ installationId: 42, updatedAt: AT });
    expect(await store.installationRecord('globex')).toEqual({ installationId: null, updatedAt: AT });
    expect(await store.installationRecord('initech')).toEqual({ installationId: 5, updatedAt: AT });
    expect(await store.installationRecord('hooli')).toBeNull();
  });
});
