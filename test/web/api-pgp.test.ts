import { createMessage, encrypt, enums, readKey } from 'openpgp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { OrgPgp } from '../../src/ports/org-pgp.js';
import { testOrgPgp, testPgpKey, type TestPgpKey } from '../helpers/pgp-keys.js';
import { apiErrors, jsonReport, postJson } from './helpers/reports.js';
import { serve, UNHANDLED } from './helpers/serve.js';

const NOT_ACCEPTED = 'encrypted reports are not accepted here: no OpenPGP key is configured; send the report as application/json';

let pgp: OrgPgp;
let org: TestPgpKey;
let researcher: TestPgpKey;
let stranger: TestPgpKey;

beforeAll(async () => {
  [{ pgp, key: org }, researcher, stranger] = await Promise.all([testOrgPgp(), testPgpKey('Ada Researcher'), testPgpKey('Stranger')]);
});

/** A report as a researcher's client encrypts it to the organisation key, optionally signed. */
async function encryptReport(report: unknown, options: { signWith?: TestPgpKey; to?: TestPgpKey; compress?: boolean } = {}): Promise<string> {
  const text = typeof report === 'string' ? report : JSON.stringify(report);
  const config = options.compress ? { preferredCompressionAlgorithm: enums.compression.zlib } : {};
  return encrypt({ message: await createMessage({ text }), encryptionKeys: (options.to ?? org).publicKey, signingKeys: options.signWith?.privateKey, config });
}

async function encryptReportBinary(report: unknown): Promise<Uint8Array> {
  return encrypt({ message: await createMessage({ text: JSON.stringify(report) }), encryptionKeys: org.publicKey, format: 'binary' });
}

function postPgp(base: string, org: string, body: string | Uint8Array): Promise<Response> {
  return fetch(`${base}/api/v1/orgs/${org}/reports`, { method: 'POST', headers: { 'Content-Type': 'application/pgp-encrypted' }, body });
}

/** A report whose contact carries the researcher's public key. */
function reportWithKey(pgpKey: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return jsonReport({ contact: { name: 'Ada', email: 'ada@example.org', pgpKey }, ...overrides });
}

