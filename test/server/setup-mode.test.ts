import { type ChildProcess, spawn } from 'node:child_process';
import { copyFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { freePort } from '../helpers/probot-server.js';
import { waitFor } from '../helpers/wait-for.js';

// `npm start` without credentials serves Probot's "Register GitHub App" page. It must not
// open a public smee.io relay for the webhooks on the way: report text would pass through it.

const ROOT = join(import.meta.dirname, '..', '..');
/** tsx by absolute URL: the child runs in a directory of its own, without node_modules. */
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
let child: ChildProcess | null = null;
let dir: string | null = null;

afterEach(async () => {
  child?.kill('SIGKILL');
  child = null;
  if (dir !== null) await rm(dir, { recursive: true, force: true });
  dir = null;
});

it('serves the registration page without creating a public webhook relay', async () => {
  dir = await mkdtemp(join(tmpdir(), 'desk-setup-'));
  for (const file of ['package.json', 'app.yml']) await copyFile(join(ROOT, file), join(dir, file));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'info', DATA_DIR: join(dir, 'data') };
  let output = '';
  child = spawn(process.execPath, ['--import', TSX, join(ROOT, 'src', 'main.ts')], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const page = await waitFor('the registration page', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/probot`).catch(() => null);
    return response?.status === 200 ? response.text() : null;
  }, { diagnostics: () => output });

  expect(page).toContain('Register GitHub App');
  expect(output).not.toMatch(/smee/i);
  // No .env was written with a relay channel.
  expect(await readdir(dir)).not.toContain('.env');
});
