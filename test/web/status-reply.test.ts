import { describe, expect, it } from 'vitest';
import { serve } from './helpers/serve.js';
import { statusView, tokenFor } from './helpers/fake-intake.js';

/** Posts a reply from the status page, urlencoded as the form sends it; the redirect is not followed. */
function postReply(base: string, token: string, message: string | null, query = ''): Promise<Response> {
  const body = new URLSearchParams(message === null ? {} : { message });
  return fetch(`${base}/status/${token}${query}`, { method: 'POST', body, redirect: 'manual' });
}

describe('the reply form on the status page', () => {
  it('is offered once the report is with the security team, posting to the page itself', async () => {
    const { base, intake } = await serve();
    intake.statuses.set(tokenFor(1), statusView({ state: 'filed' }));

    const page = await (await fetch(`${base}/status/${tokenFor(1)}`)).text();

    expect(page).toContain('<h2 id="reply-heading">Reply to the security team</h2>');
    expect(page).toContain('<form method="post" action="?lang=en">');
    expect(page).toContain('<textarea id="reply-message" name="message" rows="6" required maxlength="50000"></textarea>');
    expect(page).toContain('<button type="submit">Send</button>');
  });

  it('is not offered while the report is queued: the page says when it will be', async () => {
    const { base, intake } = await serve();
    intake.statuses.set(tokenFor(2), statusView({ state: 'queued' }));

    const page = await (await fetch(`${base}/status/${tokenFor(2)}`)).text();

    expect(page).not.toContain('reply-heading');
    expect(page).not.toContain('name="message"');
    expect(page).toContain('You can reply here once your report has been passed to the security team.');
  });

  it('is in the page language', async () => {
    const { base, intake } = await serve();
    intake.statuses.set(tokenFor(3), statusView({ state: 'filed', language: 'nl' }));

    const page = await (await fetch(`${base}/status/${tokenFor(3)}`)).text();

    expect(page).toContain('<form method="post" action="?lang=nl">');
    expect(page).not.toContain('Reply to the security team');
  });
});

