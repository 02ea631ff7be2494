import { describe, expect, it } from 'vitest';
import { UNHANDLED, serve } from './helpers/serve.js';

const CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

describe('GET /orgs/{org}/report', () => {
  it('serves the form in English with every contract field labelled', async () => {
    const { base } = await serve();

    const response = await fetch(`${base}/orgs/acme/report`);
    const page = await response.text();

    expect(response.status).toBe(200);
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('Report a vulnerability to Acme Corp');
    expect(page).toContain('enctype="multipart/form-data"');
    for (const field of ['title', 'description', 'steps', 'affected', 'impact', 'cvss', 'contact_name', 'contact_email', 'contact_phone', 'contact_github']) {
      expect(page).toContain(`<label for="${field}">`);
      expect(page).toMatch(new RegExp(`id="${field}" name="${field}"`));
    }
    expect(page).toContain('<input id="attachments" name="attachments" type="file" multiple');
    for (const credit of ['name', 'pseudonym', 'anonymous']) expect(page).toContain(`<input id="credit-${credit}" name="credit" type="radio" value="${credit}"`);
    expect(page).toContain('<input type="hidden" name="lang" value="en">');
  });

  it.each([
    ['anonymous', 'credit-anonymous'],
    ['name', 'credit-name'],
  ] as const)('preselects the organisation’s credit default (%s) until the reporter chooses', async (creditDefault, checked) => {
    const { base, intake } = await serve();
    intake.organisations.set('acme', { login: 'acme', name: 'Acme Corp', languages: ['en'], creditDefault });

    const page = await (await fetch(`${base}/orgs/acme/report`)).text();

    expect(page).toMatch(new RegExp(`<input id="${checked}" name="credit" type="radio" value="[a-z]+" checked`));
    expect(page.match(/name="credit" type="radio" value="[a-z]+" checked/g)).toHaveLength(1);
  });

  it('shows the help the seed policies ask for: steps, IP addresses, logs, screenshots, no sharing', async () => {
    const { base } = await serve();

    const page = await (await fetch(`${base}/orgs/acme/report`)).text();

    expect(page).toContain('the IP addresses you used');
    expect(page).toContain('Logs, screenshots');
    expect(page).toContain('Do not share information about the vulnerability with third parties');
  });

  it('serves Dutch when ?lang=nl asks for it', async () => {
    const { base } = await serve();

    const page = await (await fetch(`${base}/orgs/acme/report?lang=nl`)).text();

    expect(page).toContain('<html lang="nl">');
    expect(page).toContain('Kwetsbaarheid melden bij Acme Corp');
    expect(page).toContain('<label for="contact_email">E-mailadres');
    expect(page).toContain('action="/orgs/acme/report?lang=nl"');
  });

  it('serves Dutch when the browser prefers it by q-value', async () => {
    const { base } = await serve();

    const page = await (await fetch(`${base}/orgs/acme/report`, { headers: { 'Accept-Language': 'de;q=1, en;q=0.3, nl-BE;q=0.8' } })).text();

    expect(page).toContain('<html lang="nl">');
  });

  it('lets ?lang win over Accept-Language', async () => {
    const { base } = await serve();

    const page = await (await fetch(`${base}/orgs/acme/report?lang=en`, { headers: { 'Accept-Language': 'nl' } })).text();

    expect(page).toContain('<html lang="en">');
  });

  it("falls back to the organisation's first language", async () => {
    const { base } = await serve();

    const page = await (await fetch(`${base}/orgs/gemeente/report`, { headers: { 'Accept-Language': 'fr, de' } })).text();

    expect(page).toContain('<html lang="nl">');
  });

  it('links to the same page in the other language', async () => {
    const { base } = await serve();

    const page = await (await fetch(`${base}/orgs/acme/report`)).text();

    expect(page).toContain('<a href="/orgs/acme/report?lang=nl" hreflang="nl" lang="nl">Nederlands</a>');
  });

  it('sends the security headers and no inline script or style', async () => {
    const { base } = await serve();

    const response = await fetch(`${base}/orgs/acme/report`);
    const page = await response.text();

    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CSP);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('referrer-policy')).toBe('same-origin');
    expect(page).not.toMatch(/<script|<style|\sstyle=|\son[a-z]+=/i);
  });

  it('answers 404 with an HTML page for an organisation the app is not installed on', async () => {
    const { base } = await serve();

    const response = await fetch(`${base}/orgs/unknown-org/report`);
    const page = await response.text();

    expect(response.status).toBe(404);
    expect(response.headers.get('content-security-policy')).toBe(CSP);
    expect(page).toContain('Page not found');
  });

  it('answers 404 without a lookup for a segment that cannot be a GitHub login', async () => {
    const { base, intake } = await serve();
    const lookups: string[] = [];
    const original = intake.organisation.bind(intake);
    intake.organisation = (org) => {
      lookups.push(org);
      return original(org);
    };

    const response = await fetch(`${base}/orgs/-bad_login/report`);

    expect(response.status).toBe(404);
    expect(lookups).toEqual([]);
  });

  it('serves the default organisation at /report when DEFAULT_ORG is set', async () => {
    const { base } = await serve({ defaultOrg: 'acme' });

    const response = await fetch(`${base}/report`);
    const page = await response.text();

    expect(response.status).toBe(200);
    expect(page).toContain('Report a vulnerability to Acme Corp');
    expect(page).toContain('action="/report?lang=en"');
  });

  it('leaves /report to Probot when no default organisation is set', async () => {
    const { base } = await serve();

    const response = await fetch(`${base}/report`);

    expect(await response.text()).toBe(UNHANDLED);
  });

  it.each(['/', '/api/github/webhooks', '/orgs/acme/report/', '/orgs/acme', '/status', '/status/a/b', '/probot', '/assets/other.css'])(
    'returns false for %s so Probot keeps its own routes',
    async (path) => {
      const { base } = await serve();

      const response = await fetch(`${base}${path}`);

      expect(await response.text()).toBe(UNHANDLED);
    },
  );

  it('answers 405 for a method the form does not take', async () => {
    const { base } = await serve();

    const response = await fetch(`${base}/orgs/acme/report`, { method: 'DELETE' });

    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD, POST');
  });

  it('serves one stylesheet with no external fonts or CDNs', async () => {
    const { base } = await serve();

    const response = await fetch(`${base}/assets/style.css`);
    const css = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(css).toContain('@media print');
    expect(css).toContain('@media (max-width');
    expect(css).not.toMatch(/@import|url\(|https?:/);
  });

  it('has a favicon, linked from every page and served where browsers look for it', async () => {
    const { base } = await serve();

    const page = await (await fetch(`${base}/orgs/acme/report`)).text();
    const icon = await fetch(`${base}/assets/favicon.svg`);
    const legacy = await fetch(`${base}/favicon.ico`);
    const svg = await icon.text();

    expect(page).toContain('<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">');
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toBe('image/svg+xml');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).not.toMatch(/<script|href=|https?:\/\/(?!www\.w3\.org)/);
    expect(legacy.status).toBe(200);
    expect(await legacy.text()).toBe(svg);
    expect((await fetch(`${base}/favicon.ico`, { method: 'POST' })).status).toBe(405);
  });

  it('links to the policy and the hall of fame in the page language', async () => {
    const { base } = await serve();

    const page = await (await fetch(`${base}/orgs/acme/report?lang=nl`)).text();

    expect(page).toContain('href="/orgs/acme/policy?lang=nl"');
    expect(page).toContain('href="/orgs/acme/hall-of-fame?lang=nl"');
    expect(page).toMatch(/href="\/orgs\/acme\/report\?lang=nl" aria-current="page"/);
  });

  it('escapes a hostile organisation name from config', async () => {
    const { base, intake } = await serve();
    intake.organisations.set('evil', { login: 'evil', name: '"><img src=x onerror=alert(1)>', languages: ['en'], creditDefault: 'anonymous' });

    const page = await (await fetch(`${base}/orgs/evil/report`)).text();

    expect(page).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(page).not.toContain('<img');
  });
});
