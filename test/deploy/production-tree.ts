/**
 * The image's /app without Docker: what the Dockerfile's runtime stage copies from its build
 * stage, made from this repository. `dist/` is the repository's when it is newer than every
 * source (only files of sources that still exist: a fresh build has no left-overs), else it is
 * compiled into the tree; `node_modules/` is copied and pruned of devDependencies, so a
 * run-time import of one fails here as it would in the image.
 */
import { execFile, spawn } from 'node:child_process';
import { cp, mkdir, readdir, rm, stat } from 'node:fs/promises';
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, posix, relative } from 'node:path';
import { promisify } from 'node:util';
import type { RuntimeStage } from './dockerfile.js';

const run = promisify(execFile);
const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');

/** Where each step of the assembly went, in ms (reported by the test, never asserted). */
export interface TreeTimings {
  dist: { ms: number; built: boolean };
  nodeModules: { ms: number };
}

/** `dist/x.js` (or `.js.map`, `.d.ts`) of an existing `src/x.ts`, newer than it; directories pass. */
function distFileState(root: string, file: string): 'fresh' | 'stale' | 'orphan' | 'dir' {
  const info = statSync(file);
  if (info.isDirectory()) return 'dir';
  const base = relative(join(root, 'dist'), file).replace(/\.(js|js\.map|d\.ts|d\.ts\.map)$/, '');
  const source = join(root, 'src', `${base}.ts`);
  if (!existsSync(source)) return 'orphan';
  return statSync(source).mtimeMs <= info.mtimeMs ? 'fresh' : 'stale';
}

/** Every `src/**.ts` has its `dist/**.js`, written after the source last changed. */
async function distIsFresh(root: string): Promise<boolean> {
  const sources = (await readdir(join(root, 'src'), { recursive: true })).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
  for (const source of sources) {
    const compiled = join(root, 'dist', source.replace(/\.ts$/, '.js'));
    if (!existsSync(compiled) || distFileState(root, compiled) !== 'fresh') return false;
  }
  return sources.length > 0;
}

async function copyDist(root: string, target: string): Promise<boolean> {
  if (await distIsFresh(root)) {
    await cp(join(root, 'dist'), target, { recursive: true, filter: (file) => distFileState(root, file) !== 'orphan' });
    return false;
  }
  try {
    await run(process.execPath, [TSC, '-p', join(root, 'tsconfig.build.json'), '--outDir', target], { cwd: root, maxBuffer: 16 << 20 });
  } catch (error) {
    const { stdout = '' } = error as { stdout?: string };
    throw new Error(`dist/ is stale and \`tsc -p tsconfig.build.json\` failed (so would the image build):\n${stdout.slice(0, 4000)}`);
  }
  return true;
}

/** node_modules as `npm prune --omit=dev` leaves it, from the repository's (no network). */
async function prunedNodeModules(root: string, tree: string, target: string): Promise<void> {
  // cp(1) is three times as fast as fs.cp on 750 MB of small files.
  if (process.platform === 'win32') await cp(join(root, 'node_modules'), target, { recursive: true, verbatimSymlinks: true });
  else await run('cp', ['-a', join(root, 'node_modules'), target]);
  const extras: string[] = [];
  for (const file of ['package.json', 'package-lock.json']) {
    if (existsSync(join(tree, file))) continue;
    await cp(join(root, file), join(tree, file));
    extras.push(join(tree, file));
  }
  await run('npm', ['prune', '--omit=dev', '--offline', '--no-audit', '--no-fund'], { cwd: tree, maxBuffer: 16 << 20 });
  for (const file of extras) await rm(file, { force: true });
}

/** Assembles the runtime stage's files under `tree` (its WORKDIR). */
export async function assembleTree(root: string, runtime: RuntimeStage, tree: string): Promise<TreeTimings> {
  const timings: TreeTimings = { dist: { ms: 0, built: false }, nodeModules: { ms: 0 } };
  const ordered = [...runtime.copies].sort((a, b) => Number(a.source === 'node_modules') - Number(b.source === 'node_modules'));
  for (const { source, destination } of ordered) {
    const dest = posix.isAbsolute(destination) ? posix.relative(runtime.workdir, destination) : destination;
    const onlyDir = dest === '' || dest === '.' || dest.endsWith('/');
    const target = join(tree, onlyDir ? posix.basename(source) : dest);
    if (relative(tree, target).startsWith('..')) throw new Error(`COPY to ${destination} lands outside ${runtime.workdir}`);
    await mkdir(dirname(target), { recursive: true });
    const started = performance.now();
    if (source === 'dist') {
      timings.dist.built = await copyDist(root, target);
      timings.dist.ms = performance.now() - started;
    } else if (source === 'node_modules') {
      await prunedNodeModules(root, tree, target);
      timings.nodeModules.ms = performance.now() - started;
    } else {
      const from = join(root, source);
      if (!existsSync(from)) throw new Error(`the Dockerfile copies ${source}, which the repository does not have: the image build would fail`);
      await cp(from, target, { recursive: (await stat(from)).isDirectory() });
    }
  }
  return timings;
}

/** Runs `command` in `cwd` with `env`; resolves with its exit code (null: killed after `timeoutMs`). */
export function exitCodeOf(command: string[], cwd: string, env: Record<string, string>, timeoutMs: number): Promise<number | null> {
  const [file = '', ...args] = command;
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd, env, stdio: 'ignore', timeout: timeoutMs });
    child.once('error', reject);
    child.once('exit', (code) => resolve(code));
  });
}