describe('POST /api/v1/orgs/{org}/reports with an encrypted report', () => {
  it('stores an application/pgp-encrypted report and says it was unsigned', async () => {
    const { base, intake } = await serve({ pgp });

    const response = await postPgp(base, 'acme', await encryptReport(jsonReport()));
    const body = (await response.json()) as Record<string, unknown>;

    expect(response.status).toBe(202);
    expect(body).toEqual({
      id: 'DD-000000000001',
      status_url: `/status/tok1${'x'.repeat(39)}`,
      receipt: { sha256: 'ab'.repeat(32), received_at: '2026-01-05T09:00:00.000Z', url: `/status/tok1${'x'.repeat(39)}/receipt.asc` },
      signature: 'unsigned',
    });
    expect(intake.accepted).toHaveLength(1);
    expect(intake.accepted[0]?.channel).toBe('api');
    expect(intake.accepted[0]?.input.title).toBe('SQL injection in search');
    expect(intake.accepted[0]?.input.attachments[0]?.filename).toBe('request.txt');
  });

  it('accepts a binary OpenPGP message as the body', async () => {
    const { base, intake } = await serve({ pgp });

    const response = await postPgp(base, 'acme', await encryptReportBinary(jsonReport()));

    expect(response.status).toBe(202);
    expect(intake.accepted).toHaveLength(1);
  });

  it('accepts the encrypted report as pgp_message in a JSON body', async () => {
    const { base, intake } = await serve({ pgp });

    const response = await postJson(base, 'acme', { pgp_message: await encryptReport(jsonReport()) });

    expect(response.status).toBe(202);
    expect(((await response.json()) as { signature: string }).signature).toBe('unsigned');
    expect(intake.accepted[0]?.input.description).toBe('The q parameter of /search is concatenated into SQL without escaping.');
  });

  it('verifies a signed report against contact.pgpKey and keeps the key', async () => {
    const { base, intake } = await serve({ pgp });

    const response = await postPgp(base, 'acme', await encryptReport(reportWithKey(researcher.publicArmored), { signWith: researcher }));

    expect(response.status).toBe(202);
    expect(((await response.json()) as { signature: string }).signature).toBe('verified');
    expect(intake.accepted[0]?.input.contact.pgpKey).toBe(researcher.publicArmored.trim());
  });

  it('calls a signed report unchecked when no contact.pgpKey is given', async () => {
    const { base } = await serve({ pgp });

    const response = await postPgp(base, 'acme', await encryptReport(jsonReport(), { signWith: researcher }));

    expect(response.status).toBe(202);
    expect(((await response.json()) as { signature: string }).signature).toBe('unchecked');
  });

  it('accepts an unsigned report that gives contact.pgpKey', async () => {
    const { base } = await serve({ pgp });

    const response = await postPgp(base, 'acme', await encryptReport(reportWithKey(researcher.publicArmored)));

    expect(response.status).toBe(202);
    expect(((await response.json()) as { signature: string }).signature).toBe('unsigned');
  });

  it('refuses a report signed by another key than contact.pgpKey', async () => {
    const { base, intake } = await serve({ pgp });

    const response = await postPgp(base, 'acme', await encryptReport(reportWithKey(researcher.publicArmored), { signWith: stranger }));

    expect(response.status).toBe(400);
    expect(await apiErrors(response)).toEqual([{ field: 'pgp_message', message: 'signature does not verify against contact.pgpKey' }]);
    expect(intake.accepted).toHaveLength(0);
  });

  it("refuses a message encrypted to another key than the organisation's", async () => {
    const { base, intake } = await serve({ pgp });

    const response = await postPgp(base, 'acme', await encryptReport(jsonReport(), { to: stranger }));

    expect(response.status).toBe(400);
    expect(await apiErrors(response)).toEqual([{ field: 'pgp_message', message: "cannot be decrypted with this organisation's key" }]);
    expect(intake.accepted).toHaveLength(0);
  });

  it('refuses a body that is not an OpenPGP message', async () => {
    const { base } = await serve({ pgp });

    const response = await postPgp(base, 'acme', 'hello, this is not encrypted');

    expect(response.status).toBe(400);
    expect(await apiErrors(response)).toEqual([{ field: 'pgp_message', message: 'is not an OpenPGP message' }]);
  });

  it.each([
    ['a private key', () => researcher.privateArmored, 'is a private key; send only the public key'],
    ['text that is no key', () => 'my key is on keys.openpgp.org', 'is not an ASCII-armored OpenPGP public key'],
  ])('refuses %s as contact.pgpKey in an encrypted report', async (_label, key, message) => {
    const { base, intake } = await serve({ pgp });

    const response = await postPgp(base, 'acme', await encryptReport(reportWithKey(key()), { signWith: researcher }));

    expect(response.status).toBe(400);
    expect(await apiErrors(response)).toEqual([{ field: 'contact.pgpKey', message }]);
    expect(intake.accepted).toHaveLength(0);
  });

  it('checks contact.pgpKey in a plain JSON report too', async () => {
    const { base } = await serve();
    const signOnly = await testPgpKey('Sign Only', { encrypt: false });

    const good = await postJson(base, 'acme', reportWithKey(researcher.publicArmored));
    const bad = await postJson(base, 'acme', reportWithKey(signOnly.publicArmored));

    expect(good.status).toBe(202);
    expect(await good.json()).not.toHaveProperty('signature');
    expect(bad.status).toBe(400);
    expect(await apiErrors(bad)).toEqual([{ field: 'contact.pgpKey', message: 'has no valid key that can encrypt (expired, revoked or a too weak algorithm)' }]);
  });

  it('names the invalid fields inside the encrypted report', async () => {
    const { base } = await serve({ pgp });

    const response = await postPgp(base, 'acme', await encryptReport(jsonReport({ title: 'abc', contact: { email: 'x' } })));

    expect(response.status).toBe(400);
    expect((await apiErrors(response)).map((error) => error.field)).toEqual(['title', 'contact.email']);
  });

  it.each([
    ['text that is not JSON', 'title: XSS', 'must decrypt to a JSON report in UTF-8'],
    ['a JSON array', '[1, 2]', 'must decrypt to a JSON object'],
  ])('refuses a message that decrypts to %s', async (_label, plaintext, message) => {
    const { base } = await serve({ pgp });

    const response = await postPgp(base, 'acme', await encryptReport(plaintext));

    expect(response.status).toBe(400);
    expect(await apiErrors(response)).toEqual([{ field: 'pgp_message', message }]);
  });

  it('refuses fields sent in the clear next to pgp_message', async () => {
    const { base, intake } = await serve({ pgp });

    const response = await postJson(base, 'acme', { pgp_message: await encryptReport(jsonReport()), title: 'Leaked in the clear' });

    expect(response.status).toBe(400);
    expect(await apiErrors(response)).toEqual([{ field: 'title', message: 'must not be sent next to pgp_message; put it inside the encrypted report' }]);
    expect(intake.accepted).toHaveLength(0);
  });

  it('refuses a pgp_message that is not a string', async () => {
    const { base } = await serve({ pgp });

    const response = await postJson(base, 'acme', { pgp_message: { armored: true } });

    expect(response.status).toBe(400);
    expect(await apiErrors(response)).toEqual([{ field: 'pgp_message', message: 'must be an ASCII-armored PGP message' }]);
  });

  it('answers 413 when the plaintext is over the JSON body limit', async () => {
    const { base } = await serve({ pgp, limits: { maxJsonBodyBytes: 4096 } });
    // Compression keeps the message under the body limit; its plaintext is not.
    const message = await encryptReport(jsonReport({ description: 'x'.repeat(10_000) }), { compress: true });

    const response = await postPgp(base, 'acme', message);

    expect(message.length).toBeLessThan(4096);
    expect(response.status).toBe(413);
    expect(await apiErrors(response)).toEqual([{ field: 'pgp_message', message: 'decrypts to more than the limit of 4096 bytes' }]);
  });

  it('answers 413 for an encrypted body over the JSON body limit', async () => {
    const { base } = await serve({ pgp, limits: { maxJsonBodyBytes: 1024 } });

    const response = await postPgp(base, 'acme', await encryptReport(jsonReport({ description: crypto.randomUUID().repeat(100) })));

    expect(response.status).toBe(413);
    expect((await apiErrors(response))[0]?.field).toBe('body');
  });

  it('logs neither the plaintext nor the keys', async () => {
    const { base, logs } = await serve({ pgp });
    const secret = 'The admin password is hunter2-unique-marker.';

    await postPgp(base, 'acme', await encryptReport(reportWithKey(researcher.publicArmored, { description: secret }), { signWith: stranger }));
    await postPgp(base, 'acme', await encryptReport(reportWithKey(researcher.publicArmored, { description: secret })));

    const logged = JSON.stringify(logs);
    expect(logs.length).toBeGreaterThan(0);
    expect(logged).not.toContain('hunter2');
    expect(logged).not.toContain('PGP');
  });

  it('names both accepted types in the 415 when a key is configured', async () => {
    const { base } = await serve({ pgp });

    const response = await postJson(base, 'acme', jsonReport(), { 'Content-Type': 'text/plain' });

    expect(response.status).toBe(415);
    expect(await apiErrors(response)).toEqual([{ field: 'body', message: 'Content-Type must be application/json or application/pgp-encrypted' }]);
  });

  describe('without an organisation key', () => {
    it('answers 415 to application/pgp-encrypted', async () => {
      const { base, intake } = await serve();

      const response = await postPgp(base, 'acme', await encryptReport(jsonReport()));

      expect(response.status).toBe(415);
      expect(await apiErrors(response)).toEqual([{ field: 'body', message: NOT_ACCEPTED }]);
      expect(intake.accepted).toHaveLength(0);
    });

    it('answers 400 to pgp_message in JSON', async () => {
      const { base, intake } = await serve({ pgp: null });

      const response = await postJson(base, 'acme', { pgp_message: await encryptReport(jsonReport()) });

      expect(response.status).toBe(400);
      expect(await apiErrors(response)).toEqual([{ field: 'pgp_message', message: NOT_ACCEPTED }]);
      expect(intake.accepted).toHaveLength(0);
    });
  });
});

