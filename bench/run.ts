/**
 * `npm run bench`: prints figures, asserts nothing. Keep the whole run under about a
 * minute. BENCH_SECONDS and BENCH_CONNECTIONS tune the intake load; BENCH_REPORTS the
 * number of reports filed through the fake GitHub.
 */
import { benchIntake } from './intake-throughput.js';
import { benchRequestsPerReport } from './requests-per-report.js';

function numberFromEnv(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

async function main(): Promise<void> {
  const started = Date.now();
  await benchIntake({ seconds: numberFromEnv('BENCH_SECONDS', 10), connections: numberFromEnv('BENCH_CONNECTIONS', 64) });
  await benchRequestsPerReport(numberFromEnv('BENCH_REPORTS', 20));

  // ---- SWEEP BENCHMARK: PLACEHOLDER ------------------------------------------------------
  // The SLA reminder sweep benchmark comes with its own issue. Add it here as
  // `await benchSweep(...)` from `./sweep.js`, printing figures like the sections above.
  // ------------------------------------------------------------------------------------------

  console.log(`\nbench finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
