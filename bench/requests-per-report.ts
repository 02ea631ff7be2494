import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createProbot, ProbotOctokit } from 'probot';
import type { Core } from '../src/app.js';
import { disclosureDesk } from '../src/app.js';
import { type FakeGitHub, type RecordedRequest, startFakeGitHub } from '../test/helpers/fake-github.js';
import { TEST_APP_ID, testPrivateKey } from '../test/helpers/test-keys.js';
import { fixed, heading, row, target } from './format.js';
import { reportsPath, sampleReport } from './report-body.js';
import { type RouteHandler, serve } from './serve.js';

const ORG = 'acme';
const REPO = 'security-reports';
const TOKEN_ROUTE = 'POST /app/installations/{installation_id}/access_tokens';
const LABEL_ROUTES = new Set(['GET /repos/{owner}/{repo}/labels', 'POST /repos/{owner}/{repo}/labels']);
export const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

/** The app as Probot runs it, pointed at the fake GitHub with GHE_HOST / GHE_PROTOCOL. */
export interface RunningApp {
  core: Core;
  handler: RouteHandler;
  close(): Promise<void>;
}

/**
 * GitHub requests per filed report: the real app through Probot (appId + privateKey mode)
 * against the fake GitHub, which checks every request against GitHub's OpenAPI spec.
 */
export async function benchRequestsPerReport(count: number): Promise<void> {
  heading(`GitHub requests per filed report: ${count} reports through Probot and the fake GitHub`);
  const fake = await startFakeGitHub();
  fake.addOrg(ORG, 1);
  fake.addRepo(ORG, REPO, { private: true });
  const app = await startApp(fake);
  try {
    const ids = await submitReports(app.handler, count);
    const filed = await fileAll(app.core, ids);
    printRequests(fake, filed, count);
  } finally {
    await app.close();
    await fake.close();
  }
}

