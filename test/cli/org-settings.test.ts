import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseOrgSettingsArgs } from '../../src/cli/org-settings-args.js';
import { runOrgSettings, type OrgSettingsIo } from '../../src/cli/org-settings-run.js';
import { openStore } from '../../src/store/open-store.js';
import { testPgpKey, type TestPgpKey } from '../helpers/pgp-keys.js';

const run = promisify(execFile);
const NOW = new Date('2026-03-03T09:30:00Z');
const PASSPHRASE = 'a passphrase nobody may ever read in a log';
const PASSWORD = 'imap-password-that-stays-secret';

describe('parseOrgSettingsArgs', () => {
  it.each([
    [['show'], { action: 'show', org: null }],
    [['show', '--org', 'acme'], { action: 'show', org: 'acme' }],
    [['set-key', '--org', 'acme', '--file', 'k.asc'], { action: 'set-key', org: 'acme', file: 'k.asc', passphraseFile: null, graceDays: null }],
    [['set-key', '--org', 'acme', '--file', '-', '--grace-days', '14'], { action: 'set-key', org: 'acme', file: null, passphraseFile: null, graceDays: 14 }],
    [['set-mailbox', '--org', 'acme', '--host', 'imap.acme.example', '--user', 'sec', '--tls', 'starttls'], { action: 'set-mailbox', org: 'acme', host: 'imap.acme.example', user: 'sec', tls: 'starttls', port: null, passwordFile: null, folder: 'INBOX', processedFolder: null }],
    [['remove-key', '--org', 'acme'], { action: 'remove-key', org: 'acme' }],
    [['remove-mailbox', '--org', 'acme'], { action: 'remove-mailbox', org: 'acme' }],
  ])('reads %j', (argv, command) => {
    expect(parseOrgSettingsArgs(argv)).toEqual({ ok: true, command });
  });

  it.each([
    [[], 'say what to do: show, set-key, set-mailbox, remove-key or remove-mailbox'],
    [['rotate'], 'unknown command "rotate"'],
    [['set-key', '--file', 'k.asc'], 'set-key needs --org <org>'],
    [['set-key', '--org', 'acme', '--passphrase', 'x'], '--passphrase is not taken on the command line (other users can read it there); use --passphrase-file'],
    [['set-mailbox', '--org', 'acme', '--host', 'h', '--user', 'u', '--password', 'x'], '--password is not taken on the command line (other users can read it there); use --password-file'],
    [['set-mailbox', '--org', 'acme', '--user', 'u'], 'set-mailbox needs --host <host>'],
    [['set-mailbox', '--org', 'acme', '--host', 'h', '--user', 'u', '--tls', 'none'], '--tls must be implicit or starttls'],
    [['set-key', '--org', 'acme', '--grace-days', 'soon'], '--grace-days must be a whole number of days'],
    [['show', '--org'], '--org needs a value'],
    [['show', '--org', 'a', '--org', 'b'], '--org is given twice'],
    [['remove-key', '--org', 'acme', '--file', 'x'], 'unknown option "--file" for remove-key'],
    [['show', 'acme'], 'unknown argument "acme"'],
  ])('refuses %j with "%s"', (argv, error) => {
    expect(parseOrgSettingsArgs(argv)).toEqual({ ok: false, error });
  });
});