describe('POST /status/{token}', () => {
  it('hands the reply to the intake and redirects to the page with a notice (post/redirect/get)', async () => {
    const { base, intake } = await serve();
    intake.statuses.set(tokenFor(4), statusView({ state: 'filed' }));

    const response = await postReply(base, tokenFor(4), '  Firefox 128, on Linux.\nAlso Chrome.  ');

    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/status/${tokenFor(4)}?lang=en&sent=1`);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(intake.replies).toEqual([{ token: tokenFor(4), text: 'Firefox 128, on Linux.\nAlso Chrome.' }]);
  });

  it('keeps the page language in the redirect', async () => {
    const { base, intake } = await serve();
    intake.statuses.set(tokenFor(5), statusView({ state: 'filed', language: 'en' }));

    const response = await postReply(base, tokenFor(5), 'Hallo', '?lang=nl');

    expect(response.headers.get('location')).toBe(`/status/${tokenFor(5)}?lang=nl&sent=1`);
  });

  it('takes a multipart post too', async () => {
    const { base, intake } = await serve();
    intake.statuses.set(tokenFor(6), statusView({ state: 'filed' }));
    const form = new FormData();
    form.append('message', 'Sent as multipart.');

    const response = await fetch(`${base}/status/${tokenFor(6)}`, { method: 'POST', body: form, redirect: 'manual' });

    expect(response.status).toBe(303);
    expect(intake.replies.map((r) => r.text)).toEqual(['Sent as multipart.']);
  });

  it('shows the sent notice after the redirect', async () => {
    const { base, intake } = await serve();
    intake.statuses.set(tokenFor(7), statusView({ state: 'filed' }));

    const page = await (await fetch(`${base}/status/${tokenFor(7)}?lang=en&sent=1`)).text();

    expect(page).toContain('<p class="notice" role="status">Your message was sent to the security team.</p>');
  });

  it('shows no notice without ?sent=1', async () => {
    const { base, intake } = await serve();
    intake.statuses.set(tokenFor(8), statusView({ state: 'filed' }));

    const page = await (await fetch(`${base}/status/${tokenFor(8)}?sent=yes`)).text();

    expect(page).not.toContain('Your message was sent');
  });

  it.each([
    ['an empty message', ''],
    ['a message of whitespace only', ' \n\t '],
    ['no message field', null],
  ])('refuses %s with 400 and the page asking for a message', async (_case, message) => {
    const { base, intake } = await serve();
    intake.statuses.set(tokenFor(9), statusView({ state: 'filed' }));

    const response = await postReply(base, tokenFor(9), message);
    const page = await response.text();

    expect(response.status).toBe(400);
    expect(page).toContain('<p class="error-message" role="alert">Write a message first.</p>');
    expect(page).toContain('name="message"');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(intake.replies).toEqual([]);
  });

  it('refuses a message over 50,000 characters with 400, keeping the text in the form', async () => {
    const { base, intake } = await serve();
    intake.statuses.set(tokenFor(10), statusView({ state: 'filed' }));
    const message = `${'a'.repeat(50_000)}<b>`;

    const response = await postReply(base, tokenFor(10), message);
    const page = await response.text();

    expect(response.status).toBe(400);
    expect(page).toContain('Your message is too long: at most 50,000 characters.');
    expect(page).toContain(`${'a'.repeat(50_000)}&lt;b&gt;</textarea>`);
    expect(intake.replies).toEqual([]);
  });

  it('takes a message of exactly 50,000 characters', async () => {
    const { base, intake } = await serve();
    intake.statuses.set(tokenFor(11), statusView({ state: 'filed' }));

    const response = await postReply(base, tokenFor(11), 'b'.repeat(50_000));

    expect(response.status).toBe(303);
    expect(intake.replies[0]?.text).toHaveLength(50_000);
  });

  it('answers 409 while the report is queued, with no reply form', async () => {
    const { base, intake } = await serve();
    intake.statuses.set(tokenFor(12), statusView({ state: 'queued' }));

    const response = await postReply(base, tokenFor(12), 'Is anyone there?');
    const page = await response.text();

    expect(response.status).toBe(409);
    expect(page).toContain('<p class="error-message" role="alert">You can reply here once your report has been passed to the security team.</p>');
    expect(page).not.toContain('name="message"');
    expect(intake.replies).toEqual([]);
  });

  it('says once on the 409 page that replies open after filing', async () => {
    const { base, intake } = await serve();
    intake.statuses.set(tokenFor(17), statusView({ state: 'queued' }));

    const page = await (await postReply(base, tokenFor(17), 'Is anyone there?')).text();

    expect(page.split('You can reply here once your report has been passed to the security team.')).toHaveLength(2);
  });

  it('gives unknown and malformed tokens the plain 404 of the status page', async () => {
    const { base, intake } = await serve();

    const unknown = await postReply(base, tokenFor(99), 'Hello?');
    const malformed = await postReply(base, 'short', 'Hello?');
    const get = await fetch(`${base}/status/${tokenFor(99)}`);

    expect(unknown.status).toBe(404);
    expect(malformed.status).toBe(404);
    expect(await unknown.text()).toBe(await get.text());
    expect(await malformed.text()).toBe('Not found\n');
    expect(unknown.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(intake.replies).toEqual([]);
  });

  it('answers 404 when the report disappears between the lookup and the reply', async () => {
    const { base, intake } = await serve();
    intake.statuses.set(tokenFor(13), statusView({ state: 'filed' }));
    intake.reply = () => Promise.resolve('unknown');

    const response = await postReply(base, tokenFor(13), 'Hello?');

    expect(response.status).toBe(404);
    expect(await response.text()).toBe('Not found\n');
  });

  it('refuses a body that is not a form with 415', async () => {
    const { base, intake } = await serve();
    intake.statuses.set(tokenFor(14), statusView({ state: 'filed' }));

    const response = await fetch(`${base}/status/${tokenFor(14)}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"message":"hi"}' });

    expect(response.status).toBe(415);
    expect(intake.replies).toEqual([]);
  });

  it('answers methods other than GET, HEAD and POST with 405', async () => {
    const { base, intake } = await serve();
    intake.statuses.set(tokenFor(15), statusView({ state: 'filed' }));

    const response = await fetch(`${base}/status/${tokenFor(15)}`, { method: 'PUT', body: 'message=hi' });

    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD, POST');
  });

  it('names the organisation on a refused reply as the status page does', async () => {
    const { base, intake } = await serve();
    intake.statuses.set(tokenFor(16), statusView({ state: 'filed' }));

    const page = await (await postReply(base, tokenFor(16), '')).text();

    expect(page).toContain('<p class="site-org">Acme Corp</p>');
  });
});

