/**
 * Footprint of the production start: `npm run build`, then the compiled tree started as
 * `npm start` starts it (`node dist/main.js`, NODE_ENV=production) against a local fake
 * GitHub (GHE_HOST) with a temp DATA_DIR (SQLite). Measured from outside, on the child
 * process: time from spawn to `/healthz` and to `/readyz` answering 200 (a first start on
 * an empty DATA_DIR, which migrates it, then a restart on it), RSS from /proc/<pid>/status
 * once started and after it has idled, and the peak RSS while autocannon loads the JSON
 * intake. Beside each, the same figure of a bare `node -e` node:http server in the same run.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { startFakeGitHub } from '../test/helpers/fake-github.js';
import { freePort, WEBHOOK_SECRET } from '../test/helpers/probot-server.js';
import { TEST_APP_ID, testPrivateKey } from '../test/helpers/test-keys.js';
import { fixed, heading, row, target } from './format.js';
import { reportsPath, sampleReport } from './report-body.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const ORG = 'acme';
const MIB = 1024 * 1024;
/** The targets. */
const TARGET_START_MS = 1500;
const TARGET_IDLE_RSS = 100 * MIB;
const TARGET_PEAK_RSS = 160 * MIB;

/** The baseline: answers GET with 200 and POST (its body read) with 202, stores nothing. */
const BARE_SERVER = [
  "const http = require('node:http');",
  'http.createServer((req, res) => {',
  "  req.on('data', () => undefined);",
  "  req.on('end', () => {",
  "    if (req.method === 'POST') { res.writeHead(202, { 'content-type': 'application/json; charset=utf-8' }); res.end('{\"id\":\"DD-000000000000\",\"status_url\":\"/status/x\"}'); }",
  "    else { res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }); res.end('{\"status\":\"ok\"}'); }",
  '  });',
  "}).listen(Number(process.env.PORT), '127.0.0.1');",
].join('\n');

export interface FootprintSettings {
  /** Seconds of intake load for the peak RSS (BENCH_LOAD_SECONDS). */
  loadSeconds: number;
  /** Seconds the started process idles before its RSS counts as settled (BENCH_SETTLE_SECONDS). */
  settleSeconds: number;
  connections: number;
}

interface Started {
  child: ChildProcess;
  pid: number;
  url: string;
  healthzMs: number;
  readyzMs: number;
}

interface Figures {
  firstStart: Started;
  start: Started;
  rssAtReady: number;
  idle: { settled: number; min: number; max: number };
  peak: { rss: number; how: string };
  load: autocannon.Result;
}

export async function benchFootprint(settings: FootprintSettings): Promise<void> {
  heading('Footprint of the production start: npm run build, then node dist/main.js (what npm start runs)');
  // BENCH_SKIP_BUILD=1 measures dist/ as it is (built by hand, e.g. while another change
  // elsewhere in the tree does not type-check yet).
  const built = process.env.BENCH_SKIP_BUILD === '1' ? { ok: true, code: 0, ms: 0, output: '' } : await build();
  if (!built.ok) {
    console.log(`  skipped: npm run build failed (exit ${built.code}) after ${fixed(built.ms / 1000, 1)} s`);
    for (const line of built.output.trim().split('\n').slice(-10)) console.log(`    ${line}`);
    return;
  }
  row('  npm run build', process.env.BENCH_SKIP_BUILD === '1' ? 'skipped (BENCH_SKIP_BUILD=1: dist/ as it is)' : `${fixed(built.ms / 1000, 1)} s`);
  console.log(`  load: POST ${reportsPath(ORG)} (JSON), ${settings.connections} connections, ${settings.loadSeconds} s; RSS idle after ${settings.settleSeconds} s`);

  const measured = await measure(settings);
  if (measured === null) return;
  const { bare, app } = measured;

  console.log('  start: spawn until the port answers 200');
  row('    bare node -e (node:http)', `${fixed(bare.start.healthzMs, 0)} ms`);
  row('    app, first start (empty DATA_DIR): /healthz', `${fixed(app.firstStart.healthzMs, 0)} ms`);
  row('    app, first start (empty DATA_DIR): /readyz', target(app.firstStart.readyzMs <= TARGET_START_MS, `${fixed(app.firstStart.readyzMs, 0)} ms (target ≤ ${TARGET_START_MS} ms)`));
  row('    app, restart (migrated DATA_DIR): /healthz', `${fixed(app.start.healthzMs, 0)} ms`);
  row('    app, restart (migrated DATA_DIR): /readyz', target(app.start.readyzMs <= TARGET_START_MS, `${fixed(app.start.readyzMs, 0)} ms (target ≤ ${TARGET_START_MS} ms)`));
  console.log('  RSS (VmRSS of the process)');
  row('    bare, once answering', mib(bare.rssAtReady));
  row('    app, at /readyz 200', mib(app.rssAtReady));
  row(`    bare, idle after ${settings.settleSeconds} s`, mib(bare.idle.settled));
  row(
    `    app, idle after ${settings.settleSeconds} s`,
    target(app.idle.settled <= TARGET_IDLE_RSS, `${mib(app.idle.settled)} (lowest ${mib(app.idle.min)}, highest ${mib(app.idle.max)} while idling; target ≤ ${mib(TARGET_IDLE_RSS)})`),
  );
  row(`    bare, peak over ${settings.loadSeconds} s of load`, `${mib(bare.peak.rss)} (${bare.peak.how})`);
  row(`    app, peak over ${settings.loadSeconds} s of load`, target(app.peak.rss <= TARGET_PEAK_RSS, `${mib(app.peak.rss)} (${app.peak.how}; target ≤ ${mib(TARGET_PEAK_RSS)})`));
  console.log('  the load itself');
  row('    bare: requests/s, p99, 2xx / non-2xx', loadLine(bare.load));
  row('    app: requests/s, p99, 2xx / non-2xx', loadLine(app.load));
}

