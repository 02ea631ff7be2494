import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseSlaArgs } from '../../src/cli/sla-args.js';
import { openStore } from '../../src/store/open-store.js';
import { aNewReport } from '../store/new-report.js';

const run = promisify(execFile);

describe('parseSlaArgs', () => {
  it.each([
    [['--org', 'acme'], { org: 'acme' }],
    [['--org=acme'], { org: 'acme' }],
    [['--org', 'acme', '--since', '2026-01-01'], { org: 'acme', since: new Date('2026-01-01T00:00:00Z') }],
  ])('reads %j', (argv, expected) => {
    expect(parseSlaArgs(argv)).toEqual({ ok: true, args: expected });
  });

  it.each([
    [[], '--org is required'],
    [['--org'], '--org needs a value'],
    [['--org', 'acme', '--since', '2026-02-30'], '--since must be a date as YYYY-MM-DD'],
    [['--org', 'acme', '--since', 'yesterday'], '--since must be a date as YYYY-MM-DD'],
    [['--org', 'acme corp'], '--org must be a GitHub organisation login'],
    [['--verbose'], 'unknown argument "--verbose"'],
  ])('refuses %j with "%s"', (argv, error) => {
    expect(parseSlaArgs(argv)).toEqual({ ok: false, error });
  });
});

describe('npm run sla', () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'dd-sla-'));
  });

  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('prints per-quarter figures computed from the events in the store', async () => {
    const store = await openStore({ dataDir });
    const received = new Date('2026-04-06T08:00:00Z');
    const report = aNewReport({ org: 'acme', receivedAt: received, receiptDue: new Date('2026-04-07T21:59:59.999Z'), assessmentDue: new Date('2026-04-13T21:59:59.999Z') });
    await store.acceptReport(report);
    await store.recordEvent({ reportId: report.id, type: 'receipt-confirmed', at: new Date('2026-04-06T12:00:00Z') });
    await store.recordEvent({ reportId: report.id, type: 'assessed', at: new Date('2026-04-16T08:00:00Z') });
    await store.acceptReport(aNewReport({ org: 'other', receivedAt: received }));
    await store.close();

    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/cli/sla.ts', '--org', 'acme'], {
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
    });

    expect(stdout).toContain('SLA metrics for acme');
    const row = stdout.split('\n').find((line) => line.startsWith('2026-Q2'));
    // One report: receipt met after 4.0 h (on time), assessment after 240.0 h (late: due
    // the 13th, met the 16th), resolution never set.
    expect(row?.trim().split(/\s+/)).toEqual(['2026-Q2', '1', '4.0', '4.0', '100%', '240.0', '240.0', '0%', '-', '-', '-']);
  });

  it('exits 2 with the usage when --org is missing', async () => {
    const failure = await run(process.execPath, ['--import', 'tsx', 'src/cli/sla.ts'], { env: { ...process.env, DATA_DIR: dataDir } }).catch(
      (error: unknown) => error as { code: number; stderr: string },
    );

    expect(failure).toMatchObject({ code: 2 });
    expect((failure as { stderr: string }).stderr).toContain('usage: npm run sla');
  });
});
