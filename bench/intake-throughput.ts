import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { createCore } from '../src/app.js';
import { silentLogger } from '../src/log.js';
import type { GitHubPort } from '../src/ports/github.js';
import { openStore } from '../src/store/open-store.js';
import { fixed, heading, row, target } from './format.js';
import { reportsPath, sampleReport } from './report-body.js';
import { bareHandler, serve, type RouteHandler } from './serve.js';
import { printWhereTheTimeGoes, profiled } from './cpu-profile.js';
import { withBenchSchema } from './postgres.js';

/** How long and how hard each server is loaded. */
export interface LoadSettings {
  seconds: number;
  connections: number;
}

const ORG = 'acme';

/** GitHub as the intake sees it: installed, no config file. The worker is never started. */
const intakeOnlyGitHub: GitHubPort = {
  installationFor: async () => 1,
  forgetInstallation: () => undefined,
  loadRawConfig: async () => null,
  issues: async () => {
    throw new Error('the intake benchmark never files reports');
  },
  advisories: async () => {
    throw new Error('the intake benchmark never opens advisories');
  },
  repoFiles: async () => {
    throw new Error('the intake benchmark never writes files');
  },
  checks: async () => {
    throw new Error('the intake benchmark never writes checks');
  },
  pins: async () => {
    throw new Error('the intake benchmark never pins issues');
  },
};

/** The issue's targets for an accepted report. */
const TARGET_RATIO = 0.5;
const TARGET_P99_MS = 25;

/**
 * Intake throughput and latency: a bare node:http server against the app's real intake
 * (createCore, rate limiting off) on SQLite (a temp dir), then on PostgreSQL (a fresh
 * schema, dropped afterwards), each beside the same bare run, then a durability check:
 * every 202 is a stored report.
 */
export async function benchIntake(settings: LoadSettings, options: { postgres: boolean } = { postgres: true }): Promise<void> {
  heading(`Intake throughput: ${settings.connections} connections, ${settings.seconds} s each`);
  console.log(`  POST ${reportsPath(ORG)}, JSON body of ${JSON.stringify(sampleReport()).length} bytes; autocannon in a worker thread`);
  console.log(`  each server gets ${WARM_UP_REPORTS} report before the load, so the organisation is known (looked up once) when it starts`);
  const bare = await load('bare node:http (202, no store)', bareHandler, settings);

  const dataDir = await mkdtemp(path.join(tmpdir(), 'dd-bench-intake-'));
  try {
    const env = { DATA_DIR: dataDir, INTAKE_RATE_LIMIT: '0' };
    const core = await createCore({ github: intakeOnlyGitHub, log: silentLogger, env });
    const { result: app, profile } = await profiled(() => load('app intake (createCore, SQLite)', core.http, settings));
    await core.close();
    printComparison(bare, app);
    printWhereTheTimeGoes(profile, app['2xx']);
    await printDurability({ dataDir }, app);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }

  if (!options.postgres) {
    console.log('  app intake (createCore, PostgreSQL): left out (BENCH_INTAKE_POSTGRES=0)');
    return;
  }
  await withBenchSchema('app intake (createCore, PostgreSQL)', async ({ databaseUrl }) => {
    const env = { DATABASE_URL: databaseUrl, INTAKE_RATE_LIMIT: '0' };
    const core = await createCore({ github: intakeOnlyGitHub, log: silentLogger, env });
    let app: autocannon.Result;
    try {
      app = await load('app intake (createCore, PostgreSQL)', core.http, settings);
    } finally {
      await core.close();
    }
    printComparison(bare, app);
    await printDurability({ databaseUrl }, app);
  });
}

/**
 * One report is sent before the load (and counted in the durability check), so the
 * organisation is known first: 64 simultaneous first requests would each look it up, and
 * past 10 lookups a minute the intake answers 503 (README, "Routes").
 */
const WARM_UP_REPORTS = 1;

async function load(title: string, handler: RouteHandler, settings: LoadSettings): Promise<autocannon.Result> {
  const served = await serve(handler);
  try {
    for (let n = 0; n < WARM_UP_REPORTS; n += 1) {
      const response = await fetch(`${served.url}${reportsPath(ORG)}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(sampleReport()) });
      await response.arrayBuffer();
    }
    const result = await autocannon({
      url: `${served.url}${reportsPath(ORG)}`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(sampleReport()),
      connections: settings.connections,
      duration: settings.seconds,
      // The load generator runs in a worker thread, so it does not share the server's event loop.
      workers: 1,
    });
    printResult(title, result);
    return result;
  } finally {
    await served.close();
  }
}

function printResult(title: string, result: autocannon.Result): void {
  console.log(`  ${title}`);
  row('    requests/s (mean)', fixed(result.requests.average, 0));
  row('    latency p50 / p99 (ms)', `${result.latency.p50} / ${result.latency.p99}`);
  const statuses = Object.entries(result.statusCodeStats ?? {})
    .map(([status, stats]) => `${status}×${stats.count ?? 0}`)
    .join(' ');
  row('    responses 2xx / non-2xx', `${result['2xx']} / ${result.non2xx}${result.non2xx > 0 ? ` (${statuses})` : ''}`);
  row('    connection errors / timeouts', `${result.errors} / ${result.timeouts}`);
}

function printComparison(bare: autocannon.Result, app: autocannon.Result): void {
  const ratio = app.requests.average / bare.requests.average;
  console.log('  targets');
  row('    throughput app / bare', target(ratio >= TARGET_RATIO, `${fixed(ratio, 2)}× (target ≥ ${TARGET_RATIO}×)`));
  row('    app p99 latency', target(app.latency.p99 <= TARGET_P99_MS, `${app.latency.p99} ms (bare ${bare.latency.p99} ms; target ≤ ${TARGET_P99_MS} ms)`));
}

async function printDurability(where: { dataDir: string } | { databaseUrl: string }, app: autocannon.Result): Promise<void> {
  const accepted = (app.statusCodeStats?.['202']?.count ?? 0) + WARM_UP_REPORTS;
  const store = await openStore(where);
  try {
    const stored = await store.countReports(ORG);
    console.log('  durability (store reopened after the server closed)');
    row(`    202 responses (${WARM_UP_REPORTS} before the load included)`, accepted);
    row("    store.countReports('acme')", stored);
    // A report committed while autocannon stopped may never have had its 202 read.
    const verdict = stored === accepted ? 'equal' : stored > accepted ? `store has ${stored - accepted} more (in flight at stop)` : `${accepted - stored} 202s NOT stored`;
    row('    every 202 stored', target(stored >= accepted, verdict));
  } finally {
    await store.close();
  }
}
