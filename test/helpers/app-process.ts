/**
 * The app as operators run it, in a child process: `src/main.ts` under plain `node`, with
 * the environment the README documents (APP_ID, PRIVATE_KEY, WEBHOOK_SECRET, GHE_HOST,
 * GHE_PROTOCOL, DATA_DIR or DATABASE_URL, PORT, HOST), against the fake GitHub. Probot's
 * Octokit, its retries and throttling, the outbox worker and the real clock are all the
 * production ones, and the process can be killed with SIGKILL at any moment.
 *
 * `src/main.ts` is bundled once per test process with esbuild (what `tsx` does file by
 * file at every start; packages stay external), so a restart costs about half as much.
 * `FAULT_APP_RUNNER=tsx` runs `node --import tsx src/main.ts` instead. The bundle lives
 * one level below the repository root (test-artifacts/), where the app's
 * `import.meta.url`-relative paths (assets) resolve as they do from src/repo-root.ts.
 *
 * The child runs in a directory of its own, so no `.env` of the repository is loaded over
 * this environment (Probot's `run()` reads `.env` from the working directory).
 *
 * `clockOffsetMs` sets the child's wall clock ahead (Date only; timers run as ever), loaded
 * before the app: a process started after a crash lives "later", when the dead worker's
 * leases have run out, as a replacement started by an operator would. Give the fake GitHub
 * the same clock, so app and GitHub agree on the time.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FakeGitHub } from './fake-github.js';
import { freePort, WEBHOOK_SECRET } from './probot-server.js';
import { TEST_APP_ID, testPrivateKey } from './test-keys.js';
import { pause } from './wait-for.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MAIN = join(ROOT, 'src', 'main.ts');
/** The SQLite intake writer runs in a worker thread from its own module, found beside the app's (sqlite-intake-thread.ts). */
const INTAKE_WORKER = join(ROOT, 'src', 'store', 'sqlite-intake-worker.ts');
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

let bundled: Promise<string> | null = null;

/** The bundles' names in test-artifacts/: nothing else there is ever removed. */
const BUNDLE_PREFIX = 'fault-app-main-';

/** Bundles older than this are left-overs of earlier runs (their names carry the content hash). */
const STALE_BUNDLE_MS = 60 * 60_000;

