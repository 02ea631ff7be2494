import { expect, it } from 'vitest';
import { BudgetSpentError, RateLimitedError } from '../../src/errors.js';
import { silentLogger } from '../../src/log.js';
import { HOURLY_CREATE_BUDGET, createLanePacers, pacedWrite } from '../../src/jobs/pace-writes.js';
import { pauseFor } from '../../src/jobs/lane-pause.js';
import { describeEachBackend } from '../helpers/stores.js';

const T0 = Date.UTC(2026, 2, 2, 9);

describeEachBackend('the lane pacers', (backend) => {
  async function pacers() {
    const store = await backend.open();
    let now = T0;
    const sleeps: number[] = [];
    const clock = () => new Date(now);
    const sleep = async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    };
    return { store, sleeps, advance: (ms: number) => void (now += ms), now: () => now, make: () => createLanePacers({ store, clock, sleep, log: silentLogger }) };
  }

  it('spaces the writes of one installation a second after each answer, whatever took the time', async () => {
    const { make, sleeps, advance, now } = await pacers();
    const sent: number[] = [];

    for (let i = 0; i < 3; i += 1) {
      await pacedWrite(make().lane('acme'), 'write', async () => {
        sent.push(now());
        advance(200); // the request takes 200 ms
      });
    }

    expect(sent).toEqual([T0, T0 + 1200, T0 + 2400]);
    expect(sleeps).toEqual([1000, 1000]);
  });

  it('keeps the gap across pacer instances (another job, or another instance, on the same store)', async () => {
    const { make, sleeps } = await pacers();

    await pacedWrite(make().lane('acme'), 'create', async () => undefined);
    await pacedWrite(make().lane('ACME'), 'create', async () => undefined);

    expect(sleeps).toEqual([1000]);
  });

  it('does not hold one installation back for another', async () => {
    const { make, sleeps } = await pacers();

    await pacedWrite(make().lane('acme'), 'write', async () => undefined);
    await pacedWrite(make().lane('other'), 'write', async () => undefined);

    expect(sleeps).toEqual([]);
  });

  it('stamps the gap after a write that failed: it may have reached GitHub', async () => {
    const { make, sleeps } = await pacers();

    await expect(pacedWrite(make().lane('acme'), 'write', () => Promise.reject(new Error('dropped')))).rejects.toThrow('dropped');
    await pacedWrite(make().lane('acme'), 'write', async () => undefined);

    expect(sleeps).toEqual([1000]);
  });

  it('stops content creation when the hour holds the budget, and says when a place frees', async () => {
    const { store, make } = await pacers();
    for (let i = 0; i < HOURLY_CREATE_BUDGET; i += 1) await store.recordWrite('acme', new Date(T0 - 3_000_000 + i * 1000), new Date(T0 - 1), true, true);

    const refused = pacedWrite(make().lane('acme'), 'create', async () => 'sent');

    await expect(refused).rejects.toBeInstanceOf(BudgetSpentError);
    await expect(refused).rejects.toMatchObject({ retryAfterMs: 600_000 });
    expect(await pacedWrite(make().lane('acme'), 'write', async () => 'edits still go')).toBe('edits still go');
  });
});

it.each([
  ['retry-after 15 s, first hit', 15_000, 0, 15_000, 1],
  ['retry-after 15 s, third hit in a row', 15_000, 2, 60_000, 3],
  ['no retry-after, first hit', null, 0, 60_000, 1],
  ['no retry-after, second hit', null, 1, 120_000, 2],
  ['no retry-after, many hits: capped at an hour', null, 12, 3_600_000, 13],
  ['a reset two hours away is honoured in full', 7_200_000, 0, 7_200_000, 1],
])('pauses a rate-limited lane: %s', (_case, retryAfterMs, level, ms, nextLevel) => {
  const pause = pauseFor(new RateLimitedError('create issue: rate limited (403)', retryAfterMs), level);

  expect(pause).toMatchObject({ ms, level: nextLevel });
});

it('waits for the hour window without counting a spent budget as a limit hit', () => {
  expect(pauseFor(new BudgetSpentError('spent', 90_000), 2)).toEqual({ ms: 90_000, level: 2, reason: 'content-creation budget for the hour spent' });
});
