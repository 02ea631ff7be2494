import { describe, expect, it } from 'vitest';
import { serve } from './helpers/serve.js';
import { statusView, tokenFor } from './helpers/fake-intake.js';

const CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

describe('GET /status/{token}', () => {
  it('shows a queued report in English with its deadlines in the organisation time zone', async () => {
    const { base, intake } = await serve();
    intake.statuses.set(tokenFor(7), statusView({ id: 'DD-ABCDEFGHJKMN', state: 'queued' }));

    const response = await fetch(`${base}/status/${tokenFor(7)}`);
    const page = await response.text();

    expect(response.status).toBe(200);
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('DD-ABCDEFGHJKMN');
    expect(page).toContain('In the queue');
    expect(page).not.toContain('With the security team');
    expect(page).toContain('Tuesday, 3 March 2026 at 09:00 CET');
    expect(page).toContain('Confirmation of receipt by Wednesday, 4 March 2026 at 09:00 CET (within 1 business day)');
    expect(page).toContain('Assessment by Tuesday, 10 March 2026 at 09:00 CET (within 5 business days)');
  });

  it('shows a filed report in Dutch when the report was written in Dutch', async () => {
    const { base, intake } = await serve();
    intake.statuses.set(tokenFor(8), statusView({ language: 'nl', state: 'filed' }));

    const page = await (await fetch(`${base}/status/${tokenFor(8)}`)).text();

    expect(page).toContain('<html lang="nl">');
    expect(page).toContain('In behandeling bij het securityteam');
    expect(page).toContain('Ontvangstbevestiging uiterlijk woensdag 4 maart 2026 om 09:00 CET (binnen 1 werkdag)');
    expect(page).toContain('Beoordeling uiterlijk dinsdag 10 maart 2026 om 09:00 CET (binnen 5 werkdagen)');
  });

  it('lets ?lang override the report language and links back to the same page', async () => {
    const { base, intake } = await serve();
    intake.statuses.set(tokenFor(9), statusView({ language: 'nl', state: 'filed' }));

    const page = await (await fetch(`${base}/status/${tokenFor(9)}?lang=en`)).text();

    expect(page).toContain('<html lang="en">');
    expect(page).toContain('With the security team');
    expect(page).toContain(`<a href="/status/${tokenFor(9)}?lang=nl" hreflang="nl" lang="nl">Nederlands</a>`);
  });

  it('shows the messages staff sent, escaped, with the paused clock and the expected fix date', async () => {
    const { base, intake } = await serve();
    intake.statuses.set(
      tokenFor(12),
      statusView({
        state: 'filed',
        triage: { stage: 'triaged', paused: true, fixBy: '2026-04-01' },
        messages: [{ from: 'team', body: 'Which browser? <script>alert(1)</script>\nAnd which version?', at: new Date('2026-03-04T10:00:00Z') }],
      }),
    );

    const page = await (await fetch(`${base}/status/${tokenFor(12)}`)).text();

    expect(page).toContain('The security team is assessing your report.');
    expect(page).toContain('The deadlines are paused while the security team waits for information from you.');
    expect(page).toContain('Expected fix date: 1 April 2026');
    expect(page).toContain('<h2 id="messages-heading">Messages</h2>');
    expect(page).toContain('Which browser? &lt;script&gt;alert(1)&lt;/script&gt;\nAnd which version?');
    expect(page).not.toContain('<script>');
  });

  it('tells the researcher a closed report is closed, without the fix date, and shows no messages section when there are none', async () => {
    const { base, intake } = await serve();
    intake.statuses.set(tokenFor(13), statusView({ state: 'filed', language: 'nl', triage: { stage: 'closed', paused: false, fixBy: '2026-04-01' } }));

    const page = await (await fetch(`${base}/status/${tokenFor(13)}`)).text();

    expect(page).toContain('Het securityteam heeft uw melding gesloten.');
    expect(page).not.toContain('2026-04-01');
    expect(page).not.toContain('messages-heading');
  });

  it('says when the conversation was deleted at the end of the retention period', async () => {
    const { base, intake } = await serve();
    intake.statuses.set(
      tokenFor(14),
      statusView({ state: 'filed', triage: { stage: 'closed', paused: false, fixBy: null }, messagesPurged: { at: new Date('2026-06-10T08:00:00Z'), retentionDays: 90 } }),
    );

    const page = await (await fetch(`${base}/status/${tokenFor(14)}?lang=en`)).text();

    expect(page).toContain('<h2 id="messages-heading">Messages</h2>');
    expect(page).toMatch(/The messages about this report were deleted on [^<]*2026[^<]*: we keep them for 90 days after a report is closed\./);
  });

  it('formats the deadlines in the time zone the status gives', async () => {
    const { base, intake } = await serve();
    intake.statuses.set(tokenFor(10), statusView({ timeZone: 'America/New_York' }));

    const page = await (await fetch(`${base}/status/${tokenFor(10)}`)).text();

    expect(page).toContain('Confirmation of receipt by Wednesday, 4 March 2026 at 03:00 GMT-5');
    expect(page).toContain('Times are in the America/New_York time zone.');
  });

  it('keeps the secret URL out of referrers and caches, with the HTML security headers', async () => {
    const { base, intake } = await serve();
    intake.statuses.set(tokenFor(11), statusView());

    const response = await fetch(`${base}/status/${tokenFor(11)}`);

    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('content-security-policy')).toBe(CSP);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
  });

  it('gives unknown and malformed tokens the identical plain 404', async () => {
    const { base } = await serve();

    const unknown = await fetch(`${base}/status/${tokenFor(99)}`);
    const malformed = await fetch(`${base}/status/short'"<script>`);
    const headers = (response: Response) => [...response.headers].filter(([name]) => name !== 'date');

    expect(unknown.status).toBe(404);
    expect(malformed.status).toBe(404);
    expect(await unknown.text()).toBe(await malformed.text());
    expect(headers(unknown)).toEqual(headers(malformed));
    expect(unknown.headers.get('content-type')).toBe('text/plain; charset=utf-8');
  });

  it('does not ask the intake about a malformed token', async () => {
    const { base, intake } = await serve();
    const asked: string[] = [];
    intake.status = (token) => {
      asked.push(token);
      return Promise.resolve(null);
    };

    await fetch(`${base}/status/${'x'.repeat(44)}`);

    expect(asked).toEqual([]);
  });

  it('escapes a hostile organisation name on the status page', async () => {
    const { base, intake } = await serve();
    intake.organisations.set('evil', { login: 'evil', name: '<script>alert(1)</script>', languages: ['en'], creditDefault: 'anonymous' });
    intake.statuses.set(tokenFor(12), statusView({ org: 'evil' }));

    const page = await (await fetch(`${base}/status/${tokenFor(12)}`)).text();

    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).not.toContain('<script');
  });
});
