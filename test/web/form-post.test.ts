import { describe, expect, it } from 'vitest';
import { PNG_BYTES, formFields, multipart, postForm } from './helpers/reports.js';
import { serve } from './helpers/serve.js';

const FORM = '/orgs/acme/report';

describe('POST /orgs/{org}/report', () => {
  it('stores a valid urlencoded report and shows the tracking id and status link', async () => {
    const { base, intake } = await serve();

    const response = await postForm(base, FORM, formFields());
    const page = await response.text();

    expect(response.status).toBe(200);
    expect(intake.accepted).toHaveLength(1);
    expect(page).toContain('Report received');
    expect(page).toContain('DD-000000000001');
    expect(page).toContain(`href="/status/tok1${'x'.repeat(39)}"`);
    expect(page).toContain('Confirmation of receipt by Wednesday, 4 March 2026 at 09:00 CET (within 1 business day)');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('maps the flat form fields onto the ReportInput shape', async () => {
    const { base, intake } = await serve();

    await postForm(base, FORM, formFields({ lang: 'nl', cvss: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N' }));

    expect(intake.accepted[0]?.org).toBe('acme');
    expect(intake.accepted[0]?.channel).toBe('form');
    expect(intake.accepted[0]?.input).toEqual({
      title: 'SQL injection in search',
      description: 'The q parameter of /search is concatenated into SQL without escaping.',
      steps: 'GET /search?q=1%27%20OR%201=1-- from 192.0.2.10',
      affected: 'https://shop.example.org/search',
      impact: 'Read access to the customer table.',
      cvss: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N',
      contact: { name: 'Ada', email: 'ada@example.org', phone: undefined, github: 'ada-l' },
      credit: 'pseudonym',
      language: 'nl',
      attachments: [],
    });
  });

  it('confirms in Dutch when the report was written in Dutch', async () => {
    const { base } = await serve();

    const page = await (await postForm(base, `${FORM}?lang=nl`, formFields({ lang: 'nl' }))).text();

    expect(page).toContain('<html lang="nl">');
    expect(page).toContain('Melding ontvangen');
    expect(page).toContain('Ontvangstbevestiging uiterlijk woensdag 4 maart 2026 om 09:00 CET (binnen 1 werkdag)');
  });

  it('stores a multipart report with its attachments base64-encoded and skips an empty file input', async () => {
    const { base, intake } = await serve();
    const files = [new File([PNG_BYTES], 'shot.png', { type: 'image/png' }), new File([], '', { type: 'application/octet-stream' })];

    const response = await fetch(`${base}${FORM}`, { method: 'POST', body: multipart(formFields(), files) });

    expect(response.status).toBe(200);
    expect(intake.accepted[0]?.input.attachments).toEqual([{ filename: 'shot.png', contentType: 'image/png', dataBase64: PNG_BYTES.toString('base64') }]);
    expect(intake.accepted[0]?.input.contact.email).toBe('ada@example.org');
  });

  it('reads a log file a browser sends as application/octet-stream as text', async () => {
    const { base, intake } = await serve();
    const log = new File(['GET /search 500'], 'access.log', { type: 'application/octet-stream' });

    const response = await fetch(`${base}${FORM}`, { method: 'POST', body: multipart(formFields(), [log]) });

    expect(response.status).toBe(200);
    expect(intake.accepted[0]?.input.attachments[0]?.contentType).toBe('text/plain');
  });

  it('re-renders the form with 400, the input kept and each message beside its field', async () => {
    const { base, intake } = await serve();

    const response = await postForm(base, FORM, formFields({ title: 'abc', contact_email: 'not-an-email', contact_name: 'Ada Lovelace' }));
    const page = await response.text();

    expect(response.status).toBe(400);
    expect(intake.accepted).toHaveLength(0);
    expect(page).toMatch(/<title>Error: /);
    expect(page).toContain('<a href="#title">Title: at least 5 characters</a>');
    expect(page).toContain('<a href="#contact_email">E-mail address: must be an e-mail address</a>');
    expect(page).toContain('<p class="error-message" id="title-error"><span class="visually-hidden">Error: </span>at least 5 characters</p>');
    expect(page).toContain('<input id="title" name="title" type="text" value="abc" aria-describedby="title-hint title-error" aria-invalid="true"');
    expect(page).toContain('value="not-an-email" aria-describedby="contact_email-hint contact_email-error" aria-invalid="true"');
    expect(page).toContain('value="Ada Lovelace"');
    expect(page).toContain('The q parameter of /search is concatenated into SQL without escaping.</textarea>');
    expect(page).toContain('<input id="credit-pseudonym" name="credit" type="radio" value="pseudonym" checked>');
  });

  it('gives the validation messages in Dutch on a Dutch form', async () => {
    const { base } = await serve();

    const page = await (await postForm(base, `${FORM}?lang=nl`, formFields({ lang: 'nl', title: 'abc', affected: '', contact_phone: 'call me' }))).text();

    expect(page).toContain('<html lang="nl">');
    expect(page).toContain('Er is een probleem');
    expect(page).toContain('<a href="#title">Titel: minimaal 5 tekens</a>');
    expect(page).toContain('<a href="#affected">Getroffen systeem: noem de getroffen URL, het IP-adres of de repository</a>');
    expect(page).toContain('<a href="#contact_phone">Telefoonnummer: moet een geldig telefoonnummer zijn</a>');
  });

  it('asks for attachments again when the form comes back, since files cannot be kept', async () => {
    const { base } = await serve();
    const files = [new File(['evidence'], 'notes.txt', { type: 'text/plain' })];

    const page = await (await fetch(`${base}${FORM}`, { method: 'POST', body: multipart(formFields({ title: 'abc' }), files) })).text();

    expect(page).toContain('Files are not kept when the form is sent back to you: please attach them again.');
    expect(page).toContain('aria-describedby="attachments-hint attachments-reattach"');
  });

  it('escapes hostile input in the re-rendered form', async () => {
    const { base } = await serve();
    const hostile = `"><img src=x onerror=alert(1)><script>alert('x')</script>`;

    const page = await (await postForm(base, FORM, formFields({ title: hostile, description: `</textarea>${hostile}`, contact_email: hostile, credit: `"><script>` }))).text();

    expect(page).not.toContain('<img');
    expect(page).not.toContain('<script');
    expect(page).toContain('value="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"');
    expect(page).toContain('&lt;/textarea&gt;&quot;&gt;&lt;img');
  });

  it('refuses a report for an unknown organisation with 404', async () => {
    const { base, intake } = await serve();

    const response = await postForm(base, '/orgs/nobody/report', formFields());

    expect(response.status).toBe(404);
    expect(intake.accepted).toHaveLength(0);
  });

  it('serves the default organisation on POST /report', async () => {
    const { base, intake } = await serve({ defaultOrg: 'acme' });

    const response = await postForm(base, '/report', formFields());

    expect(response.status).toBe(200);
    expect(intake.accepted[0]?.org).toBe('acme');
  });

  it('answers 503 and keeps the input when the intake cannot store the report', async () => {
    const { base, intake, logs } = await serve();
    intake.acceptError = new Error('database is locked: SQL injection in search');

    const response = await postForm(base, FORM, formFields());
    const page = await response.text();

    expect(response.status).toBe(503);
    expect(page).toContain('Your report was not stored because of a problem on our side. Please try again in a few minutes.');
    expect(page).not.toContain('Report received');
    expect(page).not.toContain('/status/');
    expect(page).toContain('value="SQL injection in search"');
    expect(logs).toContainEqual({ level: 'warn', meta: { org: 'acme', channel: 'form', error: 'Error' }, message: 'report not stored: intake failed' });
  });

  it('logs the report id and never the report text, contact details or token', async () => {
    const { base, logs } = await serve();

    await postForm(base, FORM, formFields());

    expect(logs).toContainEqual({ level: 'info', meta: { reportId: 'DD-000000000001', org: 'acme', channel: 'form' }, message: 'report accepted' });
    const logged = JSON.stringify(logs);
    for (const secret of ['SQL injection', 'ada@example.org', 'Ada', 'tok1']) expect(logged).not.toContain(secret);
  });

  it('answers 415 for a body that is not a form', async () => {
    const { base } = await serve();

    const response = await fetch(`${base}${FORM}`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'title=x' });

    expect(response.status).toBe(415);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
  });
});

describe('form limits and attachment checks', () => {
  it('answers 413 naming the limit for an urlencoded body over the limit', async () => {
    const { base, intake } = await serve({ limits: { maxUrlencodedBodyBytes: 2048 } });

    const response = await postForm(base, FORM, formFields({ description: 'x'.repeat(5000) }));
    const page = await response.text();

    expect(response.status).toBe(413);
    expect(page).toContain('Your report is larger than 2 KiB');
    expect(intake.accepted).toHaveLength(0);
  });

  it('answers 413 for a multipart body over the total limit and stops reading it', async () => {
    const { base, intake } = await serve({ limits: { maxMultipartBytes: 64 * 1024, maxAttachmentBytes: 1024 * 1024 } });
    const big = new File([Buffer.alloc(512 * 1024, 0x61)], 'big.txt', { type: 'text/plain' });

    const response = await fetch(`${base}${FORM}`, { method: 'POST', body: multipart(formFields(), [big]) });
    const page = await response.text();

    expect(response.status).toBe(413);
    expect(response.headers.get('connection')).toBe('close');
    expect(page).toContain('larger than 64 KiB');
    expect(intake.accepted).toHaveLength(0);
  });

  it('stops reading a streamed multipart body without Content-Length at the limit', async () => {
    const { base, intake } = await serve({ limits: { maxMultipartBytes: 64 * 1024 } });
    const boundary = 'xxBOUNDARYxx';
    const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="attachments"; filename="big.txt"\r\nContent-Type: text/plain\r\n\r\n`);
    // 50 MiB offered: far more than socket buffers hold, so the count shows whether reading stopped.
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const total = 50 * 1024 * 1024;
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(head);
      },
      pull(controller) {
        sent += chunk.length;
        if (sent > total) controller.close();
        else controller.enqueue(chunk);
      },
    });

    const response = await fetch(`${base}${FORM}`, {
      method: 'POST',
      headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
      body,
      duplex: 'half',
    } as RequestInit);

    expect(response.status).toBe(413);
    expect(sent).toBeLessThan(total);
    expect(intake.accepted).toHaveLength(0);
  });

  it('answers 413 for one attachment over its limit, with the rest of the form kept', async () => {
    const { base, intake } = await serve({ limits: { maxAttachmentBytes: 1024 } });
    const big = new File([Buffer.alloc(4096, 0x61)], 'big.txt', { type: 'text/plain' });

    const response = await fetch(`${base}${FORM}`, { method: 'POST', body: multipart(formFields(), [big]) });
    const page = await response.text();

    expect(response.status).toBe(413);
    expect(page).toContain('<a href="#attachments">Attachments: “big.txt” is larger than 1 KiB, the limit per file.</a>');
    expect(page).toContain('value="SQL injection in search"');
    expect(intake.accepted).toHaveLength(0);
  });

  it('refuses an attachment type that is not accepted with 400 at the attachments field', async () => {
    const { base, intake } = await serve();
    const exe = new File([Buffer.from('MZ')], 'tool.exe', { type: 'application/x-msdownload' });

    const response = await fetch(`${base}${FORM}`, { method: 'POST', body: multipart(formFields(), [exe]) });
    const page = await response.text();

    expect(response.status).toBe(400);
    expect(page).toContain('id="attachments-error"');
    expect(page).toContain('“tool.exe” is not a file type we accept.');
    expect(intake.accepted).toHaveLength(0);
  });

  it('refuses a .png that is not a PNG', async () => {
    const { base, intake } = await serve();
    const spoofed = new File(['<html><script>alert(1)</script></html>'], 'shot.png', { type: 'image/png' });

    const response = await fetch(`${base}${FORM}`, { method: 'POST', body: multipart(formFields(), [spoofed]) });
    const page = await response.text();

    expect(response.status).toBe(400);
    expect(page).toContain('“shot.png” is not what its name or type says it is');
    expect(intake.accepted).toHaveLength(0);
  });

  it('refuses more attachments than the limit', async () => {
    const { base, intake } = await serve({ limits: { maxAttachments: 2 } });
    const files = ['a.txt', 'b.txt', 'c.txt'].map((name) => new File(['x'], name, { type: 'text/plain' }));

    const response = await fetch(`${base}${FORM}`, { method: 'POST', body: multipart(formFields(), files) });
    const page = await response.text();

    expect(response.status).toBe(400);
    expect(page).toContain('Attach at most 2 files.');
    expect(intake.accepted).toHaveLength(0);
  });
});
