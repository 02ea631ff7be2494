import { createMessage, encrypt } from 'openpgp';
import { describe, expect, it } from 'vitest';
import { decryptedFormInput } from '../../src/web/http/decrypted-form-input.js';
import { DEFAULT_LIMITS } from '../../src/report/intake-limits.js';
import { testOrgPgp } from '../helpers/pgp-keys.js';
import { ELF_BYTES, ZIP_BYTES } from '../report/attachment-fixtures.js';
import { apiErrors, formFields, jsonReport, multipart, postJson } from './helpers/reports.js';
import { serve } from './helpers/serve.js';

const FORM = '/orgs/acme/report';

function wire(filename: string, contentType: string, data: Buffer): Record<string, string> {
  return { filename, content_type: contentType, data_base64: data.toString('base64') };
}

describe('files that are not what they say, through the JSON API', () => {
  it('refuses a ZIP archive named notes.txt and sent as text/plain, naming it and why', async () => {
    const { base, intake } = await serve();

    const response = await postJson(base, 'acme', jsonReport({ attachments: [wire('notes.txt', 'text/plain', ZIP_BYTES)] }));

    expect(response.status).toBe(400);
    expect(await apiErrors(response)).toEqual([
      { field: 'attachments.0.data_base64', message: '"notes.txt" is declared as text/plain but is an archive (ZIP); the only archive accepted is ZIP, declared as application/zip' },
    ]);
    expect(intake.accepted).toHaveLength(0);
  });

  it('refuses an ELF program named readme.txt', async () => {
    const { base, intake } = await serve();

    const response = await postJson(base, 'acme', jsonReport({ attachments: [wire('request.txt', 'text/plain', Buffer.from('GET /')), wire('readme.txt', 'text/plain', ELF_BYTES)] }));

    expect(response.status).toBe(400);
    expect(await apiErrors(response)).toEqual([{ field: 'attachments.1.data_base64', message: '"readme.txt" is declared as text/plain but is a program (ELF); programs are not accepted' }]);
    expect(intake.accepted).toHaveLength(0);
  });

  it('refuses JSON that does not parse and text with NUL bytes', async () => {
    const { base } = await serve();

    const response = await postJson(base, 'acme', jsonReport({ attachments: [wire('a.json', 'application/json', Buffer.from('{')), wire('b.txt', 'text/plain', Buffer.from('a\0b'))] }));

    expect(await apiErrors(response)).toEqual([
      { field: 'attachments.0.data_base64', message: '"a.json" is declared as application/json but is not valid JSON' },
      { field: 'attachments.1.data_base64', message: '"b.txt" is declared as text/plain but contains NUL bytes, so it is binary data, not text' },
    ]);
  });

  it('accepts a ZIP declared as application/zip, and names made of dots (stored under a safe name later)', async () => {
    const { base, intake } = await serve();

    const response = await postJson(base, 'acme', jsonReport({ attachments: [wire('evidence.zip', 'application/zip', ZIP_BYTES), wire('..', 'text/plain', Buffer.from('x'))] }));

    expect(response.status).toBe(202);
    expect(intake.accepted[0]?.input.attachments.map((file) => file.filename)).toEqual(['evidence.zip', '..']);
  });
});

describe('files that are not what they say, through the form', () => {
  it('refuses a ZIP archive named notes.txt with 400 beside the attachments field, keeping the input', async () => {
    const { base, intake } = await serve();
    const zip = new File([ZIP_BYTES], 'notes.txt', { type: 'text/plain' });

    const response = await fetch(`${base}${FORM}`, { method: 'POST', body: multipart(formFields(), [zip]) });
    const page = await response.text();

    expect(response.status).toBe(400);
    expect(page).toContain('“notes.txt” is a ZIP archive, not text/plain. The only archive we accept is a ZIP file sent as .zip.');
    expect(page).toContain('value="SQL injection in search"');
    expect(intake.accepted).toHaveLength(0);
  });

  it('refuses an ELF program named readme.txt, in Dutch on a Dutch page', async () => {
    const { base, intake } = await serve();
    const elf = new File([ELF_BYTES], 'readme.txt', { type: 'text/plain' });

    const response = await fetch(`${base}${FORM}`, { method: 'POST', body: multipart(formFields({ lang: 'nl' }), [elf]) });
    const page = await response.text();

    expect(response.status).toBe(400);
    expect(page).toContain('‘readme.txt’ is een programma (ELF), geen text/plain.');
    expect(intake.accepted).toHaveLength(0);
  });
});

describe('files that are not what they say, in an encrypted form', () => {
  it('gets the same checks as the plain form once decrypted', () => {
    const browserFile = (filename: string, contentType: string, data: Buffer) => ({ filename, contentType, dataBase64: data.toString('base64') });
    const text = JSON.stringify({ title: 'x', attachments: [browserFile('notes.txt', 'text/plain', ZIP_BYTES), browserFile('log.txt', 'text/plain', Buffer.from('ok'))] });

    const decrypted = decryptedFormInput(text, DEFAULT_LIMITS);

    expect(decrypted?.problems).toEqual([{ kind: 'content-mismatch', filename: 'notes.txt', contentType: 'text/plain', reason: 'archive', format: 'ZIP' }]);
    expect(decrypted?.input.attachments).toEqual([{ filename: 'log.txt', contentType: 'text/plain', dataBase64: Buffer.from('ok').toString('base64') }]);
  });
});

describe('files that are not what they say, in an encrypted API report', () => {
  it('refuses an ELF program named readme.txt inside the ciphertext with the same 400', async () => {
    const { pgp, key } = await testOrgPgp();
    const { base, intake } = await serve({ pgp });
    const report = jsonReport({ attachments: [wire('readme.txt', 'text/plain', ELF_BYTES)] });
    const armored = await encrypt({ message: await createMessage({ text: JSON.stringify(report) }), encryptionKeys: key.publicKey });

    const response = await fetch(`${base}/api/v1/orgs/acme/reports`, { method: 'POST', headers: { 'Content-Type': 'application/pgp-encrypted' }, body: armored });

    expect(response.status).toBe(400);
    expect(await apiErrors(response)).toEqual([{ field: 'attachments.0.data_base64', message: '"readme.txt" is declared as text/plain but is a program (ELF); programs are not accepted' }]);
    expect(intake.accepted).toHaveLength(0);
  });
});
