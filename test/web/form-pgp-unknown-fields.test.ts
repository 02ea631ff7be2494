import * as openpgp from 'openpgp';
import { beforeAll, describe, expect, it } from 'vitest';
import { decryptedFormInput } from '../../src/web/http/decrypted-form-input.js';
import type { OrgPgp } from '../../src/ports/org-pgp.js';
import { testOrgPgp, type TestPgpKey } from '../helpers/pgp-keys.js';
import { PNG_BYTES, multipart } from './helpers/reports.js';
import { serve } from './helpers/serve.js';

let pgp: OrgPgp;
let orgKey: TestPgpKey;

beforeAll(async () => {
  ({ pgp, key: orgKey } = await testOrgPgp());
});

const LIMITS = { maxAttachments: 5, maxAttachmentBytes: 5 * 1024 * 1024 };
const PNG = { filename: 'shot.png', contentType: 'image/png', dataBase64: PNG_BYTES.toString('base64') };

/** The JSON `assets/encrypt-form.js` builds: ReportInput's shape, camelCase attachments. */
function browserReport(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'SQL injection in search',
    description: 'The q parameter of /search is concatenated into SQL without escaping.',
    affected: 'https://shop.example.org/search',
    contact: { name: 'Ada', email: 'ada@example.org' },
    credit: 'pseudonym',
    language: 'en',
    attachments: [PNG],
    ...overrides,
  };
}

async function postEncrypted(base: string, report: unknown): Promise<Response> {
  const armored = await openpgp.encrypt({ message: await openpgp.createMessage({ text: JSON.stringify(report) }), encryptionKeys: orgKey.publicKey });
  return fetch(`${base}/orgs/acme/report`, { method: 'POST', body: multipart({ pgp_message: armored, lang: 'en' }) });
}

describe('decryptedFormInput', () => {
  it('hands the files the script sends to the upload checks', () => {
    const decrypted = decryptedFormInput(JSON.stringify(browserReport()), LIMITS);

    expect(decrypted?.input.attachments).toEqual([PNG]);
  });

  it('passes a file with a key the script never sends to the schema as sent, instead of rebuilding it without that key', () => {
    const file = { ...PNG, note: 'see the second screenshot' };

    const decrypted = decryptedFormInput(JSON.stringify(browserReport({ attachments: [file] })), LIMITS);

    expect(decrypted?.input.attachments).toEqual([file]);
  });

  it('keeps unknown top-level and contact fields for the schema to name', () => {
    const decrypted = decryptedFormInput(JSON.stringify(browserReport({ email: 'ada@example.org', contact: { emial: 'x' } })), LIMITS);

    expect(decrypted?.input).toMatchObject({ email: 'ada@example.org', contact: { emial: 'x' } });
  });
});

describe('POST /orgs/{org}/report with an encrypted report carrying unknown fields', () => {
  it.each([
    ['a top-level e-mail address', { email: 'ada@example.org' }, 'is not a known field; did you mean contact.email?'],
    ['a misspelt contact field', { contact: { emial: 'ada@example.org' } }, 'is not a known field; did you mean contact.email?'],
    ['an unknown key in a file', { attachments: [{ ...PNG, note: 'x' }] }, 'is not a known field; known here: filename, contentType, dataBase64'],
  ])('refuses %s and stores nothing', async (_name, overrides, message) => {
    const { base, intake } = await serve({ pgp });

    const response = await postEncrypted(base, browserReport(overrides));
    const page = await response.text();

    expect(response.status).toBe(400);
    expect(page).toContain(message);
    expect(intake.accepted).toHaveLength(0);
  });

  it('still stores what the script sends', async () => {
    const { base, intake } = await serve({ pgp });

    const response = await postEncrypted(base, browserReport());

    expect(response.status).toBe(200);
    expect(intake.accepted[0]?.input.contact.email).toBe('ada@example.org');
  });
});