describe('the conversation on the status page', () => {
  it('shows what the team sent and what the researcher answered, oldest first, escaped', async () => {
    const { base, intake } = await serve();
    intake.statuses.set(
      tokenFor(20),
      statusView({
        state: 'filed',
        messages: [
          { from: 'team', body: 'Which browser? <script>alert(1)</script>', at: new Date('2026-03-04T10:00:00Z') },
          { from: 'researcher', body: 'Firefox <img src=x onerror=alert(2)> & "Chrome"\nboth', at: new Date('2026-03-05T11:30:00Z') },
        ],
      }),
    );

    const page = await (await fetch(`${base}/status/${tokenFor(20)}`)).text();

    expect(page).toContain('<h2 id="messages-heading">Messages</h2>');
    const team = page.indexOf('<li class="from-team"><strong>The security team</strong>');
    const you = page.indexOf('<li class="from-researcher"><strong>You</strong>');
    expect(team).toBeGreaterThan(-1);
    expect(you).toBeGreaterThan(team);
    expect(page).toContain('<time datetime="2026-03-05T11:30:00.000Z">');
    expect(page).toContain('<p class="message">Which browser? &lt;script&gt;alert(1)&lt;/script&gt;</p>');
    expect(page).toContain('<p class="message">Firefox &lt;img src=x onerror=alert(2)&gt; &amp; &quot;Chrome&quot;\nboth</p>');
    expect(page).not.toContain('<script');
    expect(page).not.toContain('<img');
  });

  it('shows a posted reply on the page after the redirect', async () => {
    const { base, intake } = await serve();
    intake.statuses.set(tokenFor(21), statusView({ state: 'filed' }));

    const response = await postReply(base, tokenFor(21), 'My answer.');
    const page = await (await fetch(`${base}${response.headers.get('location') ?? ''}`)).text();

    expect(page).toContain('Your message was sent to the security team.');
    expect(page).toContain('<li class="from-researcher"><strong>You</strong>');
    expect(page).toContain('<p class="message">My answer.</p>');
  });

  it('labels the entries in Dutch on a Dutch page', async () => {
    const { base, intake } = await serve();
    intake.statuses.set(
      tokenFor(22),
      statusView({
        state: 'filed',
        language: 'nl',
        messages: [
          { from: 'team', body: 'Vraag', at: new Date('2026-03-04T10:00:00Z') },
          { from: 'researcher', body: 'Antwoord', at: new Date('2026-03-05T10:00:00Z') },
        ],
      }),
    );

    const page = await (await fetch(`${base}/status/${tokenFor(22)}`)).text();

    expect(page).not.toContain('<strong>The security team</strong>');
    expect(page).not.toContain('<strong>You</strong>');
    expect(page).toMatch(/<li class="from-team"><strong>[^<]+<\/strong>/);
    expect(page).toMatch(/<li class="from-researcher"><strong>[^<]+<\/strong>/);
  });
});