describe('npm run org-settings', () => {
  let dataDir: string;
  let key: TestPgpKey;
  let next: TestPgpKey;
  const out: { stdout: string; stderr: string } = { stdout: '', stderr: '' };

  beforeAll(async () => {
    [key, next] = await Promise.all([testPgpKey('Acme Security', { passphrase: PASSPHRASE }), testPgpKey('Acme Security Next')]);
  });
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'dd-org-settings-'));
    out.stdout = '';
    out.stderr = '';
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  function io(overrides: Partial<OrgSettingsIo> = {}): OrgSettingsIo {
    return {
      env: {},
      readStdin: () => Promise.reject(new Error('no stdin in this test')),
      stdout: (text) => (out.stdout += text),
      stderr: (text) => (out.stderr += text),
      now: () => NOW,
      ...overrides,
    };
  }
  const cli = (argv: string[], overrides: Partial<OrgSettingsIo> = {}) => runOrgSettings(argv, () => openStore({ dataDir }), io(overrides));

  it('sets a passphrase-protected key from a file, and shows its fingerprint but never the key or passphrase', async () => {
    const file = path.join(dataDir, 'key.asc');
    await writeFile(file, key.privateArmored);
    await writeFile(path.join(dataDir, 'pass'), `${PASSPHRASE}\n`);

    const code = await cli(['set-key', '--org', 'Acme', '--file', file, '--passphrase-file', path.join(dataDir, 'pass')]);
    const shown = await cli(['show', '--org', 'acme']);

    expect([code, shown]).toEqual([0, 0]);
    expect(out.stdout).toContain(`Acme: key ${key.fingerprint} is now current`);
    expect(out.stdout).toContain(`acme\n  key: ${key.fingerprint} (set 2026-03-03T09:30:00.000Z)\n  mailbox: none\n`);
    expect(out.stdout + out.stderr).not.toContain(PASSPHRASE);
    expect(out.stdout + out.stderr).not.toContain('PRIVATE KEY');
  });

  it('reads the key from standard input and the passphrase from ORG_PGP_PASSPHRASE, keeping the replaced key for the grace period', async () => {
    await cli(['set-key', '--org', 'acme'], { readStdin: () => Promise.resolve(Buffer.from(key.privateArmored)), env: { ORG_PGP_PASSPHRASE: PASSPHRASE } });

    const code = await cli(['set-key', '--org', 'acme', '--file', '-', '--grace-days', '10'], { readStdin: () => Promise.resolve(Buffer.from(next.privateArmored)) });

    expect(code).toBe(0);
    expect(out.stdout).toContain(`acme: key ${next.fingerprint} is now current`);
    expect(out.stdout).toContain(`previous key ${key.fingerprint} still decrypts until 2026-03-13T09:30:00.000Z`);
  });

  it('sets a mailbox with the password from a file, shows host and user only, and removes it', async () => {
    await writeFile(path.join(dataDir, 'pw'), `${PASSWORD}\n`);

    const set = await cli(['set-mailbox', '--org', 'acme', '--host', 'imap.acme.example', '--user', 'security@acme.example', '--password-file', path.join(dataDir, 'pw')]);
    await cli(['show']);
    const removed = await cli(['remove-mailbox', '--org', 'acme']);
    const again = await cli(['remove-mailbox', '--org', 'acme']);

    expect([set, removed, again]).toEqual([0, 0, 0]);
    expect(out.stdout).toContain('acme\n  key: none (the instance key serves, if set)\n  mailbox: security@acme.example at imap.acme.example:993 (INBOX, implicit; set 2026-03-03T09:30:00.000Z)\n');
    expect(out.stdout).toContain('acme: mailbox removed\nacme: had no mailbox\n');
    expect(out.stdout + out.stderr).not.toContain(PASSWORD);
    const store = await openStore({ dataDir });
    expect((await store.getOrgSetting('acme', 'mailbox'))).toBeNull();
    await store.close();
  });

  it.each([
    ['a wrong passphrase', ['set-key', '--org', 'acme', '--file', 'KEY'], { ORG_PGP_PASSPHRASE: 'wrong' }, 'passphrase: does not unlock the key\n'],
    ['no passphrase for a protected key', ['set-key', '--org', 'acme', '--file', 'KEY'], {}, 'passphrase: the key is protected by a passphrase; give it\n'],
    ['a key file that is not there', ['set-key', '--org', 'acme', '--file', '/nonexistent/key.asc'], {}, '--file: cannot read /nonexistent/key.asc (ENOENT)\n'],
    ['a mailbox without a password', ['set-mailbox', '--org', 'acme', '--host', 'imap.acme.example', '--user', 'u'], {}, 'password: give --password-file <file>, --password-file - (standard input) or ORG_IMAP_PASSWORD\n'],
    ['a bad organisation login', ['remove-key', '--org', 'no_such org'], {}, 'org: must be a GitHub organisation login\n'],
  ])('exits 1 with a clear message for %s', async (_name, argv, env, message) => {
    const file = path.join(dataDir, 'key.asc');
    await writeFile(file, key.privateArmored);

    const code = await cli(argv.map((arg) => (arg === 'KEY' ? file : arg)), { env });

    expect(code).toBe(1);
    expect(out.stderr).toBe(message);
    expect(out.stderr).not.toContain(PASSPHRASE);
  });

  it('exits 2 with the usage for bad arguments', async () => {
    const code = await cli(['set-key']);

    expect(code).toBe(2);
    expect(out.stderr).toMatch(/^set-key needs --org <org>\nusage:\n/);
  });

  it('runs as a program on the store DATA_DIR names', async () => {
    const file = path.join(dataDir, 'next.asc');
    await writeFile(file, next.privateArmored);
    const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' };

    const set = await run(process.execPath, ['--import', 'tsx', 'src/cli/org-settings.ts', 'set-key', '--org', 'acme', '--file', file], { env });
    const shown = await run(process.execPath, ['--import', 'tsx', 'src/cli/org-settings.ts', 'show'], { env });
    const failed = await run(process.execPath, ['--import', 'tsx', 'src/cli/org-settings.ts', 'show', '--bogus', 'x'], { env }).catch((error: { code: number; stderr: string }) => error);

    expect(set.stdout).toContain(`acme: key ${next.fingerprint} is now current`);
    expect(shown.stdout).toContain(`  key: ${next.fingerprint}`);
    expect(failed).toMatchObject({ code: 2 });
    expect((failed as { stderr: string }).stderr).toContain('unknown option "--bogus" for show');
  });
});
