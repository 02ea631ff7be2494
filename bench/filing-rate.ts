/**
 * Filing rate at GitHub's documented limits: reports are queued first, then filed by the
 * app with its real write pacing (the outbox's pacer, ≥ 1 s between writes of an
 * installation, kept in the store) against a local fake GitHub that ENFORCES the
 * secondary limits for content-creating requests (≥ 1 s apart, ≤ 80 a minute, ≤ 500 an
 * hour, per installation) and answers a write that breaks one with GitHub's 403.
 *
 * Runs: one instance on SQLite (the default store), then, when PostgreSQL answers, one
 * instance and two instances sharing one PostgreSQL schema (fresh, dropped afterwards),
 * each with its own Probot, store connections and outbox worker, in this process.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { type Core, disclosureDesk } from '../src/app.js';
import { loadApp } from '../src/github/load-app.js';
import { probotFromEnv } from '../src/github/probot-runtime.js';
import { type FakeGitHub, type RecordedRequest, startFakeGitHub } from '../test/helpers/fake-github.js';
import { TEST_APP_ID, testPrivateKey } from '../test/helpers/test-keys.js';
import { fixed, heading, row, target } from './format.js';
import { withBenchSchema } from './postgres.js';
import { submitReports } from './requests-per-report.js';
import type { RouteHandler } from './serve.js';

const ORG = 'acme';
const REPO = 'security-reports';
const TOKEN_ROUTE = 'POST /app/installations/{installation_id}/access_tokens';
const LABEL_ROUTES = new Set(['GET /repos/{owner}/{repo}/labels', 'POST /repos/{owner}/{repo}/labels']);
const ISSUE_CREATE = 'POST /repos/{owner}/{repo}/issues';
/** The issue's target: 300 queued reports filed in at most 6 minutes. */
const TARGET_REPORTS = 300;
const TARGET_MS = 6 * 60_000;

/** What one run measured. */
interface FilingRun {
  label: string;
  count: number;
  /** Reports whose status is `filed` in the store at the end. */
  filed: number;
  /** Tracking issues GitHub holds at the end. */
  issues: number;
  timedOut: boolean;
  /** From the workers' start until every report was filed (or the run gave up). */
  totalMs: number;
  /** From the workers' start until GitHub created the first tracking issue. */
  firstIssueMs: number;
  /** Between the first and the last tracking issue, per issue: the steady pace. */
  steadyIntervalMs: number;
  /** Least time between two content-creating requests GitHub received from the installation. */
  smallestGapMs: number | null;
  violations: Map<string, number>;
  /** Content-creating requests (every write but the installation token), label setup included. */
  contentWrites: number;
  /** Tracking issues created with each instance's installation token, largest first. */
  issuesByInstance: number[];
  /** Label setup writes among them (once per repository). */
  labelSetupWrites: number;
  invalidRequests: number;
}

/** Prints the filing figures: one instance (SQLite, PostgreSQL) and two instances on PostgreSQL. */
export async function benchFilingRate(count: number): Promise<void> {
  heading(`Filing rate at GitHub's documented limits: ${count} queued reports, real write pacing`);
  console.log('  fake GitHub enforces, per installation: content-creating requests ≥ 1 s apart, ≤ 80/min, ≤ 500/h;');
  console.log('  a write that breaks one gets 403 "secondary rate limit" with retry-after, performs nothing, and is counted');
  console.log('  reports are queued first (JSON API), then the outbox workers start; the clock runs from their start');

  const sqlite = await filingRun('one instance, SQLite', count, 1, async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'dd-bench-filing-rate-'));
    return { env: () => ({ DATA_DIR: dataDir }), cleanup: () => rm(dataDir, { recursive: true, force: true }) };
  });
  printRun(sqlite);

  const onePg = await withBenchSchema('one instance, PostgreSQL', (schema) =>
    filingRun('one instance, PostgreSQL', count, 1, async () => ({ env: () => ({ DATABASE_URL: schema.databaseUrl }), cleanup: async () => undefined })),
  );
  if (onePg !== null) printRun(onePg);
  const twoPg = await withBenchSchema('two instances, one PostgreSQL', (schema) =>
    filingRun('two instances, one PostgreSQL', count, 2, async () => ({ env: () => ({ DATABASE_URL: schema.databaseUrl }), cleanup: async () => undefined })),
  );
  if (twoPg !== null) printRun(twoPg);

  if (twoPg !== null) {
    const one = onePg ?? sqlite;
    // A 2 % allowance: both runs are paced by 1 s timers, so a few hundred ms either way is noise.
    const noSlower = !twoPg.timedOut && twoPg.totalMs <= one.totalMs * 1.02;
    console.log('  a second instance is never slower than one');
    row(
      `    two instances vs one (${one === onePg ? 'both PostgreSQL' : 'one on SQLite'})`,
      target(noSlower, `${fixed(twoPg.totalMs / 1000, 1)} s vs ${fixed(one.totalMs / 1000, 1)} s (${fixed((twoPg.totalMs / one.totalMs - 1) * 100, 1)} %; target ≤ +2 %, timer noise)`),
    );
  }
}

