import * as openpgp from 'openpgp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { OrgPgp } from '../../src/ports/org-pgp.js';
import { testOrgPgp, testPgpKey, type TestPgpKey } from '../helpers/pgp-keys.js';
import { PNG_BYTES, formFields, multipart, postForm } from './helpers/reports.js';
import { serve } from './helpers/serve.js';

const FORM = '/orgs/acme/report';
const SCRIPTED_CSP = "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

let pgp: OrgPgp;
let orgKey: TestPgpKey;
let otherKey: TestPgpKey;

beforeAll(async () => {
  ({ pgp, key: orgKey } = await testOrgPgp());
  otherKey = await testPgpKey('Someone Else');
});

/** The JSON `assets/encrypt-form.js` builds from the form: ReportInput's shape, camelCase attachments. */
function browserReport(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'SQL injection in search',
    description: 'The q parameter of /search is concatenated into SQL without escaping.',
    steps: 'GET /search?q=1%27%20OR%201=1-- from 192.0.2.10',
    affected: 'https://shop.example.org/search',
    impact: '',
    cvss: '',
    contact: { name: 'Ada', email: 'ada@example.org', phone: '', github: 'ada-l', pgpKey: '' },
    credit: 'pseudonym',
    language: 'en',
    attachments: [
      { filename: 'shot.png', contentType: 'image/png', dataBase64: PNG_BYTES.toString('base64') },
      { filename: 'access.log', contentType: '', dataBase64: Buffer.from('GET /search 500').toString('base64') },
    ],
    ...overrides,
  };
}

async function encryptFor(key: TestPgpKey, report: unknown): Promise<string> {
  return openpgp.encrypt({ message: await openpgp.createMessage({ text: JSON.stringify(report) }), encryptionKeys: key.publicKey });
}

function postEncrypted(base: string, armored: string, lang = 'en', path = FORM): Promise<Response> {
  return fetch(`${base}${path}`, { method: 'POST', body: multipart({ pgp_message: armored, lang }) });
}

