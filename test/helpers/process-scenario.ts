/**
 * Orchestration for fault scenarios with real app processes (test/helpers/app-process.ts)
 * on one database: start instances, SIGKILL them right after the fake GitHub performed a
 * chosen write, start their replacements "later", wait on conditions with the outbox's
 * backoff fast-forwarded, and say what was going on when something times out.
 *
 * Time: the scenario has one clock, real time plus an offset, shared by the fake GitHub
 * and every app process. After a crash, `nextGeneration()` moves it ahead by more than any
 * lease the app takes (its outbox job and lane leases), so the replacements find the dead
 * workers' claims run out, exactly as they would minutes later, without the test touching
 * the app's tables. Within a generation, `waitFor` pulls the next attempt of failed jobs to
 * now (the app backs off 10 s, 20 s, … on the real clock).
 *
 * ```ts
 * const clock = scenarioClock();
 * const fake = await startFakeGitHub({ now: clock.now });
 * const scenario = processScenario(fake, db, clock);
 * const app = await scenario.start('app-1');
 * await scenario.crashAt({ method: 'POST', path: /\/issues$/ }, [app]);
 * scenario.nextGeneration();
 * await scenario.start('app-2');
 * ```
 */
import { type AppProcess, startAppProcess } from './app-process.js';
import { describeJobs } from './database-probe.js';
import type { FaultDatabase } from './fault-backends.js';
import type { FakeGitHub, RequestMatch } from './fake-github.js';
import { waitFor, withDeadline } from './wait-for.js';

/**
 * How far the clock moves between generations: beyond every lease the app takes (60 s
 * today; 5 minutes before), and far below anything with a calendar meaning here.
 */
export const GENERATION_STEP_MS = 10 * 60_000;

/** Real time plus an offset that only grows. */
export interface ScenarioClock {
  readonly offsetMs: number;
  now(): Date;
  advance(ms: number): void;
}

export function scenarioClock(): ScenarioClock {
  let offsetMs = 0;
  return {
    get offsetMs() {
      return offsetMs;
    },
    now: () => new Date(Date.now() + offsetMs),
    advance(ms) {
      offsetMs += ms;
    },
  };
}

export interface ProcessScenario {
  readonly fake: FakeGitHub;
  readonly db: FaultDatabase;
  /** Starts another app process on the database, on the scenario's clock. */
  start(name: string): Promise<AppProcess>;
  /**
   * Arms a crash: the next request matching `match` (after letting `after` through) is
   * performed by GitHub, then every one of `victims` is SIGKILLed before the answer goes
   * out (none is sent). Resolves once all victims are gone.
   */
  crashAt(match: RequestMatch, victims: readonly AppProcess[], options?: { after?: number; timeoutMs?: number; what?: string }): Promise<void>;
  /** After a crash, with no process left: the clock moves past every lease the dead held. */
  nextGeneration(): void;
  /** Polls `condition` (the outbox's backoff fast-forwarded on every poll) until it holds. */
  waitFor<T>(what: string, condition: () => Promise<T> | T, timeoutMs?: number): Promise<NonNullable<T>>;
  /** Pending jobs, the last requests GitHub saw and the processes' last output. */
  diagnostics(): Promise<string>;
  /** SIGKILLs whatever still runs. */
  stopAll(): Promise<void>;
}

export function processScenario(fake: FakeGitHub, db: FaultDatabase, clock: ScenarioClock): ProcessScenario {
  const processes: AppProcess[] = [];

  async function diagnostics(): Promise<string> {
    const jobs = await db.probe.pendingJobs().catch(() => []);
    const requests = fake.requests
      .slice(-30)
      .map((r) => `  ${r.time.toISOString().slice(11, 23)} ${r.method} ${r.path} → ${r.status ?? '-'}${r.injected === undefined ? '' : ` [${r.injected}${r.performedStatus === undefined ? '' : ` ${r.performedStatus}`}]`}`);
    const outputs = processes.slice(-3).map((p) => `${p.output()}\n(${p.exited ? 'exited' : 'running'})`);
    return [`clock: ${clock.now().toISOString()} (real + ${clock.offsetMs / 60_000} min)`, `pending jobs:\n${describeJobs(jobs)}`, `last GitHub requests:\n${requests.join('\n')}`, ...outputs].join('\n');
  }

  return {
    fake,
    db,
    async start(name) {
      const app = await startAppProcess({ name, fake, env: db.appEnv, clockOffsetMs: clock.offsetMs });
      processes.push(app);
      return app;
    },
    async crashAt(match, victims, options = {}) {
      fake.failNext({ ...match, kind: 'lost-answer', after: options.after ?? 0, then: () => victims.forEach((v) => v.killNow()) });
      const what = options.what ?? `a crash at ${match.method ?? 'any'} ${match.path?.source ?? (match.writes === true ? 'write' : 'request')}`;
      try {
        await withDeadline(what, Promise.all(victims.map((v) => v.exit)), options.timeoutMs ?? 60_000);
      } catch (error) {
        throw new Error(`${error instanceof Error ? error.message : String(error)}\n${await diagnostics()}`);
      }
    },
    nextGeneration() {
      const alive = processes.filter((p) => !p.exited).map((p) => p.name);
      if (alive.length > 0) throw new Error(`nextGeneration with live app processes (their clocks would lag): ${alive.join(', ')}`);
      clock.advance(GENERATION_STEP_MS);
    },
    waitFor(what, condition, timeoutMs = 60_000) {
      return waitFor(what, condition, { timeoutMs, intervalMs: 250, tick: () => db.probe.fastForward(clock.now().getTime()), diagnostics });
    },
    diagnostics,
    async stopAll() {
      await Promise.all(processes.map((p) => p.kill()));
    },
  };
}