/** The node arguments that run the app: the bundle (built on first use), or tsx. */
async function appArguments(): Promise<string[]> {
  const viaTsx = ['--import', CHILD_PRELOAD, '--import', TSX, MAIN];
  if (process.env.FAULT_APP_RUNNER === 'tsx') return viaTsx;
  // esbuild comes with tsx (and vite); should it ever be missing, tsx runs the sources.
  const esbuild = await import('esbuild').catch(() => null);
  if (esbuild === null) return viaTsx;
  const { build } = esbuild;
  bundled ??= (async () => {
    const dir = join(ROOT, 'test-artifacts');
    await mkdir(dir, { recursive: true });
    const result = await build({ entryPoints: [MAIN], bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', write: false, logLevel: 'error' });
    const code = result.outputFiles[0]?.contents;
    if (code === undefined) throw new Error('esbuild produced no bundle of src/main.ts');
    // The bundle looks for `./sqlite-intake-worker.js` beside itself, as dist/ has it.
    const worker = await build({ entryPoints: [INTAKE_WORKER], bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', write: false, logLevel: 'error' });
    const workerCode = worker.outputFiles[0]?.contents;
    if (workerCode === undefined) throw new Error('esbuild produced no bundle of the intake worker');
    const workerFile = join(dir, 'sqlite-intake-worker.js');
    await writeFile(`${workerFile}.${process.pid}.tmp`, workerCode);
    await rename(`${workerFile}.${process.pid}.tmp`, workerFile);
    const outfile = join(dir, `${BUNDLE_PREFIX}${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`);
    // Same sources, same file: test files running side by side share it; written whole, then renamed.
    const partial = `${outfile}.${process.pid}.tmp`;
    await writeFile(partial, code);
    await rename(partial, outfile);
    for (const name of await readdir(dir)) {
      if (!name.startsWith(BUNDLE_PREFIX)) continue;
      const path = join(dir, name);
      const age = Date.now() - ((await stat(path).catch(() => null))?.mtimeMs ?? Date.now());
      if (path !== outfile && age > STALE_BUNDLE_MS) await rm(path, { force: true });
    }
    return outfile;
  })();
  return ['--import', CHILD_PRELOAD, await bundled];
}

/**
 * Loaded with `--import` before the app:
 * - `Date` reads `FAULT_CLOCK_OFFSET_MS` ahead (a proxy, so `instanceof Date`, `Date.UTC`
 *   and `Date.parse` stay the real ones);
 * - the child exits when the test process that started it is gone, so an aborted run leaves
 *   no app polling a dropped database.
 */
const CHILD_PRELOAD = `data:text/javascript,${encodeURIComponent(`
const offset = Number(process.env.FAULT_CLOCK_OFFSET_MS || 0);
if (offset !== 0) {
  const Real = globalThis.Date;
  const now = () => Real.now() + offset;
  globalThis.Date = new Proxy(Real, {
    construct: (target, args, newTarget) => Reflect.construct(target, args.length === 0 ? [now()] : args, newTarget),
    apply: () => new Real(now()).toString(),
    get: (target, key, receiver) => (key === 'now' ? now : Reflect.get(target, key, receiver)),
  });
}
const parent = process.ppid;
setInterval(() => { if (process.ppid !== parent) process.exit(1); }, 1000).unref();
`)}`;

/** How much of a process's output is kept for failure messages. */
const OUTPUT_LINES = 60;

export interface AppProcess {
  /** e.g. `app-1`, in messages. */
  readonly name: string;
  /** `http://127.0.0.1:<port>` */
  readonly base: string;
  readonly pid: number;
  /** Whether it has exited (killed or crashed). */
  readonly exited: boolean;
  /** Resolves with how it ended, once it has. */
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends SIGKILL now (synchronously) if it still runs. */
  killNow(): void;
  /** SIGKILL and wait until it is gone. */
  kill(): Promise<void>;
  /** The last lines it wrote to stdout and stderr. */
  output(): string;
}

export interface AppProcessOptions {
  name: string;
  fake: FakeGitHub;
  /** DATA_DIR or DATABASE_URL, and anything else to add. */
  env: Record<string, string>;
  /** How far ahead of the real time the child's clock runs; default 0. */
  clockOffsetMs?: number;
  /** How long it may take to answer HTTP; default 30 s. */
  startTimeoutMs?: number;
}

const running = new Set<AppProcess>();

// A test process that ends (or fails) with children still running takes them along.
process.once('exit', () => {
  for (const app of running) app.killNow();
});

/** A start that failed because another process took the port first: worth another port. */
class PortTakenError extends Error {
  override readonly name = 'PortTakenError';
}

/** Starts the app and resolves once it answers HTTP; throws with its output if it dies or hangs first. */
export async function startAppProcess(options: AppProcessOptions): Promise<AppProcess> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await launch(options, await freePort());
    } catch (error) {
      // freePort() closes its probe before the child binds: rarely, someone else is faster.
      if (!(error instanceof PortTakenError) || attempt >= 3) throw error;
    }
  }
}

async function launch(options: AppProcessOptions, port: number): Promise<AppProcess> {
  const cwd = await mkdtemp(join(tmpdir(), `dd-${options.name}-`));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    APP_ID: String(TEST_APP_ID),
    PRIVATE_KEY: testPrivateKey(),
    WEBHOOK_SECRET,
    GHE_HOST: options.fake.host,
    GHE_PROTOCOL: 'http',
    HOST: '127.0.0.1',
    PORT: String(port),
    // Info: job outcomes make good failure messages.
    LOG_LEVEL: 'info',
    // Every report of a scenario comes from 127.0.0.1.
    INTAKE_RATE_LIMIT: '0',
    FAULT_CLOCK_OFFSET_MS: String(options.clockOffsetMs ?? 0),
    ...options.env,
  };
  const child: ChildProcess = spawn(process.execPath, await appArguments(), { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let keeping = true;
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line.trim() === '') continue;
      // One line per request to the app is noise here; a record's indented lines follow it.
      if (!/^\s/.test(line)) keeping = !/^INFO \(http\)|^INFO \(\w+\): request$|"msg":"request"/.test(line);
      if (!keeping) continue;
      lines.push(line);
      if (lines.length > OUTPUT_LINES) lines.shift();
    }
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited = false;
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = true;
      resolve({ code, signal });
    });
  });
  void exit.then(() => rm(cwd, { recursive: true, force: true }));

  const app: AppProcess = {
    name: options.name,
    base: `http://127.0.0.1:${port}`,
    pid: child.pid ?? -1,
    get exited() {
      return exited;
    },
    exit,
    killNow() {
      if (!exited) child.kill('SIGKILL');
    },
    async kill() {
      app.killNow();
      await exit;
      running.delete(app);
    },
    output: () => `--- ${options.name} (pid ${child.pid ?? '?'}) last output ---\n${lines.join('\n')}`,
  };
  running.add(app);

  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  for (;;) {
    if (exited) {
      running.delete(app);
      const output = app.output();
      if (output.includes('EADDRINUSE')) throw new PortTakenError(`${options.name}: port ${port} taken`);
      throw new Error(`${options.name} exited during start-up\n${output}`);
    }
    try {
      const response = await fetch(`${app.base}/assets/style.css`, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.status === 200 && !exited) return app;
    } catch {
      // Not answering yet.
    }
    if (Date.now() >= deadline) {
      await app.kill();
      throw new Error(`${options.name} did not answer HTTP within ${options.startTimeoutMs ?? 30_000} ms\n${app.output()}`);
    }
    await pause(100);
  }
}

