import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { OrgPgp } from '../../src/ports/org-pgp.js';
import { testOrgPgp } from '../helpers/pgp-keys.js';
import { PNG_BYTES } from '../web/helpers/reports.js';
import { serve } from '../web/helpers/serve.js';

const CHROMIUM = '/usr/bin/chromium';
const HAS_CHROMIUM = existsSync(CHROMIUM);
/** Every browser step is bounded, so a hung page fails the test instead of the run. */
const STEP_MS = 15_000;
const TEST_MS = 30_000;

const TITLE = 'Stored XSS in the order notes field';
const DESCRIPTION = 'The notes field of /orders is rendered without escaping, so a script in it runs for staff.';
const EMAIL = 'ada.lovelace@example.org';
/** Text nobody else sends: if it shows up in a request body, the attachment left in clear. */
const EVIDENCE = 'evidence-7f3a9c: <script>alert(document.domain)</script> stored at 2026-03-03T09:00Z';

/** A request as it left the browser: method, URL and body bytes. */
interface Sent {
  method: string;
  url: string;
  body: Buffer;
}

describe.skipIf(!HAS_CHROMIUM)(
  HAS_CHROMIUM ? 'the report form in Chromium' : `the report form in Chromium (skipped: no Chromium at ${CHROMIUM}; scripts/ensure-system-deps.sh installs it as root)`,
  () => {
    let browser: Browser;
    let pgp: OrgPgp;
    const contexts: BrowserContext[] = [];

    beforeAll(async () => {
      ({ pgp } = await testOrgPgp());
      browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, timeout: TEST_MS });
    }, TEST_MS);

    afterEach(async () => {
      await Promise.all(contexts.splice(0).map((context) => context.close()));
    });

    afterAll(async () => {
      await browser?.close();
    });

    /** A fresh page that records every request body and every script error or CSP report. */
    async function openPage(javaScriptEnabled: boolean): Promise<{ page: Page; sent: Sent[]; problems: string[] }> {
      const context = await browser.newContext({ javaScriptEnabled });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(STEP_MS);
      const sent: Sent[] = [];
      const problems: string[] = [];
      page.on('request', (request) => sent.push({ method: request.method(), url: request.url(), body: request.postDataBuffer() ?? Buffer.alloc(0) }));
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('console', (message) => {
        // Chromium asks for /favicon.ico on its own; we serve none.
        if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) problems.push(`console: ${message.text()}`);
      });
      return { page, sent, problems };
    }

    async function fillForm(page: Page): Promise<void> {
      await page.fill('#title', TITLE);
      await page.fill('#description', DESCRIPTION);
      await page.fill('#affected', 'https://shop.example.org/orders');
      await page.fill('#contact_email', EMAIL);
      await page.check('#credit-pseudonym');
      await page.setInputFiles('#attachments', [
        { name: 'evidence.txt', mimeType: 'text/plain', buffer: Buffer.from(EVIDENCE) },
        { name: 'shot.png', mimeType: 'image/png', buffer: PNG_BYTES },
      ]);
    }

    function clearTextIn(sent: Sent[]): string[] {
      const secrets = [TITLE, DESCRIPTION, EMAIL, EVIDENCE, Buffer.from(EVIDENCE).toString('base64'), encodeURIComponent(TITLE).replace(/%20/g, '+')];
      return sent.flatMap((request) =>
        secrets.filter((secret) => request.body.includes(secret) || request.url.includes(secret)).map((secret) => `${request.method} ${request.url}: ${secret.slice(0, 20)}`),
      );
    }

    it(
      'encrypts the whole report, attachments included, before it leaves the browser',
      async () => {
        const { base, intake } = await serve({ pgp });
        const { page, sent, problems } = await openPage(true);

        await page.goto(`${base}/orgs/acme/report`);
        await page.locator('#pgp-note').waitFor({ state: 'visible' });
        await fillForm(page);
        await page.click('button[type="submit"]');
        await page.getByRole('heading', { name: 'Report received' }).waitFor();

        const posts = sent.filter((request) => request.method === 'POST');
        expect(problems).toEqual([]);
        expect(posts).toHaveLength(1);
        expect(posts[0]?.url).toBe(`${base}/orgs/acme/report?lang=en`);
        // The capture holds the whole body (Chromium reports bodies without file parts): it decrypts to the report.
        const captured = /name="pgp_message"\r\n\r\n(-----BEGIN PGP MESSAGE-----[^]*?-----END PGP MESSAGE-----)/.exec(posts[0]?.body.toString('latin1') ?? '');
        expect(captured?.[1]).toBeDefined();
        expect(JSON.parse((await pgp.decryptText(captured?.[1] ?? '')).text)).toMatchObject({ title: TITLE, attachments: [{ filename: 'evidence.txt' }, { filename: 'shot.png' }] });
        expect(sent.map((request) => new URL(request.url).pathname)).toEqual(
          expect.arrayContaining(['/assets/encrypt-form.js', '/assets/openpgp.mjs', '/orgs/acme/pgp-key.asc']),
        );
        expect(sent.every((request) => request.url.startsWith(base))).toBe(true);
        expect(clearTextIn(sent)).toEqual([]);
        expect(intake.accepted).toHaveLength(1);
        expect(intake.accepted[0]?.channel).toBe('form');
        expect(intake.accepted[0]?.input).toMatchObject({
          title: TITLE,
          description: DESCRIPTION,
          affected: 'https://shop.example.org/orders',
          contact: { email: EMAIL },
          credit: 'pseudonym',
          language: 'en',
          attachments: [
            { filename: 'evidence.txt', contentType: 'text/plain', dataBase64: Buffer.from(EVIDENCE).toString('base64') },
            { filename: 'shot.png', contentType: 'image/png', dataBase64: PNG_BYTES.toString('base64') },
          ],
        });
      },
      TEST_MS,
    );

    it(
      'sends nothing when it cannot encrypt, and sends the plain form only when the reporter chooses to',
      async () => {
        const { base, intake } = await serve({ pgp });
        const { page, sent } = await openPage(true);
        await page.route('**/pgp-key.asc', (route) => route.abort());

        await page.goto(`${base}/orgs/acme/report`);
        await page.locator('#pgp-note').waitFor({ state: 'visible' });
        await fillForm(page);
        await page.click('button[type="submit"]');
        await page.locator('#pgp-failed').waitFor({ state: 'visible' });

        expect(sent.filter((request) => request.method === 'POST')).toEqual([]);
        expect(await page.inputValue('#title')).toBe(TITLE);
        expect(await page.locator('#pgp-too-large').isVisible()).toBe(false);

        await page.click('#pgp-send-plain');
        await page.getByRole('heading', { name: 'Report received' }).waitFor();

        expect(intake.accepted).toHaveLength(1);
        expect(intake.accepted[0]?.input.title).toBe(TITLE);
        expect(intake.accepted[0]?.input.attachments.map((attachment) => attachment.filename)).toEqual(['evidence.txt', 'shot.png']);
      },
      TEST_MS,
    );

    it(
      'says so and sends nothing when the encrypted report is larger than a form post may carry',
      async () => {
        const { base, intake } = await serve({ pgp, limits: { maxUrlencodedBodyBytes: 512 } });
        const { page, sent } = await openPage(true);

        await page.goto(`${base}/orgs/acme/report`);
        await page.locator('#pgp-note').waitFor({ state: 'visible' });
        await fillForm(page);
        await page.click('button[type="submit"]');
        await page.locator('#pgp-too-large').waitFor({ state: 'visible' });

        expect(await page.locator('#pgp-too-large').textContent()).toContain('larger than 512 bytes');
        expect(await page.locator('#pgp-failed').isVisible()).toBe(false);
        expect(await page.locator('button[type="submit"]').isEnabled()).toBe(true);
        expect(sent.filter((request) => request.method === 'POST')).toEqual([]);
        expect(intake.accepted).toHaveLength(0);
      },
      TEST_MS,
    );

    it(
      'posts the plain form when JavaScript is off, and promises no encryption',
      async () => {
        const { base, intake } = await serve({ pgp });
        const { page, sent } = await openPage(false);

        await page.goto(`${base}/orgs/acme/report`);
        await fillForm(page);
        const noteVisible = await page.locator('#pgp-note').isVisible();
        await page.click('button[type="submit"]');
        await page.getByRole('heading', { name: 'Report received' }).waitFor();

        expect(noteVisible).toBe(false);
        expect(sent.map((request) => new URL(request.url).pathname)).not.toContain('/assets/openpgp.mjs');
        expect(intake.accepted).toHaveLength(1);
        expect(intake.accepted[0]?.input).toMatchObject({
          title: TITLE,
          description: DESCRIPTION,
          contact: { email: EMAIL },
          attachments: [
            { filename: 'evidence.txt', contentType: 'text/plain', dataBase64: Buffer.from(EVIDENCE).toString('base64') },
            { filename: 'shot.png', contentType: 'image/png', dataBase64: PNG_BYTES.toString('base64') },
          ],
        });
      },
      TEST_MS,
    );
  },
);