describe('POST /orgs/{org}/report with pgp_message', () => {
  it('decrypts the report, checks its attachments like the plain form and stores it as a form report', async () => {
    const { base, intake } = await serve({ pgp });

    const response = await postEncrypted(base, await encryptFor(orgKey, browserReport()));
    const page = await response.text();

    expect(response.status).toBe(200);
    expect(page).toContain('Report received');
    expect(page).toContain('DD-000000000001');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(intake.accepted).toHaveLength(1);
    expect(intake.accepted[0]?.channel).toBe('form');
    expect(intake.accepted[0]?.input).toMatchObject({
      title: 'SQL injection in search',
      affected: 'https://shop.example.org/search',
      impact: undefined,
      contact: { name: 'Ada', email: 'ada@example.org', phone: undefined, github: 'ada-l', pgpKey: undefined },
      credit: 'pseudonym',
      language: 'en',
      attachments: [
        { filename: 'shot.png', contentType: 'image/png', dataBase64: PNG_BYTES.toString('base64') },
        { filename: 'access.log', contentType: 'text/plain', dataBase64: Buffer.from('GET /search 500').toString('base64') },
      ],
    });
  });

  it('accepts the encrypted report urlencoded too, and keeps the reporter’s public key', async () => {
    const { base, intake } = await serve({ pgp });
    const report = browserReport({ attachments: [], contact: { email: 'ada@example.org', pgpKey: otherKey.publicArmored } });

    const response = await postForm(base, FORM, { pgp_message: await encryptFor(orgKey, report), lang: 'en' });

    expect(response.status).toBe(200);
    expect(intake.accepted[0]?.input.contact.pgpKey).toBe(otherKey.publicArmored.trim());
  });

  it('confirms in the report’s language', async () => {
    const { base } = await serve({ pgp });

    const page = await (await postEncrypted(base, await encryptFor(orgKey, browserReport({ language: 'nl' })), 'nl')).text();

    expect(page).toContain('<html lang="nl">');
    expect(page).toContain('Melding ontvangen');
  });

  it('refuses a message encrypted to another key with 400 and stores nothing', async () => {
    const { base, intake, logs } = await serve({ pgp });

    const response = await postEncrypted(base, await encryptFor(otherKey, browserReport()));
    const page = await response.text();

    expect(response.status).toBe(400);
    expect(page).toContain('The encrypted report could not be read');
    expect(page).toContain('Nothing was stored');
    expect(intake.accepted).toHaveLength(0);
    expect(logs.map((log) => log.message)).toContain('report refused: not decryptable');
  });

  it('refuses text that is not an OpenPGP message with 400', async () => {
    const { base, intake } = await serve({ pgp });

    const response = await postEncrypted(base, 'SQL injection in search');

    expect(response.status).toBe(400);
    expect(await response.text()).toContain('The encrypted report could not be read');
    expect(intake.accepted).toHaveLength(0);
  });

  it('refuses a decrypted message that is not a report object with 400', async () => {
    const { base, intake } = await serve({ pgp });
    const armored = await openpgp.encrypt({ message: await openpgp.createMessage({ text: 'just some text' }), encryptionKeys: orgKey.publicKey });

    const response = await postEncrypted(base, armored);

    expect(response.status).toBe(400);
    expect(intake.accepted).toHaveLength(0);
  });

  it('says encrypted reports are not accepted when no key is configured', async () => {
    const { base, intake } = await serve();

    const response = await postEncrypted(base, await encryptFor(orgKey, browserReport()));
    const page = await response.text();

    expect(response.status).toBe(400);
    expect(page).toContain('Encrypted reports are not accepted here');
    expect(page).toContain('<a href="/orgs/acme/report?lang=en">Back to the form</a>');
    expect(intake.accepted).toHaveLength(0);
  });

  it('lists the problems of an invalid decrypted report and says it cannot be shown back', async () => {
    const { base, intake } = await serve({ pgp });
    const report = browserReport({ title: 'abc', contact: { email: 'not-an-email' } });

    const response = await postEncrypted(base, await encryptFor(orgKey, report));
    const page = await response.text();

    expect(response.status).toBe(400);
    expect(intake.accepted).toHaveLength(0);
    expect(page).toContain('Your report has problems');
    expect(page).toContain('we cannot show it back to you here');
    expect(page).toContain('<p>Title: at least 5 characters</p>');
    expect(page).toContain('<p>E-mail address: must be an e-mail address</p>');
    expect(page).not.toContain('not-an-email');
  });

  it('lists the problems in Dutch for a Dutch report', async () => {
    const { base } = await serve({ pgp });

    const page = await (await postEncrypted(base, await encryptFor(orgKey, browserReport({ language: 'nl', title: 'abc' })), 'nl')).text();

    expect(page).toContain('Uw melding bevat fouten');
    expect(page).toContain('<p>Titel: minimaal 5 tekens</p>');
  });

  it('refuses attachments that the plain form refuses, naming each file', async () => {
    const { base, intake } = await serve({ pgp, limits: { maxAttachmentBytes: 1024 } });
    const report = browserReport({
      attachments: [
        { filename: 'fake.png', contentType: 'image/png', dataBase64: Buffer.from('not a png').toString('base64') },
        { filename: 'big.txt', contentType: 'text/plain', dataBase64: Buffer.alloc(2048, 'a').toString('base64') },
      ],
    });

    const response = await postEncrypted(base, await encryptFor(orgKey, report));
    const page = await response.text();

    expect(response.status).toBe(413);
    expect(intake.accepted).toHaveLength(0);
    expect(page).toContain('Attachments: “big.txt” is larger than 1 KiB, the limit per file.');
    expect(page).toContain('Attachments: “fake.png” is not what its name or type says it is');
  });

  it('refuses more attachments than the form takes', async () => {
    const { base, intake } = await serve({ pgp });
    const file = { filename: 'a.txt', contentType: 'text/plain', dataBase64: Buffer.from('a').toString('base64') };

    const response = await postEncrypted(base, await encryptFor(orgKey, browserReport({ attachments: Array.from({ length: 6 }, () => file) })));

    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Attach at most 5 files.');
    expect(intake.accepted).toHaveLength(0);
  });

  it('answers 413 when the message fills the field, since the server would have cut it', async () => {
    const { base, intake } = await serve({ pgp, limits: { maxUrlencodedBodyBytes: 4096 } });
    const report = browserReport({ description: 'x'.repeat(8000), attachments: [] });
    const armored = await openpgp.encrypt({ message: await openpgp.createMessage({ text: JSON.stringify(report) }), encryptionKeys: orgKey.publicKey });

    const response = await postEncrypted(base, armored);

    expect(response.status).toBe(413);
    expect(intake.accepted).toHaveLength(0);
  });

  it('never logs the decrypted text', async () => {
    const { base, logs } = await serve({ pgp });

    await postEncrypted(base, await encryptFor(orgKey, browserReport({ title: 'abc' })));
    await postEncrypted(base, await encryptFor(orgKey, browserReport()));

    const logged = JSON.stringify(logs);
    expect(logs.map((log) => log.message)).toEqual(['report refused: invalid input', 'report accepted']);
    expect(logged).not.toContain('SQL injection');
    expect(logged).not.toContain('concatenated');
    expect(logged).not.toContain('ada@example.org');
  });
});