interface RunDatabase {
  env(): Record<string, string>;
  cleanup(): Promise<void>;
}

/** One run: a fresh fake GitHub with limits on, `instances` apps on one database, `count` reports. */
async function filingRun(label: string, count: number, instances: number, database: () => Promise<RunDatabase>): Promise<FilingRun> {
  const fake = await startFakeGitHub({ secondaryLimits: true });
  fake.addOrg(ORG, 1);
  fake.addRepo(ORG, REPO, { private: true });
  const db = await database();
  const apps: Instance[] = [];
  try {
    // One after the other: the first migrates the database, the second finds it done.
    for (let n = 0; n < instances; n += 1) apps.push(await startInstance(fake, db.env()));
    const first = apps[0];
    if (first === undefined) throw new Error('no instance started');
    const ids = await submitReports(first.handler, count, ORG);
    const started = Date.now();
    for (const app of apps) app.core.worker.start();
    const limitMs = 60_000 + count * 3_000;
    let timedOut = false;
    for (;;) {
      if ((fake.repo(ORG, REPO)?.issues.length ?? 0) >= count && (await countFiled(first.core, ids)) === count) break;
      if (Date.now() - started > limitMs) {
        timedOut = true;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const totalMs = Date.now() - started;
    for (const app of apps) await app.core.worker.stop();
    return measure(label, fake, { count, filed: await countFiled(first.core, ids), started, totalMs, timedOut });
  } finally {
    for (const app of apps) await app.core.close();
    await db.cleanup();
    await fake.close({ expectProblems: true });
  }
}

interface Instance {
  core: Core;
  handler: RouteHandler;
}

/** The app as production builds it (probotFromEnv, loadApp), its worker not yet started. */
async function startInstance(fake: FakeGitHub, storeEnv: Record<string, string>): Promise<Instance> {
  const log = pino({ level: 'error' });
  const probot = probotFromEnv(log, { APP_ID: String(TEST_APP_ID), PRIVATE_KEY: testPrivateKey(), GHE_HOST: fake.host, GHE_PROTOCOL: 'http', LOG_LEVEL: 'error' });
  if (probot === null) throw new Error('no Probot: the bench credentials were not taken');
  let core: Core | null = null;
  const { routes } = await loadApp(
    probot,
    disclosureDesk({ startWorker: false, onReady: (ready) => (core = ready), env: { ...storeEnv, INTAKE_RATE_LIMIT: '0', READ_RATE_LIMIT: '0' } }),
  );
  const ready = core as Core | null;
  const handler = routes[0];
  if (ready === null || handler === undefined) throw new Error('the app did not start');
  return { core: ready, handler };
}

async function countFiled(core: Core, ids: string[]): Promise<number> {
  const reports = await Promise.all(ids.map((id) => core.store.getReport(id)));
  return reports.filter((report) => report?.status === 'filed').length;
}

function routeOf(request: RecordedRequest): string {
  return request.route ?? `${request.method} ${request.path}`;
}

/** Every write but the installation token: what GitHub counts as content creation. */
function isContentWrite(request: RecordedRequest): boolean {
  return request.method !== 'GET' && request.method !== 'HEAD' && routeOf(request) !== TOKEN_ROUTE;
}

function measure(label: string, fake: FakeGitHub, run: { count: number; filed: number; started: number; totalMs: number; timedOut: boolean }): FilingRun {
  const writes = fake.requests.filter((r) => isContentWrite(r) && r.path.startsWith(`/repos/${ORG}/`));
  const times = writes.map((r) => r.time.getTime());
  const gaps = times.slice(1).map((t, i) => t - (times[i] ?? t));
  const created = fake.requests.filter((r) => routeOf(r) === ISSUE_CREATE && r.status === 201).map((r) => r.time.getTime());
  const firstIssue = created[0] ?? Number.NaN;
  const lastIssue = created[created.length - 1] ?? Number.NaN;
  const violations = new Map<string, number>();
  for (const v of fake.limitViolations) violations.set(v.rule, (violations.get(v.rule) ?? 0) + 1);
  return {
    label,
    count: run.count,
    filed: run.filed,
    issues: fake.repo(ORG, REPO)?.issues.length ?? 0,
    timedOut: run.timedOut,
    totalMs: run.totalMs,
    firstIssueMs: firstIssue - run.started,
    steadyIntervalMs: created.length > 1 ? (lastIssue - firstIssue) / (created.length - 1) : Number.NaN,
    smallestGapMs: gaps.length === 0 ? null : Math.min(...gaps),
    violations,
    contentWrites: writes.length,
    issuesByInstance: [...countBy(fake.requests.filter((r) => routeOf(r) === ISSUE_CREATE && r.status === 201), (r) => r.headers.authorization ?? '').values()].sort((a, b) => b - a),
    labelSetupWrites: writes.filter((r) => LABEL_ROUTES.has(routeOf(r))).length,
    invalidRequests: fake.state.invalidRequests.length,
  };
}

function countBy<T>(items: T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

function printRun(run: FilingRun): void {
  const perMinute = (run.filed / run.totalMs) * 60_000;
  // The first issue's wait (token, repository check, label setup), then the steady pace.
  const projectedMs = run.firstIssueMs + (TARGET_REPORTS - 1) * run.steadyIntervalMs;
  const violations = [...run.violations.values()].reduce((a, b) => a + b, 0);
  const perReport = run.filed === 0 ? Number.NaN : (run.contentWrites - run.labelSetupWrites) / run.filed;
  console.log(`  ${run.label}`);
  row('    reports filed / queued', `${run.filed} / ${run.count}${run.timedOut ? ' (gave up: took too long)' : ''}; ${run.issues} tracking issues`);
  if (run.issuesByInstance.length > 1) row('    issues created per instance (by its token)', run.issuesByInstance.join(' / '));
  row('    time for all', `${fixed(run.totalMs / 1000, 1)} s (first issue after ${fixed(run.firstIssueMs / 1000, 1)} s, then one every ${fixed(run.steadyIntervalMs / 1000, 2)} s)`);
  row('    reports/min', `${fixed(perMinute, 1)} (GitHub's limit: 60 writes/min at 1 s apart)`);
  row(`    projected time for ${TARGET_REPORTS} reports`, target(projectedMs <= TARGET_MS, `${fixed(projectedMs / 1000, 0)} s = first + ${TARGET_REPORTS - 1} × steady (target ≤ ${TARGET_MS / 1000} s)`));
  row('    smallest gap between content writes', run.smallestGapMs === null ? 'n/a (fewer than two writes)' : target(run.smallestGapMs >= 1000, `${run.smallestGapMs} ms (GitHub asks ≥ 1000 ms)`));
  const byRule = [...run.violations].map(([rule, n]) => `${rule} ${n}`).join(', ');
  row('    secondary-limit violations', target(violations === 0, `${violations}${byRule === '' ? '' : ` (${byRule})`} (target 0)`));
  row('    content-creating requests per report', target(perReport === 1, `${fixed(perReport, 2)} (target 1; label setup, ${run.labelSetupWrites} writes once per repository, excluded)`));
  row('    requests invalid by the OpenAPI spec', target(run.invalidRequests === 0, String(run.invalidRequests)));
}
