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
};

/**
 * Intake throughput and latency: a bare node:http server against the app's real intake
 * (createCore, SQLite store in a temp dir, rate limiting off), then a durability check:
 * every 202 is a stored report.
 */
export async function benchIntake(settings: LoadSettings): Promise<void> {
  heading(`Intake throughput: ${settings.connections} connections, ${settings.seconds} s each`);
  console.log(`  POST ${reportsPath(ORG)}, JSON body of ${JSON.stringify(sampleReport()).length} bytes; autocannon in a worker thread`);
  const bare = await load('bare node:http (202, no store)', bareHandler, settings);

  const dataDir = await mkdtemp(path.join(tmpdir(), 'dd-bench-intake-'));
  try {
    const env = { DATA_DIR: dataDir, INTAKE_RATE_LIMIT: '0' };
    const core = await createCore({ github: intakeOnlyGitHub, log: silentLogger, env });
    const { result: app, profile } = await profiled(() => load('app intake (createCore, SQLite)', core.http, settings));
    await core.close();
    printComparison(bare, app);
    printWhereTheTimeGoes(profile);
    await printDurability(dataDir, app);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function load(title: string, handler: RouteHandler, settings: LoadSettings): Promise<autocannon.Result> {
  const served = await serve(handler);
  try {
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
  row('    responses 2xx / non-2xx', `${result['2xx']} / ${result.non2xx}`);
  row('    connection errors / timeouts', `${result.errors} / ${result.timeouts}`);
}

function printComparison(bare: autocannon.Result, app: autocannon.Result): void {
  const ratio = app.requests.average / bare.requests.average;
  console.log('  targets');
  row('    throughput app / bare', target(ratio >= 0.5, `${fixed(ratio, 2)}× (target ≥ 0.5×)`));
  row('    app p99 latency', target(app.latency.p99 <= 50, `${app.latency.p99} ms (target ≤ 50 ms)`));
}

async function printDurability(dataDir: string, app: autocannon.Result): Promise<void> {
  const accepted = app.statusCodeStats?.['202']?.count ?? 0;
  const store = await openStore({ dataDir });
  try {
    const stored = await store.countReports(ORG);
    console.log('  durability (store reopened after the server closed)');
    row('    202 responses', accepted);
    row("    store.countReports('acme')", stored);
    // A report committed while autocannon stopped may never have had its 202 read.
    const verdict = stored === accepted ? 'equal' : stored > accepted ? `store has ${stored - accepted} more (in flight at stop)` : `${accepted - stored} 202s NOT stored`;
    row('    every 202 stored', target(stored >= accepted, verdict));
  } finally {
    await store.close();
  }
}
