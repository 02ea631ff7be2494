import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { type AppProcess, startAppProcess } from '../helpers/app-process.js';
import { type FakeGitHub, startFakeGitHub } from '../helpers/fake-github.js';

// REDIS_URL, documented by Probot for sharing its throttling, made the app exit at start
// ("Cannot find package 'ioredis'"). Writes are paced through the store instead: the app
// starts, says the variable is not used, and serves.

let app: AppProcess | null = null;
let fake: FakeGitHub | null = null;
let dir: string | null = null;

afterEach(async () => {
  await app?.kill();
  await fake?.close();
  if (dir !== null) await rm(dir, { recursive: true, force: true });
  app = null;
  fake = null;
  dir = null;
});

it('starts with REDIS_URL set, and says it is not used', async () => {
  fake = await startFakeGitHub();
  dir = await mkdtemp(join(tmpdir(), 'desk-redis-'));
  app = await startAppProcess({ name: 'redis-url', fake, env: { DATA_DIR: dir, REDIS_URL: 'redis://127.0.0.1:6379' } });

  const health = await fetch(`${app.base}/healthz`);

  expect(health.status).toBe(200);
  expect(app.output()).toContain('REDIS_URL is not used');
  expect(app.exited).toBe(false);
});
