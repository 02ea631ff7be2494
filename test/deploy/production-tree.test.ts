/**
 * The container image, tested without Docker: the Dockerfile is read (not repeated here),
 * the tree its runtime stage copies is assembled in a temp dir from this repository with
 * production dependencies only (test/deploy/production-tree.ts), and started with the image's
 * CMD and ENV (HOST=127.0.0.1, a free port, a temp DATA_DIR) against the fake GitHub. Then the
 * image's HEALTHCHECK is run as Docker would run it. compose.yaml is checked statically.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { reportMarker } from '../../src/issue-text/marker.js';
import { type FakeGitHub, startFakeGitHub } from '../helpers/fake-github.js';
import { ORG, TRACKING_REPO, plainReport, seedGitHub, submitReport } from '../helpers/fault-fixtures.js';
import { freePort, WEBHOOK_SECRET } from '../helpers/probot-server.js';
import { TEST_APP_ID, testPrivateKey } from '../helpers/test-keys.js';
import { pause, waitFor } from '../helpers/wait-for.js';
import { parseDockerfile, runtimeStage } from './dockerfile.js';
import { assembleTree, exitCodeOf } from './production-tree.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const stages = parseDockerfile(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
const runtime = runtimeStage(stages);
const instructions = (keyword: string) => runtime.stage.instructions.filter((i) => i.keyword === keyword).map((i) => i.rest);

describe('Dockerfile', () => {
  it('runs as a non-root user and has a HEALTHCHECK', () => {
    expect(runtime.user).not.toBeNull();
    expect(runtime.user?.split(':')[0]).not.toMatch(/^(root|0)$/);
    expect(runtime.healthcheck).not.toBeNull();
  });

  it('runs what `npm start` runs', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(runtime.cmd.join(' ')).toBe(pkg.scripts.start);
  });

  it('copies only build output from the build stage: no src/ or test/', () => {
    expect(runtime.copies.length).toBeGreaterThan(0);
    for (const { source } of runtime.copies) expect(source).not.toMatch(/^(src|test)(\/|$)|^\.?$/);
    expect(instructions('COPY').every((rest) => !/^(\.\/)?(src|test)\b|^\.\s/.test(rest))).toBe(true);
    expect(instructions('ADD')).toEqual([]);
  });

  it('is production, listens on all interfaces on the exposed port, and keeps its data in a volume', () => {
    expect(runtime.env).toMatchObject({ NODE_ENV: 'production', HOST: '0.0.0.0', PORT: '3000' });
    expect(instructions('EXPOSE').join(' ').split(/\s+/)).toContain(runtime.env.PORT);
    expect(runtime.env.DATA_DIR).toMatch(/^\//);
    expect(instructions('VOLUME').join(' ')).toContain(runtime.env.DATA_DIR);
  });

  it('can compile better-sqlite3 in the build stage only', () => {
    const runs = (stage: (typeof stages)[number]) => stage.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.rest).join('\n');
    expect(stages.slice(0, -1).some((stage) => ['python3', 'make', 'g++', 'npm ci', 'npm prune --omit=dev'].every((word) => runs(stage).includes(word)))).toBe(true);
    expect(runs(runtime.stage)).not.toMatch(/apt-get install|npm (ci|install)/);
  });
});

describe('compose.yaml', () => {
  type Service = { healthcheck?: { test?: unknown }; depends_on?: Record<string, { condition?: string }>; environment?: Record<string, string>; env_file?: unknown; volumes?: string[] };
  const compose = parse(readFileSync(join(ROOT, 'compose.yaml'), 'utf8')) as { services: Record<string, Service>; volumes?: Record<string, unknown> };
  const { app, db } = compose.services;

  it('starts the app once PostgreSQL is healthy, and gives it DATABASE_URL and .env', () => {
    expect(JSON.stringify(db?.healthcheck?.test)).toContain('pg_isready');
    expect(app?.depends_on?.db?.condition).toBe('service_healthy');
    expect(app?.environment?.DATABASE_URL).toMatch(/^postgres:\/\/desk:.+@db:5432\/desk$/);
    expect([app?.env_file].flat()).toContain('.env');
  });

  it('keeps the data of both in named volumes', () => {
    const named = Object.keys(compose.volumes ?? {});
    for (const service of [app, db]) {
      const sources = (service?.volumes ?? []).map((v) => v.split(':')[0]);
      expect(sources.some((source) => source !== undefined && named.includes(source))).toBe(true);
    }
    expect(app?.volumes?.some((v) => v.split(':')[1] === runtime.env.DATA_DIR)).toBe(true);
  });
});

describe('the production tree, started as the image starts it', () => {
  let temp = '';
  let tree = '';
  let fake: FakeGitHub | null = null;
  let child: ChildProcess | null = null;
  let exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }> = new Promise(() => undefined);
  let env: Record<string, string> = {};
  let base = '';
  const output: string[] = [];
  const log = () => `--- app output ---\n${output.slice(-40).join('')}`;

  beforeAll(async () => {
    temp = await mkdtemp(join(tmpdir(), 'dd-image-'));
    tree = join(temp, 'app');
    const started = performance.now();
    const timings = await assembleTree(ROOT, runtime, tree);
    console.info(
      `production tree in ${((performance.now() - started) / 1000).toFixed(1)} s: ` +
        `dist ${timings.dist.built ? 'compiled' : 'copied'} in ${(timings.dist.ms / 1000).toFixed(1)} s, ` +
        `node_modules copied and pruned in ${(timings.nodeModules.ms / 1000).toFixed(1)} s`,
    );
    fake = await startFakeGitHub();
    seedGitHub(fake);
    const port = await freePort();
    env = {
      PATH: [dirname(process.execPath), process.env.PATH ?? '/usr/bin:/bin'].join(delimiter),
      ...runtime.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: join(temp, 'data'),
      APP_ID: String(TEST_APP_ID),
      PRIVATE_KEY: testPrivateKey(),
      WEBHOOK_SECRET,
      GHE_HOST: fake.host,
      GHE_PROTOCOL: 'http',
    };
    base = `http://127.0.0.1:${port}`;
    const [command = '', ...args] = runtime.cmd;
    const process_ = spawn(command, args, { cwd: tree, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child = process_;
    process_.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
    process_.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
    exit = new Promise((resolve) => process_.once('exit', (code, signal) => resolve({ code, signal })));
    // The door opens before the store is reached: /healthz answers first (alive), /readyz
    // once the desk can take reports. Wait for both, as a container platform would.
    for (const path of ['/healthz', '/readyz']) {
      await waitFor(`the app to answer GET ${path} with 200`, async () => {
        if (process_.exitCode !== null || process_.signalCode !== null) throw new Error(`exited during start-up\n${log()}`);
        return (await fetch(`${base}${path}`, { signal: AbortSignal.timeout(2000) })).status === 200;
      }, { timeoutMs: 30_000, diagnostics: log });
    }
  }, 120_000);

  afterAll(async () => {
    if (child !== null && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exit;
    }
    await fake?.close();
    if (temp !== '') await rm(temp, { recursive: true, force: true });
  });

  it('answers /healthz and is ready on /readyz', async () => {
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status, log()).toBe(200);
    expect(((await ready.json()) as { status: string }).status).toBe('ready');
  });

  it('has production dependencies only', () => {
    for (const dev of ['typescript', 'vitest', 'tsx']) expect(existsSync(join(tree, 'node_modules', dev)), dev).toBe(false);
    expect(existsSync(join(tree, 'node_modules', 'better-sqlite3'))).toBe(true);
  });

  it("passes the Dockerfile's HEALTHCHECK", async () => {
    expect(await exitCodeOf(runtime.healthcheck ?? [], tree, env, 10_000)).toBe(0);
  });

  it('takes a report over the JSON API and files it on GitHub', async () => {
    const accepted = await submitReport(base, plainReport(1));
    await waitFor('the tracking issue', () => fake?.issuesWithMarker(ORG, TRACKING_REPO, reportMarker(accepted.id)).length === 1, { timeoutMs: 45_000, diagnostics: log });
  }, 60_000);

  it('exits 0 on SIGTERM, and the HEALTHCHECK fails afterwards', async () => {
    child?.kill('SIGTERM');
    const ended = await Promise.race([exit, pause(10_000).then(() => 'still running' as const)]);
    expect(ended, log()).toEqual({ code: 0, signal: null });
    expect(await exitCodeOf(runtime.healthcheck ?? [], tree, env, 10_000)).not.toBe(0);
  });
});
