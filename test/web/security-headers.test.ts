import { describe, expect, it } from 'vitest';
import { testOrgPgp } from '../helpers/pgp-keys.js';
import { createFakeIntake, statusView, tokenFor } from './helpers/fake-intake.js';
import { formFields, postForm } from './helpers/reports.js';
import { serve } from './helpers/serve.js';

const CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
/** Only the form with in-browser encryption runs script: files from this origin, and fetches of the key. */
const SCRIPTED_CSP = "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** Every kind of HTML page the app serves, each produced the way a reporter would meet it. */
const PAGES: [string, (base: string) => Promise<Response>][] = [
  ['the form', (base) => fetch(`${base}/orgs/acme/report`)],
  ['the form sent back with errors', (base) => postForm(base, '/orgs/acme/report', formFields({ title: 'abc' }))],
  ['the confirmation', (base) => postForm(base, '/orgs/acme/report', formFields())],
  ['the status page', (base) => fetch(`${base}/status/${tokenFor(1)}`)],
  ['the unknown-organisation page', (base) => fetch(`${base}/orgs/nobody/report`)],
  ['the too-large page', (base) => postForm(base, '/orgs/acme/report', formFields({ description: 'x'.repeat(3000) }))],
  ['the unreadable-form page', (base) => fetch(`${base}/orgs/acme/report`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'x' })],
];

describe('security headers', () => {
  it.each(PAGES)('are on %s, which has no inline script or style', async (_name, request) => {
    const intake = createFakeIntake();
    intake.statuses.set(tokenFor(1), statusView());
    const { base } = await serve({ intake, limits: { maxUrlencodedBodyBytes: 2048 } });

    const response = await request(base);
    const page = await response.text();

    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CSP);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('referrer-policy')).toMatch(/^(no-referrer|same-origin)$/);
    expect(page).toMatch(/^<!doctype html>\n<html lang="(en|nl)">/);
    expect(page).not.toMatch(/<script|<style|\sstyle=|\son[a-z]+=/i);
  });

  it('allow script and fetch from this origin on the form with an OpenPGP key, and no inline script or handler', async () => {
    const { pgp } = await testOrgPgp();
    const { base } = await serve({ pgp });

    for (const response of [await fetch(`${base}/orgs/acme/report`), await postForm(base, '/orgs/acme/report', formFields({ title: 'abc' }))]) {
      const page = await response.text();

      expect(response.headers.get('content-security-policy')).toBe(SCRIPTED_CSP);
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(page.match(/<script/gi)).toHaveLength(1);
      expect(page.match(/<script[^>]*>[^<]*<\/script>/g)).toEqual(['<script type="module" src="/assets/encrypt-form.js"></script>']);
      expect(page).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
    }
  });

  it('are on the rate-limited page and the store-down page too', async () => {
    const { base, intake } = await serve({ limits: { rateLimit: { count: 1, windowSeconds: 60 } } });
    intake.acceptError = new Error('down');
    const unavailable = await postForm(base, '/orgs/acme/report', formFields());

    const limited = await postForm(base, '/orgs/acme/report', formFields());

    for (const response of [unavailable, limited]) {
      expect(response.headers.get('content-security-policy')).toBe(CSP);
      expect(response.headers.get('x-frame-options')).toBe('DENY');
    }
    expect([unavailable.status, limited.status]).toEqual([503, 429]);
  });
});
