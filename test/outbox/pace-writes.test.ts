import { describe, expect, it } from 'vitest';
import { createWritePacer } from '../../src/outbox/pace-writes.js';

describe('createWritePacer', () => {
  it('spaces consecutive writes at least one second apart', async () => {
    let now = 0;
    const sleeps: number[] = [];
    const pacer = createWritePacer(
      () => new Date(now),
      async (ms) => {
        sleeps.push(ms);
        now += ms;
      },
    );
    const writes: number[] = [];

    for (let i = 0; i < 3; i += 1) {
      await pacer.beforeWrite();
      writes.push(now);
      now += 200;
    }

    expect(writes).toEqual([0, 1000, 2000]);
    expect(sleeps).toEqual([800, 800]);
  });

  it('serialises concurrent writers', async () => {
    let now = 0;
    const pacer = createWritePacer(
      () => new Date(now),
      async (ms) => {
        now += ms;
      },
    );
    const times: number[] = [];

    await Promise.all([1, 2, 3].map(() => pacer.beforeWrite().then(() => times.push(now))));

    expect(times).toEqual([0, 1000, 2000]);
  });

  it('does not wait when the last write was long ago', async () => {
    let now = 0;
    const sleeps: number[] = [];
    const pacer = createWritePacer(() => new Date(now), async (ms) => void sleeps.push(ms));

    await pacer.beforeWrite();
    now = 5000;
    await pacer.beforeWrite();

    expect(sleeps).toEqual([]);
  });
});
