import { describe, expect, it } from 'vitest';
import { serve } from './helpers/serve.js';
import { statusView, tokenFor } from './helpers/fake-intake.js';

describe('the privacy section of the status page', () => {
  it('links the download and the erase confirmation page under the page’s own token, with the retention period', async () => {
    const { base, intake } = await serve();
    intake.statuses.set(tokenFor(1), statusView({ retentionDays: 30 }));

    const page = await (await fetch(`${base}/status/${tokenFor(1)}`)).text();

    expect(page).toContain('<h2 id="privacy-heading">Your data</h2>');
    expect(page).toContain('delete them 30 days after it is closed.');
    expect(page).toContain(`<a href="/status/${tokenFor(1)}/data.json" download>Download everything we hold about you (JSON)</a>`);
    expect(page).toContain(`<a href="/status/${tokenFor(1)}/erase?lang=en">Delete my contact details</a>`);
    expect(page).toContain(`<a href="/status/${tokenFor(1)}/receipt.asc" download>Download your receipt:`);
    // The status page itself never erases: the link leads to the confirmation page.
    expect(page).not.toContain(`action="/status/${tokenFor(1)}/erase`);
    expect(page).not.toContain('Your contact details were deleted');
  });

  it('shows the erased notice after ?erased=1', async () => {
    const { base, intake } = await serve();
    intake.statuses.set(tokenFor(2), statusView());

    const page = await (await fetch(`${base}/status/${tokenFor(2)}?erased=1`)).text();

    expect(page).toContain('<p class="notice" role="status">Your contact details were deleted.</p>');
  });
});

describe('GET /status/{token}/data.json', () => {
  it('downloads what the intake holds about the researcher as a JSON attachment that is never cached', async () => {
    const { base, intake } = await serve();
    intake.statuses.set(tokenFor(3), statusView({ id: 'DD-ABCDEFGHJKMN' }));

    const response = await fetch(`${base}/status/${tokenFor(3)}/data.json`);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="DD-ABCDEFGHJKMN-data.json"');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.json()).toEqual({ report: { id: 'DD-ABCDEFGHJKMN' }, contact: { email: 'ada@example.org' } });
  });

  it('keeps anything but letters, digits and hyphens out of the file name', async () => {
    const { base, intake } = await serve();
    intake.statuses.set(tokenFor(4), statusView());
    intake.exportData = () => Promise.resolve({ report: { id: 'DD-1"; x=../evil\r\n' } });

    const response = await fetch(`${base}/status/${tokenFor(4)}/data.json`);

    expect(response.headers.get('content-disposition')).toBe('attachment; filename="DD-1xevil-data.json"');
  });

  it('answers HEAD like GET, without a body', async () => {
    const { base, intake } = await serve();
    intake.statuses.set(tokenFor(5), statusView());

    const response = await fetch(`${base}/status/${tokenFor(5)}/data.json`, { method: 'HEAD' });

    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain('attachment');
    expect(await response.text()).toBe('');
  });

  it('gives unknown and malformed tokens the plain 404 of the status page, without asking the intake about a malformed one', async () => {
    const { base, intake } = await serve();
    const asked: string[] = [];
    const exportData = intake.exportData.bind(intake);
    intake.exportData = (token) => {
      asked.push(token);
      return exportData(token);
    };

    const unknown = await fetch(`${base}/status/${tokenFor(99)}/data.json`);
    const malformed = await fetch(`${base}/status/short/data.json`);

    expect(unknown.status).toBe(404);
    expect(malformed.status).toBe(404);
    expect(await unknown.text()).toBe('Not found\n');
    expect(await malformed.text()).toBe('Not found\n');
    expect(unknown.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(asked).toEqual([tokenFor(99)]);
  });

  it('answers a POST with 405', async () => {
    const { base, intake } = await serve();
    intake.statuses.set(tokenFor(6), statusView());

    const response = await fetch(`${base}/status/${tokenFor(6)}/data.json`, { method: 'POST' });

    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });
});

/** The confirmation value of an erase confirmation page's form. */
function confirmationIn(page: string): string {
  const value = /<input type="hidden" name="confirmation" value="([^"]+)">/.exec(page)?.[1];
  if (value === undefined) throw new Error('no confirmation in the page');
  return value;
}