export async function startApp(fake: FakeGitHub, options: { realPacing?: boolean } = {}): Promise<RunningApp> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'dd-bench-filing-'));
  const probot = createProbot({
    env: { APP_ID: String(TEST_APP_ID), PRIVATE_KEY: testPrivateKey(), GHE_HOST: fake.host, GHE_PROTOCOL: 'http', LOG_LEVEL: 'warn' },
    // Retries and throttling are the outbox's job; Probot's would hide what the app sends.
    defaults: { Octokit: ProbotOctokit.defaults((options: object) => ({ ...options, retry: { enabled: false }, throttle: { enabled: false } })) },
  });
  let core: Core | null = null;
  let handler: RouteHandler | null = null;
  // The 1 s write pacing would make this bench take count × 2 s; the count of requests is what
  // it measures. The queue bench keeps the real pacing and the polling worker.
  const sleep = options.realPacing === true ? undefined : async (): Promise<void> => undefined;
  await probot.load(
    disclosureDesk({ startWorker: options.realPacing === true, onReady: (ready) => (core = ready), ...(sleep === undefined ? {} : { sleep }), env: { DATA_DIR: dataDir, INTAKE_RATE_LIMIT: '0' } }),
    { cwd: process.cwd(), addHandler: (added) => (handler = added) },
  );
  const ready = core as Core | null;
  const routes = handler as RouteHandler | null;
  if (ready === null || routes === null) throw new Error('the app did not start (no core or no HTTP handler)');
  if (options.realPacing !== true) console.log('  write pacing: sleep injected that resolves at once (production waits ≥ 1 s between writes)');
  console.log(`  fake GitHub: GHE_HOST=${fake.host} GHE_PROTOCOL=http, every request validated against the OpenAPI spec`);
  return {
    core: ready,
    handler: routes,
    async close() {
      await ready.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export async function submitReports(handler: RouteHandler, count: number, org = ORG): Promise<string[]> {
  const served = await serve(handler);
  try {
    const ids: string[] = [];
    for (let n = 0; n < count; n += 1) {
      const response = await fetch(`${served.url}${reportsPath(org)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(sampleReport(n)),
      });
      const body: unknown = await response.json();
      const id = typeof body === 'object' && body !== null && 'id' in body ? String(body.id) : null;
      if (response.status !== 202 || id === null) throw new Error(`report ${n} was not accepted: ${response.status}`);
      ids.push(id);
    }
    return ids;
  } finally {
    await served.close();
  }
}

/** Drives the outbox by hand until every report is filed, or nothing more is due. */
async function fileAll(core: Core, ids: string[]): Promise<number> {
  for (let round = 0; round < 10; round += 1) {
    const ran = await core.worker.runOnce();
    const filed = await countFiled(core, ids);
    if (filed === ids.length || ran === 0) return filed;
  }
  return countFiled(core, ids);
}

async function countFiled(core: Core, ids: string[]): Promise<number> {
  const reports = await Promise.all(ids.map((id) => core.store.getReport(id)));
  return reports.filter((report) => report?.status === 'filed').length;
}

function printRequests(fake: FakeGitHub, filed: number, count: number): void {
  const byRoute = new Map<string, number>();
  for (const request of fake.requests) byRoute.set(routeOf(request), (byRoute.get(routeOf(request)) ?? 0) + 1);
  console.log('  requests by route');
  for (const [route, n] of [...byRoute].sort((a, b) => b[1] - a[1])) console.log(`    ${String(n).padStart(4)}  ${route}`);

  const tokens = fake.requests.filter((r) => routeOf(r) === TOKEN_ROUTE).length;
  const labelSetup = fake.requests.filter((r) => LABEL_ROUTES.has(routeOf(r))).length;
  const writes = fake.requests.filter((r) => isContentWrite(r)).length;
  const reads = fake.requests.filter((r) => r.method === 'GET' && !LABEL_ROUTES.has(routeOf(r))).length;
  const perReport = filed === 0 ? Number.NaN : writes / filed;
  const issues = fake.repo(ORG, REPO)?.issues.length ?? 0;

  console.log('  figures');
  row('    reports filed / submitted', `${filed} / ${count}`);
  row('    tracking issues in the repository', target(issues === filed, `${issues}`));
  row('    total requests', fake.requests.length);
  row('    content-creating requests per report', target(perReport === 1, `${fixed(perReport, 2)} (target exactly 1; labels excluded)`));
  row('    label setup requests (paid once)', labelSetup);
  row('    reads per report (GET, labels excluded)', fixed(filed === 0 ? Number.NaN : reads / filed, 2));
  row('    installation tokens created', tokens);
  const failed = fake.requests.filter((r) => r.status === null || r.status >= 300);
  row('    non-2xx answers', `${failed.length}${failed.length > 0 ? ` (${describeFailures(failed)})` : ''}`);
  row('    requests invalid by the OpenAPI spec', target(fake.state.invalidRequests.length === 0, String(fake.state.invalidRequests.length)));
  row('    requests the fake does not implement', fake.state.unhandledRequests.length);
  for (const invalid of fake.state.invalidRequests) console.log(`    invalid: ${invalid.method} ${invalid.url}: ${invalid.problems.join('; ')}`);
}

/** e.g. "404 GET /repos/{owner}/{repo}/contents/{path} ×1": the missing config file is expected. */
function describeFailures(requests: RecordedRequest[]): string {
  const counts = new Map<string, number>();
  for (const r of requests) {
    const key = `${r.status ?? 'no answer'} ${routeOf(r)}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([key, n]) => `${key} ×${n}`).join(', ');
}

export function routeOf(request: RecordedRequest): string {
  return request.route ?? `${request.method} ${request.path} (not in the spec)`;
}

/** POST/PATCH/PUT/DELETE that create content: token creation and label setup excluded. */
function isContentWrite(request: RecordedRequest): boolean {
  const route = routeOf(request);
  return WRITE_METHODS.has(request.method) && route !== TOKEN_ROUTE && !LABEL_ROUTES.has(route);
}
