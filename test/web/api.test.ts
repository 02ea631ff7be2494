import { describe, expect, it } from 'vitest';
import { PNG_BYTES, apiErrors, jsonReport, postJson } from './helpers/reports.js';
import { serve } from './helpers/serve.js';

describe('POST /api/v1/orgs/{org}/reports', () => {
  it('stores a valid report and answers 202 with the id and a root-relative status URL', async () => {
    const { base, intake } = await serve();

    const response = await postJson(base, 'acme', jsonReport());
    const body = (await response.json()) as { id: string; status_url: string };

    expect(response.status).toBe(202);
    expect(body).toEqual({
      id: 'DD-000000000001',
      status_url: `/status/tok1${'x'.repeat(39)}`,
      receipt: { sha256: 'ab'.repeat(32), received_at: '2026-01-05T09:00:00.000Z', url: `/status/tok1${'x'.repeat(39)}/receipt.asc` },
    });
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(intake.accepted).toHaveLength(1);
  });

  it('builds an absolute status URL from the public URL', async () => {
    const { base } = await serve({ publicUrl: 'https://desk.example.org/' });

    const body = (await (await postJson(base, 'acme', jsonReport())).json()) as { status_url: string };

    expect(body.status_url).toBe(`https://desk.example.org/status/tok1${'x'.repeat(39)}`);
  });

  it('maps snake_case attachments onto the camelCase schema and passes channel api', async () => {
    const { base, intake } = await serve();
    const png = { filename: 'shot.png', content_type: 'image/png', data_base64: PNG_BYTES.toString('base64') };

    await postJson(base, 'acme', jsonReport({ attachments: [png] }));

    expect(intake.accepted[0]?.channel).toBe('api');
    expect(intake.accepted[0]?.input.attachments).toEqual([{ filename: 'shot.png', contentType: 'image/png', dataBase64: PNG_BYTES.toString('base64') }]);
    expect(intake.accepted[0]?.input.contact).toEqual({ name: 'Ada', email: 'ada@example.org', phone: '+31 6 1234 5678', github: 'ada-l' });
  });

  it('accepts a minimal anonymous report with defaults filled in, leaving credit to the organisation’s default', async () => {
    const { base, intake } = await serve();

    const response = await postJson(base, 'acme', { title: 'Open redirect', description: 'The next parameter is not checked at all.', affected: '192.0.2.1' });

    expect(response.status).toBe(202);
    expect(intake.accepted[0]?.input.credit).toBeUndefined();
    expect(intake.accepted[0]?.input.language).toBe('en');
    expect(intake.accepted[0]?.input.attachments).toEqual([]);
  });

  it.each([
    ['title', { title: 'abc' }, 'at least 5 characters'],
    ['title', { title: undefined }, 'is required'],
    ['description', { description: 'too short' }, 'at least 20 characters'],
    ['description', { description: 42 }, 'must be a string'],
    ['affected', { affected: '  ' }, 'name the affected URL, IP address or repository'],
    ['cvss', { cvss: 'high' }, 'must be a CVSS vector such as CVSS:3.1/AV:N/...'],
    ['contact.email', { contact: { email: 'not-an-email' } }, 'must be an e-mail address'],
    ['contact.phone', { contact: { phone: 'call me' } }, 'must be a phone number'],
    ['contact.github', { contact: { github: 'no spaces allowed' } }, 'must be a GitHub login'],
    ['contact', { contact: 'ada@example.org' }, 'must be an object'],
    ['credit', { credit: 'fame' }, 'must be one of name, pseudonym, anonymous'],
    ['language', { language: 'de' }, 'must be one of en, nl'],
    ['attachments.0.filename', { attachments: [{ filename: '../etc/passwd', content_type: 'text/plain', data_base64: '' }] }, 'must not contain slashes'],
    ['attachments.0.content_type', { attachments: [{ filename: 'a.exe', content_type: 'application/x-msdownload', data_base64: 'TVo=' }] }, 'must be one of text/plain, application/json, image/png, image/jpeg, image/gif, image/webp, application/pdf, application/zip'],
    ['attachments.0.data_base64', { attachments: [{ filename: 'a.txt', content_type: 'text/plain', data_base64: 'not base64!' }] }, 'must be base64'],
    ['attachments', { attachments: 'a.txt' }, 'must be an array'],
  ])('answers 400 naming %s when it is invalid', async (field, overrides, message) => {
    const { base, intake } = await serve();

    const response = await postJson(base, 'acme', jsonReport(overrides));

    expect(response.status).toBe(400);
    expect(await apiErrors(response)).toEqual([{ field, message }]);
    expect(intake.accepted).toHaveLength(0);
  });

  it('reports every invalid field at once', async () => {
    const { base } = await serve();

    const errors = await apiErrors(await postJson(base, 'acme', jsonReport({ title: 'abc', contact: { email: 'x' } })));

    expect(errors.map((error) => error.field)).toEqual(['title', 'contact.email']);
  });

  it('answers 400 with field "body" for malformed JSON', async () => {
    const { base } = await serve();

    const response = await postJson(base, 'acme', '{"title": "unterminated');

    expect(response.status).toBe(400);
    expect(await apiErrors(response)).toEqual([{ field: 'body', message: 'must be valid JSON' }]);
  });

  it('answers 400 with field "body" for JSON that is not an object', async () => {
    const { base } = await serve();

    const response = await postJson(base, 'acme', '[1, 2]');

    expect(response.status).toBe(400);
    expect(await apiErrors(response)).toEqual([{ field: 'body', message: 'must be a JSON object' }]);
  });

  it('answers 415 when the body is not declared as application/json', async () => {
    const { base, intake } = await serve();

    const response = await postJson(base, 'acme', jsonReport(), { 'Content-Type': 'text/plain' });

    expect(response.status).toBe(415);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await apiErrors(response)).toEqual([{ field: 'body', message: 'Content-Type must be application/json' }]);
    expect(intake.accepted).toHaveLength(0);
  });

  it('accepts application/json with a charset parameter', async () => {
    const { base } = await serve();

    const response = await postJson(base, 'acme', jsonReport(), { 'Content-Type': 'application/json; charset=utf-8' });

    expect(response.status).toBe(202);
  });

  it('answers 413 naming the limit for a body over the JSON limit', async () => {
    const { base, intake } = await serve({ limits: { maxJsonBodyBytes: 4096 } });

    const response = await postJson(base, 'acme', jsonReport({ description: 'x'.repeat(10_000) }));

    expect(response.status).toBe(413);
    expect(await apiErrors(response)).toEqual([{ field: 'body', message: 'request body is larger than the limit of 4096 bytes' }]);
    expect(intake.accepted).toHaveLength(0);
  });

  it('stops reading a streamed JSON body without Content-Length at the limit', async () => {
    const { base } = await serve({ limits: { maxJsonBodyBytes: 4096 } });
    // 50 MiB offered in 64 KiB chunks: far more than socket buffers hold, so the count shows
    // whether the server stopped reading.
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    const chunks = 800;
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 1;
        if (sent > chunks) controller.close();
        else controller.enqueue(chunk);
      },
    });

    const response = await fetch(`${base}/api/v1/orgs/acme/reports`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);

    expect(response.status).toBe(413);
    expect(response.headers.get('connection')).toBe('close');
    expect(sent).toBeLessThan(chunks);
  });

  it('answers 413 for an attachment over its limit, judged from the base64 length', async () => {
    const { base, intake } = await serve({ limits: { maxAttachmentBytes: 1000 } });
    const big = { filename: 'big.txt', content_type: 'text/plain', data_base64: Buffer.alloc(1001, 0x61).toString('base64') };

    const response = await postJson(base, 'acme', jsonReport({ attachments: [big] }));

    expect(response.status).toBe(413);
    expect(await apiErrors(response)).toEqual([{ field: 'attachments.0.data_base64', message: '"big.txt" is larger than the limit of 1000 bytes per attachment' }]);
    expect(intake.accepted).toHaveLength(0);
  });

  it('accepts an attachment of exactly the limit', async () => {
    const { base } = await serve({ limits: { maxAttachmentBytes: 1000 } });
    const exact = { filename: 'exact.txt', content_type: 'text/plain', data_base64: Buffer.alloc(1000, 0x61).toString('base64') };

    const response = await postJson(base, 'acme', jsonReport({ attachments: [exact] }));

    expect(response.status).toBe(202);
  });

  it('refuses more attachments than the limit', async () => {
    const { base } = await serve({ limits: { maxAttachments: 2 } });
    const file = { filename: 'a.txt', content_type: 'text/plain', data_base64: 'eA==' };

    const response = await postJson(base, 'acme', jsonReport({ attachments: [file, file, file] }));

    expect(response.status).toBe(400);
    expect(await apiErrors(response)).toEqual([{ field: 'attachments', message: 'at most 2 attachments' }]);
  });

  it('refuses a PNG whose bytes are not a PNG', async () => {
    const { base, intake } = await serve();
    const spoofed = { filename: 'shot.png', content_type: 'image/png', data_base64: Buffer.from('<svg onload=alert(1)>').toString('base64') };

    const response = await postJson(base, 'acme', jsonReport({ attachments: [spoofed] }));

    expect(response.status).toBe(400);
    expect(await apiErrors(response)).toEqual([
      { field: 'attachments.0.data_base64', message: '"shot.png" is declared as image/png but its content does not start the way that type does' },
    ]);
    expect(intake.accepted).toHaveLength(0);
  });

  it('refuses a text attachment named .png', async () => {
    const { base } = await serve();
    const renamed = { filename: 'shot.png', content_type: 'text/plain', data_base64: Buffer.from('hello').toString('base64') };

    const response = await postJson(base, 'acme', jsonReport({ attachments: [renamed] }));

    expect(response.status).toBe(400);
    expect((await apiErrors(response))[0]?.field).toBe('attachments.0.data_base64');
  });

  it('answers 404 with a JSON error for an unknown organisation', async () => {
    const { base, intake } = await serve();

    const response = await postJson(base, 'nobody', jsonReport());

    expect(response.status).toBe(404);
    expect(await apiErrors(response)).toEqual([{ field: 'org', message: 'no such organisation, or Disclosure Desk is not installed there' }]);
    expect(intake.accepted).toHaveLength(0);
  });

  it('answers 404 for a segment that cannot be a GitHub login', async () => {
    const { base } = await serve();

    const response = await postJson(base, 'not_a_login', jsonReport());

    expect(response.status).toBe(404);
    expect((await apiErrors(response))[0]?.field).toBe('org');
  });

  it('answers 503 and claims nothing when the intake cannot store the report', async () => {
    const { base, intake } = await serve();
    intake.acceptError = new Error('connection refused');

    const response = await postJson(base, 'acme', jsonReport());
    const body = (await response.json()) as Record<string, unknown>;

    expect(response.status).toBe(503);
    expect(body).toEqual({ errors: [{ field: 'request', message: 'the report was not stored; please try again later' }] });
    expect(body).not.toHaveProperty('id');
  });

  it('answers 503 when the organisation lookup itself fails', async () => {
    const { base, intake } = await serve();
    intake.organisation = () => Promise.reject(new Error('store down'));

    const response = await postJson(base, 'acme', jsonReport());

    expect(response.status).toBe(503);
    expect((await apiErrors(response))[0]?.field).toBe('request');
  });

  it('answers 405 to anything but POST', async () => {
    const { base } = await serve();

    const response = await fetch(`${base}/api/v1/orgs/acme/reports`);

    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });
});