describe('the form page with and without an OpenPGP key', () => {
  it('carries the key URL, the external script and the hidden encryption note when a key is configured', async () => {
    const { base } = await serve({ pgp });

    const response = await fetch(`${base}${FORM}`);
    const page = await response.text();

    expect(page).toContain('data-pgp-key-url="/orgs/acme/pgp-key.asc" data-pgp-max-bytes="1048576"');
    expect(page).toContain('<script type="module" src="/assets/encrypt-form.js"></script>');
    expect(page).toContain('<p class="hint" id="pgp-note" hidden>Encrypted in your browser with our OpenPGP key before it is sent, attachments included.');
    expect(page).toContain(orgKey.fingerprint.slice(0, 4));
    expect(page).toContain('<button type="button" id="pgp-send-plain">Send without browser encryption</button>');
    expect(response.headers.get('content-security-policy')).toBe(SCRIPTED_CSP);
  });

  it('carries the key URL of the default organisation on /report', async () => {
    const { base } = await serve({ pgp, defaultOrg: 'acme' });

    const page = await (await fetch(`${base}/report`)).text();

    expect(page).toContain('data-pgp-key-url="/orgs/acme/pgp-key.asc"');
  });

  it('has no script, no data attribute and no script CSP without a key', async () => {
    const { base } = await serve();

    const response = await fetch(`${base}${FORM}`);
    const page = await response.text();

    expect(page).not.toContain('data-pgp-key-url');
    expect(page).not.toContain('<script');
    expect(page).not.toContain('pgp-note');
    expect(response.headers.get('content-security-policy')).not.toContain('script-src');
  });

  it('offers the optional public key field in both cases', async () => {
    for (const deps of [{}, { pgp }]) {
      const { base } = await serve(deps);

      const page = await (await fetch(`${base}${FORM}`)).text();

      expect(page).toContain('<label for="contact_pgp_key">Your OpenPGP public key <span class="optional">(optional)</span></label>');
      expect(page).toContain('<textarea id="contact_pgp_key" name="contact_pgp_key" rows="4" aria-describedby="contact_pgp_key-hint" spellcheck="false">');
    }
  });

  it('keeps the script on the form sent back with errors', async () => {
    const { base } = await serve({ pgp });

    const response = await postForm(base, FORM, formFields({ title: 'abc' }));
    const page = await response.text();

    expect(response.status).toBe(400);
    expect(page).toContain('<script type="module" src="/assets/encrypt-form.js"></script>');
    expect(response.headers.get('content-security-policy')).toBe(SCRIPTED_CSP);
  });

  it('still takes the plain form post when a key is configured, with the reporter’s key', async () => {
    const { base, intake } = await serve({ pgp });

    const response = await fetch(`${base}${FORM}`, { method: 'POST', body: multipart(formFields({ contact_pgp_key: otherKey.publicArmored }), [new File([PNG_BYTES], 'shot.png', { type: 'image/png' })]) });

    expect(response.status).toBe(200);
    expect(intake.accepted[0]?.input.title).toBe('SQL injection in search');
    // A multipart body carries line breaks as CRLF, as browsers send them.
    expect(intake.accepted[0]?.input.contact.pgpKey?.replace(/\r\n/g, '\n')).toBe(otherKey.publicArmored.trim());
    expect(intake.accepted[0]?.input.attachments).toHaveLength(1);
  });
});

describe('GET /assets/*.js', () => {
  it.each([
    ['/assets/encrypt-form.js', "import * as openpgp from '/assets/openpgp.mjs';", 'public, max-age=3600'],
    ['/assets/openpgp.mjs', 'OpenPGP.js v6', 'public, max-age=604800'],
  ])('serves %s as JavaScript from the app itself', async (path, marker, cacheControl) => {
    const { base } = await serve();

    const response = await fetch(`${base}${path}`);
    const body = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe(cacheControl);
    expect(body).toContain(marker);
  });

  it('serves the openpgp.js browser build that imports nothing from elsewhere', async () => {
    const { base } = await serve();

    const body = await (await fetch(`${base}/assets/openpgp.mjs`)).text();

    expect(body).toMatch(/export\s*\{[^}]*\bencrypt\b/);
    expect(body).not.toMatch(/\bimport\s*[\s{*"'(]/);
  });

  it('answers 405 to a POST', async () => {
    const { base } = await serve();

    const response = await fetch(`${base}/assets/openpgp.mjs`, { method: 'POST' });

    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });
});
