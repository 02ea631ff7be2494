import { expect, it } from 'vitest';
import { createCore, type Core } from '../../src/app.js';
import { RateLimitedError } from '../../src/errors.js';
import { createReportIntake } from '../../src/flows/intake/accept-report.js';
import { silentLogger } from '../../src/log.js';
import { ReportInput } from '../../src/report/report.js';
import type { Store } from '../../src/store/store.js';
import { handleCommandComment } from '../../src/flows/triage/apply-staff-commands.js';
import { MONDAY_MORNING, SAMPLE_REPORT, TRACKING_REPO, WRITER } from '../helpers/filed-report.js';
import { createFakeGitHub, type FakeGitHub } from '../helpers/fake-issues.js';
import { describeEachBackend } from '../helpers/stores.js';

const WRITES = new Set(['createIssue', 'createComment', 'createLabel', 'addLabels', 'updateIssue', 'removeLabel', 'putFile']);

/** Two organisations with the app installed, a shared clock that sleeps move on, and writes stamped with it. */
function world() {
  let now = MONDAY_MORNING.getTime();
  const clock = () => new Date(now);
  const github = createFakeGitHub(clock);
  for (const [org, id] of [['acme', 7], ['beta', 8]] as const) {
    github.installations.set(org, id);
    github.repos.set(`${org}/${TRACKING_REPO}`, { private: true, archived: false });
    github.setPermission(org, TRACKING_REPO, WRITER, 'write');
  }
  const writes: Array<{ at: number; call: string }> = [];
  const calls = github.calls;
  github.calls = new Proxy(calls, {
    get(target, prop, receiver) {
      if (prop === 'push') {
        return (...items: string[]) => {
          for (const item of items) if (WRITES.has(item.split(' ')[0] ?? '')) writes.push({ at: now, call: item });
          return target.push(...items);
        };
      }
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
  return {
    github,
    clock,
    writes,
    advance: (ms: number) => void (now += ms),
    async core(store: Store, env: NodeJS.ProcessEnv = {}): Promise<Core> {
      return createCore({ github, store, log: silentLogger, clock, env, sleep: async (ms) => void (now += ms) });
    },
  };
}

async function accept(core: Core, store: Store, clock: () => Date, org: string, n: number): Promise<string[]> {
  const intake = createReportIntake({ store, orgs: core.orgs, clock });
  const ids: string[] = [];
  for (let i = 0; i < n; i += 1) ids.push((await intake.accept(org, 'api', ReportInput.parse({ ...SAMPLE_REPORT, title: `${SAMPLE_REPORT.title} ${org} ${i}` }))).id);
  return ids;
}

function issuesOf(github: FakeGitHub, org: string): number {
  return github.filedIssues.get(`${org}/${TRACKING_REPO}`)?.length ?? 0;
}

describeEachBackend('the outbox queue', (backend) => {
  it('runs a staff command before a backlog of filings of the same organisation', async () => {
    const w = world();
    const store = await backend.open();
    const core = await w.core(store);
    const [first] = await accept(core, store, w.clock, 'acme', 1);
    await core.worker.runOnce();
    const issueNumber = (await store.getReport(first ?? ''))?.issueNumber ?? -1;
    await accept(core, store, w.clock, 'acme', 30);
    const deps = { store, github: w.github, orgs: core.orgs, clock: w.clock, log: silentLogger, kick: () => undefined };
    await handleCommandComment(deps, { org: 'acme', repo: TRACKING_REPO, issueNumber, commentId: 4242, body: '/severity high', author: WRITER, authorIsBot: false });
    const before = w.writes.length;

    await core.worker.runOnce();

    const order = w.writes.slice(before).map((write) => write.call.split(' ')[0]);
    expect(order.indexOf('createComment')).toBeLessThan(order.indexOf('createIssue'));
    expect(w.github.issue('acme', TRACKING_REPO, issueNumber)?.labels).toContain('severity:high');
    expect(issuesOf(w.github, 'acme')).toBe(31);
  });

  it('serves another organisation between the jobs of a backlog, even one lane at a time', async () => {
    const w = world();
    const store = await backend.open();
    const core = await w.core(store, { OUTBOX_CONCURRENCY: '1' });
    await accept(core, store, w.clock, 'acme', 20);
    w.advance(1000);
    await accept(core, store, w.clock, 'beta', 1);

    await core.worker.runOnce();

    const creates = w.writes.filter((write) => write.call.startsWith('createIssue '));
    const betaAt = creates.findIndex((write) => write.call.endsWith(`beta/${TRACKING_REPO}`));
    expect(betaAt).toBeGreaterThanOrEqual(0);
    expect(betaAt).toBeLessThanOrEqual(2);
    expect(issuesOf(w.github, 'acme')).toBe(20);
  });

  it('keeps the writes to one installation at least a second apart, and lets another installation write meanwhile', async () => {
    const w = world();
    const store = await backend.open();
    const core = await w.core(store);
    await accept(core, store, w.clock, 'acme', 6);
    await accept(core, store, w.clock, 'beta', 6);

    await core.worker.runOnce();

    for (const org of ['acme', 'beta']) {
      const times = w.writes.filter((write) => write.call.endsWith(`${org}/${TRACKING_REPO}`)).map((write) => write.at);
      const gaps = times.slice(1).map((t, i) => t - (times[i] ?? 0));
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(1000);
    }
    expect(issuesOf(w.github, 'acme')).toBe(6);
    expect(issuesOf(w.github, 'beta')).toBe(6);
  });

  it.each([
    ['with retry-after: 15 s, then 30 s when it repeats', 15_000, [15_000, 30_000]],
    ['without retry-after: 60 s, then 120 s', null, [60_000, 120_000]],
  ] as const)('stops writing to a rate-limited installation %s', async (_case, retryAfterMs, pauses) => {
    const w = world();
    const store = await backend.open();
    const core = await w.core(store);
    await accept(core, store, w.clock, 'acme', 3);
    w.github.failNext('createIssue', new RateLimitedError('create issue: rate limited (403)', retryAfterMs));

    await core.worker.runOnce();
    const limitedAt = w.writes.find((write) => write.call.startsWith('createIssue '))?.at ?? 0;

    const state = await store.laneState('acme');
    expect(state.pausedUntil?.getTime()).toBe(limitedAt + pauses[0]);
    expect(w.writes.filter((write) => write.at > limitedAt)).toEqual([]);

    // Just before the pause ends nothing is written; a second limit right after it doubles the pause.
    w.advance(limitedAt + pauses[0] - 1 - w.clock().getTime());
    await core.worker.runOnce();
    expect(w.writes.filter((write) => write.at > limitedAt)).toEqual([]);
    w.advance(1);
    w.github.failNext('createIssue', new RateLimitedError('create issue: rate limited (403)', retryAfterMs));
    await core.worker.runOnce();
    const secondAt = w.writes.filter((write) => write.call.startsWith('createIssue ')).at(-1)?.at ?? 0;
    expect((await store.laneState('acme')).pausedUntil?.getTime()).toBe(secondAt + pauses[1]);

    w.advance(pauses[1]);
    await core.worker.runOnce();
    expect(issuesOf(w.github, 'acme')).toBe(3);
    expect((await store.laneState('acme')).pauseLevel).toBe(0);
  });

  it('goes on writing to other installations while one is paused', async () => {
    const w = world();
    const store = await backend.open();
    const core = await w.core(store);
    await accept(core, store, w.clock, 'acme', 3);
    await accept(core, store, w.clock, 'beta', 3);
    w.github.failNext('createIssue', new RateLimitedError('create issue: rate limited (403)', 600_000));

    await core.worker.runOnce();

    expect(issuesOf(w.github, 'acme') + issuesOf(w.github, 'beta')).toBe(3);
    const paused = (await store.laneState('acme')).pausedUntil !== null ? 'acme' : 'beta';
    expect(issuesOf(w.github, paused)).toBe(0);
    expect((await store.laneState(paused === 'acme' ? 'beta' : 'acme')).pausedUntil).toBeNull();
  });

  it('holds a pause for every instance sharing the database', async () => {
    const w = world();
    const database = await backend.createDatabase();
    const storeA = await database.open();
    const storeB = await database.open();
    const a = await w.core(storeA);
    const b = await w.core(storeB);
    await accept(a, storeA, w.clock, 'acme', 4);
    w.github.failNext('createIssue', new RateLimitedError('create issue: rate limited (403)', 15_000));

    await a.worker.runOnce();
    const limitedAt = w.writes.at(-1)?.at ?? 0;
    await Promise.all([a.worker.runOnce(), b.worker.runOnce()]);

    expect(w.writes.filter((write) => write.at > limitedAt)).toEqual([]);
    w.advance(15_000);
    await Promise.all([a.worker.runOnce(), b.worker.runOnce()]);
    expect(issuesOf(w.github, 'acme')).toBe(4);
    const times = w.writes.map((write) => write.at);
    expect(Math.min(...times.slice(1).map((t, i) => t - (times[i] ?? 0)))).toBeGreaterThanOrEqual(1000);
  });
});
