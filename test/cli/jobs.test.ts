import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseJobsArgs } from '../../src/cli/jobs-args.js';
import { openStore } from '../../src/store/open-store.js';

const run = promisify(execFile);

describe('parseJobsArgs', () => {
  it.each([
    [['dead'], { action: 'dead' }],
    [['requeue', '--all'], { action: 'requeue', key: null }],
    [['requeue', 'file-report:DD-0000000000A1'], { action: 'requeue', key: 'file-report:DD-0000000000A1' }],
  ])('reads %j', (argv, command) => {
    expect(parseJobsArgs(argv)).toEqual({ ok: true, command });
  });

  it.each([
    [[], 'say what to do: dead or requeue'],
    [['requeue'], 'requeue needs a job key (see npm run jobs -- dead) or --all'],
    [['requeue', '--force'], 'unknown option "--force"'],
    [['dead', 'x'], 'unknown argument "x"'],
    [['purge'], 'unknown command "purge"'],
  ])('refuses %j with "%s"', (argv, error) => {
    expect(parseJobsArgs(argv)).toEqual({ ok: false, error });
  });
});

describe('npm run jobs', () => {
  let dataDir: string;
  const jobs = (...args: string[]) => run(process.execPath, ['--import', 'tsx', 'src/cli/jobs.ts', ...args], { env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' } });

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'dd-jobs-'));
    const store = await openStore({ dataDir });
    for (const key of ['issue-update:a', 'issue-update:b']) {
      await store.enqueue({ key, kind: 'issue-update', org: 'acme', payload: '{"secret":"Stored XSS"}', runAfter: new Date(0) });
      const job = await store.getJob(key);
      await store.deadJob(job?.id ?? -1, new Date('2026-03-02T09:00:00Z'), 'TransientError: GitHub answered 502', { keepPayload: true });
    }
    await store.close();
  });

  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('lists the dead jobs with their reason, never their payload', async () => {
    const { stdout } = await jobs('dead');

    expect(stdout).toContain('2 dead jobs:');
    expect(stdout).toContain('2026-03-02T09:00:00.000Z  acme  issue-update  issue-update:a  (0 attempts)');
    expect(stdout).toContain('TransientError: GitHub answered 502');
    expect(stdout).not.toContain('Stored XSS');
  });

  it('requeues one job by its key, then the rest', async () => {
    expect((await jobs('requeue', 'issue-update:a')).stdout).toBe('requeued 1 job\n  issue-update:a\n');
    expect((await jobs('dead')).stdout).toContain('1 dead job:');
    expect((await jobs('requeue', '--all')).stdout).toBe('requeued 1 job\n  issue-update:b\n');

    const store = await openStore({ dataDir });
    const requeued = await store.getJob('issue-update:a');
    await store.close();
    expect(requeued).toMatchObject({ state: 'pending', attempts: 0, payload: '{"secret":"Stored XSS"}' });
    expect((await jobs('dead')).stdout).toBe('no dead jobs\n');
  });

  it('exits 1 for a key that is not a dead job, and 2 without a command', async () => {
    const unknown = await jobs('requeue', 'issue-update:zzz').catch((error: unknown) => error as { code: number; stderr: string });
    const bare = await jobs().catch((error: unknown) => error as { code: number; stderr: string });

    expect(unknown).toMatchObject({ code: 1 });
    expect((unknown as { stderr: string }).stderr).toContain('no dead job has the key issue-update:zzz');
    expect(bare).toMatchObject({ code: 2 });
    expect((bare as { stderr: string }).stderr).toContain('usage: npm run jobs');
  });
});
