import { createMessage, encrypt } from 'openpgp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { OrgPgp } from '../../src/ports/org-pgp.js';
import { loggableField } from '../../src/web/http/json-input.js';
import { testOrgPgp, type TestPgpKey } from '../helpers/pgp-keys.js';
import { apiErrors, jsonReport, postJson } from './helpers/reports.js';
import { serve } from './helpers/serve.js';

let pgp: OrgPgp;
let org: TestPgpKey;

beforeAll(async () => {
  ({ pgp, key: org } = await testOrgPgp());
});

async function encryptReport(report: unknown): Promise<string> {
  return encrypt({ message: await createMessage({ text: JSON.stringify(report) }), encryptionKeys: org.publicKey });
}

const TXT = { filename: 'a.txt', content_type: 'text/plain', data_base64: Buffer.from('GET /').toString('base64') };

describe('POST /api/v1/orgs/{org}/reports with fields the API does not know', () => {
  it('refuses a top-level e-mail address instead of filing an anonymous report', async () => {
    const { base, intake } = await serve();
    const { contact: _contact, ...withoutContact } = jsonReport();

    const response = await postJson(base, 'acme', { ...withoutContact, email: 'ada@example.org' });

    expect(response.status).toBe(400);
    expect(await apiErrors(response)).toEqual([{ field: 'email', message: 'is not a known field; did you mean contact.email?' }]);
    expect(intake.accepted).toHaveLength(0);
  });

  it.each([
    ['contact.emial', { contact: { name: 'Ada', emial: 'ada@example.org' } }, 'is not a known field; did you mean contact.email?'],
    ['contact.fax', { contact: { fax: '+31 20 123 4567' } }, 'is not a known field; known here: name, email, phone, github, pgpKey'],
    ['contact_email', { contact_email: 'ada@example.org' }, 'is not a known field; did you mean contact.email?'],
    ['lang', { lang: 'nl' }, 'is not a known field; did you mean language?'],
    ['severity', { severity: 'high' }, 'is not a known field; known here: title, description, steps, affected, impact, cvss, contact, credit, language, attachments'],
    ['attachments.0.contentType', { attachments: [{ filename: 'a.txt', contentType: 'text/plain', content_type: 'text/plain', data_base64: '' }] }, 'is not a known field; did you mean attachments.0.content_type?'],
    ['attachments.1.size', { attachments: [TXT, { ...TXT, size: 5 }] }, 'is not a known field; known here: filename, content_type, data_base64'],
  ])('answers 400 naming %s by its wire path', async (field, overrides, message) => {
    const { base, intake } = await serve();

    const response = await postJson(base, 'acme', jsonReport(overrides));

    expect(response.status).toBe(400);
    expect(await apiErrors(response)).toEqual([{ field, message }]);
    expect(intake.accepted).toHaveLength(0);
  });

  it('does not take the schema’s camelCase attachment names as a second spelling', async () => {
    const { base } = await serve();

    const errors = await apiErrors(await postJson(base, 'acme', jsonReport({ attachments: [{ filename: 'a.txt', contentType: 'text/plain', dataBase64: '' }] })));

    expect(errors).toEqual([
      { field: 'attachments.0.content_type', message: expect.stringMatching(/^must be one of text\/plain, /) as unknown },
      { field: 'attachments.0.data_base64', message: 'is required' },
      { field: 'attachments.0.contentType', message: 'is not a known field; did you mean attachments.0.content_type?' },
      { field: 'attachments.0.dataBase64', message: 'is not a known field; did you mean attachments.0.data_base64?' },
    ]);
  });

  it('reports unknown fields together with the other invalid fields', async () => {
    const { base } = await serve();

    const errors = await apiErrors(await postJson(base, 'acme', jsonReport({ title: 'abc', contact: { email: 'x', emial: 'ada@example.org' }, foo: 1 })));

    expect(errors.map((error) => error.field)).toEqual(['title', 'contact.email', 'contact.emial', 'foo']);
  });

  it('answers a body of many unknown fields with a bounded list', async () => {
    const { base } = await serve();
    const extra = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`field${i}`, i]));

    const errors = await apiErrors(await postJson(base, 'acme', jsonReport(extra)));

    expect(errors).toHaveLength(21);
    expect(errors[20]).toEqual({ field: 'body', message: 'has 4980 more unknown fields' });
  });

  it('logs the known fields it refused, never the name of an unknown one', async () => {
    const { base, logs } = await serve();

    await postJson(base, 'acme', jsonReport({ title: 'abc', 'ada@example.org': true, contact: { 'my secret': 1 } }));

    const refused = logs.find((entry) => entry.message === 'report refused');
    expect(refused?.meta).toMatchObject({ fields: ['title', '(unknown field)', '(unknown field)'] });
    expect(JSON.stringify(logs)).not.toContain('ada@example.org');
    expect(JSON.stringify(logs)).not.toContain('my secret');
  });

  it('refuses an unknown field inside an encrypted report, whichever way it came', async () => {
    const { base, intake } = await serve({ pgp });
    const armored = await encryptReport(jsonReport({ contact: { emial: 'ada@example.org' } }));

    const asJson = await postJson(base, 'acme', { pgp_message: armored });
    const asPgp = await fetch(`${base}/api/v1/orgs/acme/reports`, { method: 'POST', headers: { 'Content-Type': 'application/pgp-encrypted' }, body: armored });

    for (const response of [asJson, asPgp]) {
      expect(response.status).toBe(400);
      expect(await apiErrors(response)).toEqual([{ field: 'contact.emial', message: 'is not a known field; did you mean contact.email?' }]);
    }
    expect(intake.accepted).toHaveLength(0);
  });

  it('still stores an encrypted report with known fields only', async () => {
    const { base, intake } = await serve({ pgp });

    const response = await postJson(base, 'acme', { pgp_message: await encryptReport(jsonReport()) });

    expect(response.status).toBe(202);
    expect(intake.accepted[0]?.input.contact.email).toBe('ada@example.org');
  });
});

describe('loggableField', () => {
  it.each([
    ['title', 'title'],
    ['contact.email', 'contact.email'],
    ['contact.pgpKey', 'contact.pgpKey'],
    ['attachments.3.data_base64', 'attachments.3.data_base64'],
    ['body', 'body'],
    ['pgp_message', 'pgp_message'],
    ['email', '(unknown field)'],
    ['contact.emial', '(unknown field)'],
    ['attachments.0.contentType', '(unknown field)'],
    ['title.length', '(unknown field)'],
    ['constructor', '(unknown field)'],
  ])('logs %s as %s', (field, logged) => {
    expect(loggableField(field)).toBe(logged);
  });
});