function loadLine(result: autocannon.Result): string {
  const statuses = Object.entries(result.statusCodeStats ?? {})
    .map(([status, stats]) => `${status}×${stats.count ?? 0}`)
    .join(' ');
  return `${fixed(result.requests.average, 0)}/s, p99 ${result.latency.p99} ms, ${result['2xx']} / ${result.non2xx} (${statuses}), errors ${result.errors}`;
}

function mib(bytes: number): string {
  return `${fixed(bytes / MIB, 1)} MiB`;
}

async function build(): Promise<{ ok: boolean; code: number | null; ms: number; output: string }> {
  const started = performance.now();
  const child = spawn('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const code = await new Promise<number | null>((resolve) => child.once('close', (exitCode) => resolve(exitCode)));
  return { ok: code === 0, code, ms: performance.now() - started, output };
}

/**
 * The bare server and the app, one after the other for each start (so neither start has
 * the other's CPU use), idling side by side, then each under the same load.
 */
async function measure(settings: FootprintSettings): Promise<{ bare: Omit<Figures, 'firstStart'>; app: Figures } | null> {
  const fake = await startFakeGitHub();
  fake.addOrg(ORG, 1);
  fake.addRepo(ORG, 'security-reports', { private: true });
  // The working directories are temp dirs: main.js reads `.env` from its working
  // directory, and the repository's own `.env` (real credentials, perhaps) must not be read.
  const bareDir = await mkdtemp(path.join(tmpdir(), 'dd-bench-bare-'));
  const dir = await mkdtemp(path.join(tmpdir(), 'dd-bench-footprint-'));
  const barePort = await freePort();
  const port = await freePort();
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: path.join(dir, 'data'),
    APP_ID: String(TEST_APP_ID),
    PRIVATE_KEY: testPrivateKey(),
    WEBHOOK_SECRET,
    GHE_HOST: fake.host,
    GHE_PROTOCOL: 'http',
    // One client address sends all the load: the per-address limit would answer 429.
    INTAKE_RATE_LIMIT: '0',
  };
  const main = path.join(ROOT, 'dist', 'main.js');
  const children: ChildProcess[] = [];
  try {
    const bareStart = await startProcess(['-e', BARE_SERVER], { PATH: env.PATH, PORT: String(barePort) }, barePort, bareDir, false);
    children.push(bareStart.child);
    const bareRssAtReady = rssOf(bareStart.pid);
    const firstStart = await startProcess([main], env, port, dir, true);
    children.push(firstStart.child);
    await stop(firstStart.child);
    const start = await startProcess([main], env, port, dir, true);
    children.push(start.child);
    const rssAtReady = rssOf(start.pid);
    const [bareIdle, idle] = await Promise.all([idleRss(bareStart.pid, settings.settleSeconds), idleRss(start.pid, settings.settleSeconds)]);
    const bareLoad = await underLoad(bareStart, settings);
    await stop(bareStart.child);
    const appLoad = await underLoad(start, settings);
    return {
      bare: { start: bareStart, rssAtReady: bareRssAtReady, idle: bareIdle, ...bareLoad },
      app: { firstStart, start, rssAtReady, idle, ...appLoad },
    };
  } catch (error) {
    console.log(`  skipped: ${error instanceof Error ? error.message : String(error)}`);
    const output = await readFile(path.join(dir, 'app.log'), 'utf8').catch(() => '');
    for (const line of output.trim().split('\n').slice(-10)) console.log(`    ${line.slice(0, 200)}`);
    return null;
  } finally {
    for (const child of children) await stop(child);
    await fake.close({ expectProblems: true });
    await rm(dir, { recursive: true, force: true });
    await rm(bareDir, { recursive: true, force: true });
  }
}

