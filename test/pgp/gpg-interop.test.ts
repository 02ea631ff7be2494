// Interoperability with GnuPG, the client most researchers use: real `gpg` processes in a
// throwaway GNUPGHOME, against the app's openpgp.js implementation, both ways.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrgPgp, OrgKeyError } from '../../src/pgp/load-org-pgp.js';
import { PgpError, type OrgPgp } from '../../src/ports/org-pgp.js';
import { readResearcherKey } from '../../src/pgp/read-researcher-key.js';
import { testOrgPgp, testPgpKey, type TestPgpKey } from '../helpers/pgp-keys.js';

const HAS_GPG = spawnSync('gpg', ['--version'], { stdio: 'ignore' }).status === 0;
const RESEARCHER = 'ada@example.org';
const RESEARCHER_PASSPHRASE = 'researcher passphrase';

interface GpgResult {
  status: number | null;
  stdout: Buffer;
  stderr: string;
}

let home: string;
let org: { pgp: OrgPgp; key: TestPgpKey };
let researcherPublic: string;
let researcherFingerprint: string;

/** Runs gpg in the test's GNUPGHOME, never prompting; `[GNUPG:]` status lines go to stderr. */
function gpg(args: string[], input?: string | Uint8Array): GpgResult {
  const result = spawnSync(
    'gpg',
    ['--batch', '--no-tty', '--pinentry-mode', 'loopback', '--trust-model', 'always', '--no-auto-key-retrieve', '--status-fd', '2', ...args],
    { input, env: { ...process.env, GNUPGHOME: home }, maxBuffer: 16 * 1024 * 1024, timeout: 30_000 },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr.toString('utf8') };
}

function gpgOk(args: string[], input?: string | Uint8Array): GpgResult {
  const result = gpg(args, input);
  if (result.status !== 0) throw new Error(`gpg ${args.join(' ')} failed (${String(result.status)}):\n${result.stderr}`);
  return result;
}

const title = HAS_GPG ? 'interoperability with GnuPG' : 'interoperability with GnuPG (skipped: gpg is not on PATH)';