/** Opens the confirmation page of `token` and posts its form, as a browser does. */
async function confirmErase(base: string, token: string, lang = 'en', init: RequestInit = {}): Promise<Response> {
  const confirmation = confirmationIn(await (await fetch(`${base}/status/${token}/erase?lang=${lang}`)).text());
  return fetch(`${base}/status/${token}/erase?lang=${lang}`, { method: 'POST', body: new URLSearchParams({ confirmation }), redirect: 'manual', ...init });
}

describe('POST /status/{token}/erase', () => {
  it('erases the contact details once confirmed and redirects to the status page with the notice', async () => {
    const { base, intake } = await serve();
    intake.statuses.set(tokenFor(7), statusView());

    const response = await confirmErase(base, tokenFor(7), 'nl');

    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/status/${tokenFor(7)}?lang=nl&erased=1`);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect([...intake.erased]).toEqual([tokenFor(7)]);
  });

  it('lands on a page that says so, and a download that no longer holds the contact', async () => {
    const { base, intake } = await serve();
    intake.statuses.set(tokenFor(8), statusView());

    const response = await confirmErase(base, tokenFor(8), 'en', { redirect: 'follow' });
    const page = await response.text();
    const data = (await (await fetch(`${base}/status/${tokenFor(8)}/data.json`)).json()) as { contact: unknown };

    expect(response.status).toBe(200);
    expect(response.url).toBe(`${base}/status/${tokenFor(8)}?lang=en&erased=1`);
    expect(page).toContain('<div class="notice contact-removed" role="status">\n<p><strong>Your contact details were deleted on 6 March 2026, at your request.</strong></p>');
    expect(data.contact).toBeNull();
  });

  it('gives unknown and malformed tokens the plain 404, erasing nothing', async () => {
    const { base, intake } = await serve();

    const unknown = await fetch(`${base}/status/${tokenFor(99)}/erase`, { method: 'POST', redirect: 'manual' });
    const malformed = await fetch(`${base}/status/short/erase`, { method: 'POST', redirect: 'manual' });

    expect(unknown.status).toBe(404);
    expect(malformed.status).toBe(404);
    expect(await unknown.text()).toBe('Not found\n');
    expect(await malformed.text()).toBe('Not found\n');
    expect(intake.erased.size).toBe(0);
  });

  it.each(['GET', 'HEAD'])('answers %s with the confirmation page and erases nothing: a link or a prefetch must never erase', async (method) => {
    const { base, intake } = await serve();
    intake.statuses.set(tokenFor(9), statusView());

    const response = await fetch(`${base}/status/${tokenFor(9)}/erase`, { method, redirect: 'manual' });

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(intake.erased.size).toBe(0);
  });

  it('answers PUT with 405 and erases nothing', async () => {
    const { base, intake } = await serve();
    intake.statuses.set(tokenFor(9), statusView());

    const response = await fetch(`${base}/status/${tokenFor(9)}/erase`, { method: 'PUT', redirect: 'manual' });

    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD, POST');
    expect(intake.erased.size).toBe(0);
  });

  it('is rate limited like the other posts', async () => {
    const { base, intake } = await serve({ limits: { rateLimit: { count: 1, windowSeconds: 600 } } });
    intake.statuses.set(tokenFor(10), statusView());
    intake.statuses.set(tokenFor(11), statusView());

    const first = await confirmErase(base, tokenFor(10));
    const second = await confirmErase(base, tokenFor(11));

    expect(first.status).toBe(303);
    expect(second.status).toBe(429);
    expect([...intake.erased]).toEqual([tokenFor(10)]);
  });
});