/** Spawns node with `args`, output to `<dir>/app.log`; resolves once the port answers (and `/readyz`, for the app). */
async function startProcess(args: string[], env: Record<string, string>, port: number, dir: string, readiness: boolean): Promise<Started> {
  const log = openSync(path.join(dir, 'app.log'), 'a');
  const spawned = performance.now();
  const child = spawn(process.execPath, args, { cwd: dir, env, stdio: ['ignore', log, log] });
  closeSync(log);
  const pid = child.pid;
  if (pid === undefined) throw new Error('the process did not start');
  const url = `http://127.0.0.1:${port}`;
  const healthzMs = (await answers200(child, `${url}/healthz`)) - spawned;
  const readyzMs = readiness ? (await answers200(child, `${url}/readyz`)) - spawned : healthzMs;
  return { child, pid, url, healthzMs, readyzMs };
}

/** Polls every 5 ms; resolves with the time of the first 200. */
async function answers200(child: ChildProcess, url: string, limitMs = 30_000): Promise<number> {
  const deadline = performance.now() + limitMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the process exited while starting (${child.exitCode ?? child.signalCode})`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.status === 200) return performance.now();
    } catch {
      // not listening yet
    }
    if (performance.now() > deadline) throw new Error(`${url} did not answer 200 within ${limitMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function statusField(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (match?.[1] === undefined) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(match[1]) * 1024;
}

function rssOf(pid: number): number {
  return statusField(pid, 'VmRSS');
}

/** Samples RSS every 250 ms for `seconds`; settled is the median of the last 5 s. */
async function idleRss(pid: number, seconds: number): Promise<Figures['idle']> {
  const samples: number[] = [];
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    samples.push(rssOf(pid));
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const last = samples.slice(-20).sort((a, b) => a - b);
  return { settled: last[Math.floor(last.length / 2)] ?? rssOf(pid), min: Math.min(...samples), max: Math.max(...samples) };
}

/**
 * Loads the intake and takes the peak RSS over the load: the kernel's own peak (VmHWM,
 * reset first through /proc/<pid>/clear_refs), or, where that cannot be reset, the
 * highest of samples every 50 ms.
 */
async function underLoad(started: Started, settings: FootprintSettings): Promise<{ load: autocannon.Result; peak: Figures['peak'] }> {
  // One report first, so the organisation is known (looked up once) before the load:
  // 64 first requests at once would each look it up, and all but 10 get 503 (lookup budget).
  await fetch(`${started.url}${reportsPath(ORG)}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(sampleReport()) }).then((r) => r.arrayBuffer());
  let resetPeak = true;
  try {
    writeFileSync(`/proc/${started.pid}/clear_refs`, '5');
  } catch {
    resetPeak = false;
  }
  let sampled = rssOf(started.pid);
  const sampler = setInterval(() => {
    try {
      sampled = Math.max(sampled, rssOf(started.pid));
    } catch {
      // the process is gone; the load will say so
    }
  }, 50);
  try {
    const load = await autocannon({
      url: `${started.url}${reportsPath(ORG)}`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(sampleReport()),
      connections: settings.connections,
      duration: settings.loadSeconds,
      workers: 1,
    });
    const kernelPeak = resetPeak ? statusField(started.pid, 'VmHWM') : 0;
    return resetPeak && kernelPeak >= sampled
      ? { load, peak: { rss: kernelPeak, how: 'VmHWM, reset before the load' } }
      : { load, peak: { rss: sampled, how: 'highest of samples every 50 ms' } };
  } finally {
    clearInterval(sampler);
  }
}

/** SIGTERM, as a container platform stops it; SIGKILL after 15 s. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}
