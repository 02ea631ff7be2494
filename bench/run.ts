/**
 * `npm run bench`: prints figures, asserts nothing. Keep the whole run under about a
 * minute. BENCH_SECONDS and BENCH_CONNECTIONS tune the intake load; BENCH_REPORTS the
 * number of reports filed through the fake GitHub; BENCH_SWEEP_REPORTS the open reports the
 * SLA sweep runs over; BENCH_BACKLOG the reports queued ahead of a staff command (real pacing,
 * about 1.5 s each).
 */
import { benchIntake } from './intake-throughput.js';
import { benchRequestsPerReport } from './requests-per-report.js';
import { benchSweep } from './sweep.js';
import { benchWritesPerCommand } from './writes-per-command.js';
import { benchQueueLatency } from './queue-latency.js';
import { benchFrontDoor } from './front-door.js';

function numberFromEnv(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

async function main(): Promise<void> {
  const started = Date.now();
  await benchIntake({ seconds: numberFromEnv('BENCH_SECONDS', 10), connections: numberFromEnv('BENCH_CONNECTIONS', 64) });
  await benchRequestsPerReport(numberFromEnv('BENCH_REPORTS', 20));
  await benchWritesPerCommand();
  await benchQueueLatency(numberFromEnv('BENCH_BACKLOG', 20));

  await benchSweep(numberFromEnv('BENCH_SWEEP_REPORTS', 10_000));
  await benchFrontDoor();

  console.log(`\nbench finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
