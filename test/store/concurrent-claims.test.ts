import { expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { describeEachBackend } from '../helpers/stores.js';
import { T0 } from './new-report.js';

const JOBS = 60;

/** Claims until the store has nothing due, as a worker loop would. */
async function drain(store: Store): Promise<number[]> {
  const claimed: number[] = [];
  for (;;) {
    const job = await store.claimJob(T0, 60_000);
    if (job === null) return claimed;
    claimed.push(job.id);
    await store.completeJob(job.id, T0);
  }
}

describeEachBackend('several store instances on one database', (backend) => {
  it('never hand the same job to two claimers', async () => {
    const database = await backend.createDatabase();
    const a = await database.open();
    const b = await database.open();
    for (let i = 0; i < JOBS; i += 1) {
      // A few organisations, so several lanes are claimed at once, each one job at a time.
      await a.enqueue({ key: `job-${i}`, kind: 'file-report', org: `org-${i % 6}`, payload: '{}', runAfter: T0 });
    }

    // Four concurrent loops per instance, so each pool really runs claims in parallel.
    const claims = await Promise.all([a, a, a, a, b, b, b, b].map(drain));

    const all = claims.flat();
    expect(all).toHaveLength(JOBS);
    expect(new Set(all).size).toBe(JOBS);
  });

  it('never runs two jobs of one lane at once across instances', async () => {
    const database = await backend.createDatabase();
    const a = await database.open();
    const b = await database.open();
    for (let i = 0; i < 12; i += 1) await a.enqueue({ key: `job-${i}`, kind: 'file-report', org: 'acme', payload: '{}', runAfter: T0 });

    const claims = await Promise.all([a, a, b, b].map((store) => store.claimJob(T0, 60_000)));

    expect(claims.filter((job) => job !== null)).toHaveLength(1);
  });
});
