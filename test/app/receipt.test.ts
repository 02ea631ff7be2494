import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as openpgp from 'openpgp';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/app.js';
import { silentLogger } from '../../src/log.js';
import type { OrgPgp } from '../../src/ports/org-pgp.js';
import { createFakeGitHub } from '../helpers/fake-issues.js';
import { testOrgPgp, type TestPgpKey } from '../helpers/pgp-keys.js';
import { backends, cleanupStores } from '../helpers/stores.js';
import { gpgMissing } from '../mail/gpg.js';
import { formFields, jsonReport, postJson } from '../web/helpers/reports.js';

// The researcher's receipt through the wired app: what the API answers and the form shows,
// and the signed file behind the link, checked by openpgp.js and by a real `gpg --verify`.

const AT = new Date('2026-03-03T08:00:00Z');
const sqlite = backends[0]!;
const servers: Server[] = [];
const cores: Core[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  await Promise.all(cores.splice(0).map((core) => core.worker.stop()));
  await cleanupStores();
});

async function desk(pgp: OrgPgp | null): Promise<{ base: string; core: Core }> {
  const github = createFakeGitHub(() => AT);
  github.installations.set('acme', 7);
  const core = await createCore({ github, store: await sqlite.open(), log: silentLogger, clock: () => AT, env: {}, pgp });
  cores.push(core);
  const server = createServer((req, res) => {
    void core.http(req, res).then((handled) => {
      if (!handled) res.writeHead(404).end();
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, core };
}

interface Answer {
  id: string;
  status_url: string;
  receipt: { sha256: string; received_at: string; url: string };
}

async function submit(base: string, report = jsonReport()): Promise<Answer> {
  const response = await postJson(base, 'acme', report);
  expect(response.status).toBe(202);
  return (await response.json()) as Answer;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The signed text of a cleartext-signed message, with its last line: the canonical report. */
function canonicalLine(text: string): string {
  const lines = text.replace(/\n$/, '').split('\n');
  const end = lines.indexOf('-----BEGIN PGP SIGNATURE-----');
  return (end === -1 ? lines : lines.slice(0, end)).at(-1) ?? '';
}

describe('the receipt of a report', () => {
  it('is in the API answer: the SHA-256 of the report as received, the time, and where the signed receipt is', async () => {
    const { pgp } = await testOrgPgp();
    const { base } = await desk(pgp);

    const answer = await submit(base);

    expect(answer.receipt.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(answer.receipt.received_at).toBe(AT.toISOString());
    expect(answer.receipt.url).toBe(`${answer.status_url}/receipt.asc`);
  });

  it('is signed with the organisation key, holds the report as received, and its hash matches', async () => {
    const org = await testOrgPgp();
    const { base } = await desk(org.pgp);
    const sent = jsonReport({ description: 'Line one.\n-----BEGIN PGP SIGNATURE-----\nA line that looks like armour must not split the signature.' });

    const answer = await submit(base, sent);
    const response = await fetch(`${base}${answer.receipt.url}`);
    const text = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${answer.id}-receipt.asc"`);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(text.startsWith('-----BEGIN PGP SIGNED MESSAGE-----')).toBe(true);
    const verified = await openpgp.verify({
      message: await openpgp.readCleartextMessage({ cleartextMessage: text }),
      verificationKeys: await openpgp.readKey({ armoredKey: org.key.publicArmored }),
      expectSigned: true,
    });
    expect(verified.data).toContain(`Report: ${answer.id}`);
    expect(verified.data).toContain(`SHA-256 of the report: ${answer.receipt.sha256}`);
    const canonical = canonicalLine(verified.data);
    expect(sha256(canonical)).toBe(answer.receipt.sha256);
    const report = JSON.parse(canonical) as Record<string, unknown>;
    expect(report).toMatchObject({ title: sent.title, description: sent.description, affected: sent.affected, contact: { email: 'ada@example.org' } });
    expect(report.attachments).toEqual([{ filename: 'request.txt', content_type: 'text/plain', size: 11, sha256: sha256('GET /search') }]);
  });

  it.skipIf(gpgMissing !== null)('verifies with gpg --verify, as a researcher checks it', async () => {
    const org = await testOrgPgp();
    const { base } = await desk(org.pgp);
    const answer = await submit(base);
    const text = await (await fetch(`${base}${answer.receipt.url}`)).text();

    const { status, stderr } = await gpgVerify(org.key, text);

    expect(stderr).toContain('[GNUPG:] GOODSIG');
    expect(stderr).toContain(`[GNUPG:] VALIDSIG ${org.pgp.fingerprint}`);
    expect(status).toBe(0);
    const tampered = text.replace(answer.receipt.sha256, '0'.repeat(64));
    expect((await gpgVerify(org.key, tampered)).status).not.toBe(0);
  });

  it('is plain text, saying nothing false, when the organisation has no OpenPGP key', async () => {
    const { base } = await desk(null);
    const answer = await submit(base);

    const response = await fetch(`${base}${answer.receipt.url}`);
    const text = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${answer.id}-receipt.txt"`);
    expect(text).not.toContain('PGP');
    expect(sha256(canonicalLine(text))).toBe(answer.receipt.sha256);
  });

  it('is on the confirmation page of the form, with its hash and a link', async () => {
    const { base } = await desk(null);

    const response = await fetch(`${base}/orgs/acme/report`, { method: 'POST', body: new URLSearchParams(formFields()) });
    const page = await response.text();

    expect(response.status).toBe(200);
    const digest = /<code class="digest">([0-9a-f]{64})<\/code>/.exec(page)?.[1];
    const link = /href="(\/status\/[A-Za-z0-9_-]{43}\/receipt\.asc)"/.exec(page)?.[1];
    expect(digest).toBeDefined();
    expect(link).toBeDefined();
    const text = await (await fetch(`${base}${link ?? ''}`)).text();
    expect(sha256(canonicalLine(text))).toBe(digest);
  });

  it('is gone once the researcher erased their details, and never there for an unknown token', async () => {
    const { base, core } = await desk(null);
    const answer = await submit(base);
    const id = answer.id;

    await core.store.eraseContact(id, AT);

    expect((await fetch(`${base}${answer.receipt.url}`)).status).toBe(404);
    expect((await fetch(`${base}/status/${'A'.repeat(43)}/receipt.asc`)).status).toBe(404);
    expect((await fetch(`${base}/status/not-a-token/receipt.asc`)).status).toBe(404);
    expect((await fetch(`${base}${answer.receipt.url}`, { method: 'POST' })).status).toBe(405);
  });
});

/** `gpg --verify` of a cleartext-signed text in a throwaway home that trusts only the org key. */
async function gpgVerify(key: TestPgpKey, text: string): Promise<{ status: number; stderr: string }> {
  const home = await mkdtemp(join(tmpdir(), 'dd-rcpt-'));
  try {
    await chmod(home, 0o700);
    const run = (args: string[], input?: string) =>
      new Promise<{ status: number; stderr: string }>((resolve) => {
        const child = execFile('/usr/bin/gpg', ['--homedir', home, '--batch', '--no-tty', '--status-fd', '2', ...args], (error, _stdout, stderr) => {
          resolve({ status: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stderr: String(stderr) });
        });
        child.stdin?.on('error', () => undefined);
        child.stdin?.end(input ?? '');
      });
    await run(['--import'], key.publicArmored);
    const file = join(home, 'receipt.asc');
    await writeFile(file, text);
    return await run(['--verify', file]);
  } finally {
    await new Promise<void>((resolve) => execFile('gpgconf', ['--kill', 'gpg-agent'], { env: { ...process.env, GNUPGHOME: home } }, () => resolve()));
    await rm(home, { recursive: true, force: true });
  }
}