describe.skipIf(!HAS_GPG)(title, () => {
  beforeAll(async () => {
    // A short path: gpg-agent's socket lives in GNUPGHOME and Unix socket paths are limited.
    home = mkdtempSync(join(tmpdir(), 'dd-gpg-'));
    chmodSync(home, 0o700);
    org = await testOrgPgp();
    gpgOk(['--passphrase', RESEARCHER_PASSPHRASE, '--quick-generate-key', `Ada Researcher <${RESEARCHER}>`, 'future-default', 'default', 'never']);
    researcherPublic = gpgOk(['--armor', '--export', RESEARCHER]).stdout.toString('utf8');
    const colons = gpgOk(['--with-colons', '--list-keys', RESEARCHER]).stdout.toString('utf8');
    researcherFingerprint = /^fpr:(?:[^:]*:){8}([0-9A-F]{40}):/m.exec(colons)?.[1] ?? '';
    gpgOk(['--import'], org.key.publicArmored);
  });

  afterAll(() => {
    if (!home) return;
    spawnSync('gpgconf', ['--kill', 'gpg-agent'], { env: { ...process.env, GNUPGHOME: home }, stdio: 'ignore' });
    rmSync(home, { recursive: true, force: true });
  });

  it("accepts gpg's exported public key with the fingerprint gpg reports", async () => {
    expect(researcherFingerprint).toMatch(/^[0-9A-F]{40}$/);
    expect(await readResearcherKey(researcherPublic)).toEqual({ fingerprint: researcherFingerprint });
  });

  it('gpg decrypts what the app encrypts to its key, and finds a good signature by the organisation', async () => {
    const armored = await org.pgp.encryptTo(researcherPublic, 'Thanks for the report; we reproduced it.\n');

    const result = gpgOk(['--passphrase', RESEARCHER_PASSPHRASE, '--decrypt'], armored);

    expect(result.stdout.toString('utf8')).toBe('Thanks for the report; we reproduced it.\n');
    expect(result.stderr).toContain('[GNUPG:] GOODSIG');
    expect(result.stderr).toMatch(new RegExp(`\\[GNUPG:\\] VALIDSIG .*${org.key.fingerprint}`));
  });

  it('the app decrypts what gpg encrypts and signs to the organisation key, and verifies the signature', async () => {
    const report = '{"title":"XSS in search","description":"Reflected in the q parameter."}';
    const armored = gpgOk(['--passphrase', RESEARCHER_PASSPHRASE, '--armor', '--encrypt', '--sign', '--local-user', RESEARCHER, '--recipient', org.key.fingerprint], report).stdout.toString('utf8');

    const result = await org.pgp.decryptText(armored, { verifyWith: researcherPublic });

    expect(result).toEqual({ text: report, signature: 'verified' });
  });

  it('the app decrypts a binary, compressed, unsigned message from gpg', async () => {
    const binary = gpgOk(['--compress-algo', 'zlib', '--encrypt', '--recipient', org.key.fingerprint], 'plain bytes from gpg').stdout;

    const result = await org.pgp.decryptBytes(new Uint8Array(binary), { verifyWith: researcherPublic });

    expect(new TextDecoder().decode(result.data)).toBe('plain bytes from gpg');
    expect(result.signature).toBe('unsigned');
  });

  it("refuses a gpg-signed message checked against someone else's key", async () => {
    const stranger = await testPgpKey('Stranger');
    const armored = gpgOk(['--passphrase', RESEARCHER_PASSPHRASE, '--armor', '--encrypt', '--sign', '--local-user', RESEARCHER, '--recipient', org.key.fingerprint], 'hello').stdout.toString('utf8');

    const error = await org.pgp.decryptText(armored, { verifyWith: stranger.publicArmored }).then(
      () => null,
      (e: unknown) => e,
    );

    expect(error).toBeInstanceOf(PgpError);
    expect((error as PgpError).kind).toBe('signature');
  });

  it("gpg --verify accepts the app's clearsigned text and rejects it once changed", async () => {
    const signed = await org.pgp.clearsign('Contact: mailto:security@example.org\nExpires: 2027-01-01T00:00:00.000Z\n');
    const file = join(home, 'security.txt');
    const forgedFile = join(home, 'forged.txt');
    writeFileSync(file, signed);
    writeFileSync(forgedFile, signed.replace('security@example.org', 'attacker@example.net'));

    const good = gpg(['--verify', file]);
    const forged = gpg(['--verify', forgedFile]);

    expect(good.status).toBe(0);
    expect(good.stderr).toMatch(new RegExp(`\\[GNUPG:\\] VALIDSIG .*${org.key.fingerprint}`));
    expect(forged.status).not.toBe(0);
    expect(forged.stderr).toContain('[GNUPG:] BADSIG');
  });

  it('loads a passphrase-protected private key exported by gpg, and decrypts what gpg encrypts to it', async () => {
    const exported = gpgOk(['--passphrase', RESEARCHER_PASSPHRASE, '--armor', '--export-secret-keys', RESEARCHER]).stdout.toString('utf8');
    const armored = gpgOk(['--armor', '--encrypt', '--recipient', RESEARCHER], 'to the exported key').stdout.toString('utf8');

    const loaded = await loadOrgPgp({ PGP_PRIVATE_KEY: exported, PGP_PASSPHRASE: RESEARCHER_PASSPHRASE });
    const wrong = await loadOrgPgp({ PGP_PRIVATE_KEY: exported, PGP_PASSPHRASE: 'not it' }).then(
      () => null,
      (e: unknown) => e,
    );

    expect(loaded?.fingerprint).toBe(researcherFingerprint);
    expect((await loaded?.decryptText(armored))?.text).toBe('to the exported key');
    expect(wrong).toBeInstanceOf(OrgKeyError);
  });
});