describe('GET /orgs/{org}/pgp-key.asc', () => {
  it("serves the organisation's armored public key", async () => {
    const { base } = await serve({ pgp });

    const response = await fetch(`${base}/orgs/acme/pgp-key.asc`);
    const text = await response.text();
    const key = await readKey({ armoredKey: text });

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pgp-keys');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(text).toBe(pgp.publicKeyArmored);
    expect(key.isPrivate()).toBe(false);
    expect(key.getFingerprint().toUpperCase()).toBe(org.fingerprint);
  });

  it('serves it at /pgp-key.asc for the default organisation', async () => {
    const { base } = await serve({ pgp, defaultOrg: 'acme' });

    const response = await fetch(`${base}/pgp-key.asc`);

    expect(response.status).toBe(200);
    expect(await response.text()).toBe(pgp.publicKeyArmored);
  });

  it('leaves /pgp-key.asc to Probot without a default organisation', async () => {
    const { base } = await serve({ pgp });

    const response = await fetch(`${base}/pgp-key.asc`);

    expect(response.status).toBe(404);
    expect(await response.text()).toBe(UNHANDLED);
  });

  it.each([
    ['an organisation the app is not installed on', { pgp: true }, '/orgs/nobody/pgp-key.asc'],
    ['a segment that cannot be a login', { pgp: true }, '/orgs/not_a_login/pgp-key.asc'],
    ['no configured key', { pgp: false }, '/orgs/acme/pgp-key.asc'],
  ])('answers 404 for %s', async (_label, setup, path) => {
    const { base } = await serve({ pgp: setup.pgp ? pgp : null });

    const response = await fetch(`${base}${path}`);

    expect(response.status).toBe(404);
    expect(await response.text()).toBe('Not found\n');
  });

  it('answers HEAD without a body and 405 to POST', async () => {
    const { base } = await serve({ pgp });

    const head = await fetch(`${base}/orgs/acme/pgp-key.asc`, { method: 'HEAD' });
    const post = await fetch(`${base}/orgs/acme/pgp-key.asc`, { method: 'POST' });

    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });
});
