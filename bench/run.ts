/**
 * `npm run bench`: prints figures, asserts nothing; each beside its baseline from the same
 * run. About five minutes: the filing rate keeps GitHub's real pace (one write a second)
 * and the footprint builds the app and idles it. Tuning:
 * - BENCH_SECONDS, BENCH_CONNECTIONS: the intake load (SQLite and PostgreSQL);
 * - BENCH_REPORTS: reports filed through the fake GitHub to count requests per report;
 * - BENCH_BACKLOG: reports queued ahead of a staff command (real pacing, about 1 s each);
 * - BENCH_FILING_REPORTS: reports queued for the filing rate (real pacing, about 1 s each,
 *   three runs: one instance on SQLite, one and two instances on PostgreSQL);
 * - BENCH_SWEEP_REPORTS: the open reports the SLA sweep runs over;
 * - BENCH_LOAD_SECONDS, BENCH_SETTLE_SECONDS: the production start's intake load (peak RSS)
 *   and how long it idles before its RSS counts as settled.
 * - BENCH_ONLY: a comma-separated list of sections to run (intake, requests, writes, queue,
 *   filing, sweep, front-door, footprint), e.g. `BENCH_ONLY=intake,footprint npm run bench`;
 *   BENCH_INTAKE_POSTGRES=0 leaves PostgreSQL out of the intake section, BENCH_SKIP_BUILD=1
 *   has the footprint measure dist/ as it is.
 * PostgreSQL: BENCH_DATABASE_URL, else TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test
 * (a fresh schema each time, dropped afterwards); without it those runs say why they were skipped.
 */
import { benchIntake } from './intake-throughput.js';
import { benchRequestsPerReport } from './requests-per-report.js';
import { benchSweep } from './sweep.js';
import { benchWritesPerCommand } from './writes-per-command.js';
import { benchQueueLatency } from './queue-latency.js';
import { benchFrontDoor } from './front-door.js';
import { benchFilingRate } from './filing-rate.js';
import { benchFootprint } from './footprint.js';

function numberFromEnv(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/** The sections asked for by BENCH_ONLY; every section when it is unset. */
function wanted(section: string): boolean {
  const only = (process.env.BENCH_ONLY ?? '').split(',').map((name) => name.trim()).filter((name) => name !== '');
  return only.length === 0 || only.includes(section);
}

async function main(): Promise<void> {
  const started = Date.now();
  const connections = numberFromEnv('BENCH_CONNECTIONS', 64);
  const intakePostgres = process.env.BENCH_INTAKE_POSTGRES !== '0';
  if (wanted('intake')) await benchIntake({ seconds: numberFromEnv('BENCH_SECONDS', 10), connections }, { postgres: intakePostgres });
  if (wanted('requests')) await benchRequestsPerReport(numberFromEnv('BENCH_REPORTS', 20));
  if (wanted('writes')) await benchWritesPerCommand();
  if (wanted('queue')) await benchQueueLatency(numberFromEnv('BENCH_BACKLOG', 20));
  if (wanted('filing')) await benchFilingRate(numberFromEnv('BENCH_FILING_REPORTS', 40));

  if (wanted('sweep')) await benchSweep(numberFromEnv('BENCH_SWEEP_REPORTS', 100_000));
  if (wanted('front-door')) await benchFrontDoor();
  // Last: it compiles the app (npm run build) and starts it as production does.
  if (wanted('footprint')) {
    await benchFootprint({ loadSeconds: numberFromEnv('BENCH_LOAD_SECONDS', 30), settleSeconds: numberFromEnv('BENCH_SETTLE_SECONDS', 30), connections });
  }

  console.log(`\nbench finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
