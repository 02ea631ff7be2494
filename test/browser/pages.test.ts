import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { tokenFor } from '../web/helpers/fake-intake.js';
import { serve } from '../web/helpers/serve.js';
import { browserSuiteTitle, HAS_CHROMIUM, launchChromium } from './chromium.js';
import { DESKTOP, horizontalOverflow, MOBILE, printedContent, saveScreenshot, seriousAxeViolations } from './page-checks.js';
import { fillReport, filedStatus, MISSING_PLANNED, PAGES_UNDER_TEST, REPORT, type PageUnderTest } from './pages-under-test.js';

/** Every browser step is bounded, so a hung page fails its test instead of the run. */
const STEP_MS = 10_000;
const TEST_MS = 30_000;
/** The whole file: after this the browser is closed, so whatever is left fails fast. */
const FILE_MS = 60_000;

describe.skipIf(!HAS_CHROMIUM)(browserSuiteTitle('the public pages in Chromium'), () => {
  let browser: Browser;
  let deadline = 0;
  let fileTimer: NodeJS.Timeout | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    deadline = Date.now() + FILE_MS;
    browser = await launchChromium(TEST_MS);
    fileTimer = setTimeout(() => void browser.close(), deadline - Date.now());
    fileTimer.unref();
  }, TEST_MS);

  beforeEach(() => {
    if (Date.now() > deadline) throw new Error(`the file's ${FILE_MS / 1000} s budget is spent`);
  });

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });

  afterAll(async () => {
    clearTimeout(fileTimer);
    await browser?.close();
  });

  /**
   * A fresh page in its own context. Script errors and failed loads are collected, except
   * Chromium's own favicon request and the document itself (a 400 or 404 page is expected).
   */
  async function openPage(options: BrowserContextOptions = {}): Promise<{ page: Page; problems: string[] }> {
    const context = await browser.newContext(options);
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_MS);
    page.setDefaultNavigationTimeout(STEP_MS);
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      const source = message.location().url;
      if (message.type() === 'error' && !source.endsWith('/favicon.ico') && source !== page.url()) problems.push(`console: ${message.text()}`);
    });
    return { page, problems };
  }

  async function htmlLang(page: Page): Promise<string | null> {
    return page.locator('html').getAttribute('lang');
  }

  async function heading(page: Page): Promise<string> {
    return (await page.locator('h1').innerText()).trim();
  }

  it.each([
    { javaScript: 'off', javaScriptEnabled: false },
    { javaScript: 'on', javaScriptEnabled: true },
  ])(
    'files a plain report with JavaScript $javaScript, confirms it and links to its queued status',
    async ({ javaScriptEnabled }) => {
      const { base, intake } = await serve();
      const { page, problems } = await openPage({ ...DESKTOP, javaScriptEnabled });
      const posts: string[] = [];
      page.on('request', (request) => {
        if (request.method() === 'POST') posts.push(request.postDataBuffer()?.toString('latin1') ?? '');
      });

      await page.goto(`${base}/orgs/acme/report?lang=en`);
      await fillReport(page);
      await page.click('button[type="submit"]');
      await page.getByRole('heading', { level: 1, name: 'Report received' }).waitFor();
      const trackingId = (await page.locator('.tracking-id').innerText()).trim();
      await page.click('.status-link a');
      await page.getByRole('heading', { level: 1, name: 'Status of your report' }).waitFor();

      expect(problems).toEqual([]);
      expect(posts).toHaveLength(1);
      expect(posts[0]).toContain(`name="title"\r\n\r\n${REPORT.title}`);
      expect(posts[0]).not.toContain('pgp_message');
      expect(intake.accepted).toHaveLength(1);
      expect(intake.accepted[0]?.input).toMatchObject({ title: REPORT.title, description: REPORT.description, contact: { email: REPORT.email }, language: 'en' });
      expect(trackingId).toBe('DD-000000000001');
      expect(new URL(page.url()).pathname).toBe(`/status/${tokenFor(1)}`);
      expect(await page.locator('.tracking-id').innerText()).toBe(trackingId);
      expect(await page.locator('.state').innerText()).toBe('In the queue');
    },
    TEST_MS,
  );

  it(
    'posts a reply from the status page of a filed report and says it was sent',
    async () => {
      const { base, intake } = await serve();
      intake.statuses.set(tokenFor(7), filedStatus());
      const { page, problems } = await openPage(DESKTOP);
      const answer = 'The request was POST /orders/42/notes with the payload in the "note" field.';

      await page.goto(`${base}/status/${tokenFor(7)}?lang=en`);
      await page.fill('#reply-message', answer);
      await page.getByRole('button', { name: 'Send' }).click();
      await page.waitForURL(/[?&]sent=1/);

      expect(problems).toEqual([]);
      expect(intake.replies).toEqual([{ token: tokenFor(7), text: answer }]);
      expect(await page.locator('.messages li.from-researcher .message').last().innerText()).toBe(answer);
      expect(await page.inputValue('#reply-message')).toBe('');
      expect(await page.getByRole('status').filter({ hasText: 'Your message was sent to the security team.' }).isVisible()).toBe(true);
    },
    TEST_MS,
  );

  it(
    'keeps Dutch from the language switch through the form, the confirmation and the status page',
    async () => {
      const { base } = await serve();
      const { page } = await openPage({ ...DESKTOP, javaScriptEnabled: false });
      const visited: Array<{ url: string; lang: string | null }> = [];
      const record = async () => visited.push({ url: new URL(page.url()).pathname, lang: await htmlLang(page) });

      await page.goto(`${base}/orgs/acme/report?lang=en`);
      await page.getByRole('link', { name: 'Nederlands' }).click();
      await page.waitForURL(/[?&]lang=nl/);
      await record();
      const followed = await followedLinkLanguages(page);
      await fillReport(page);
      await page.click('button[type="submit"]');
      await page.getByRole('heading', { level: 1, name: 'Melding ontvangen' }).waitFor();
      await record();
      followed.push(...(await followedLinkLanguages(page)));
      await page.click('.status-link a');
      await page.getByRole('heading', { level: 1, name: 'Status van uw melding' }).waitFor();
      await record();
      followed.push(...(await followedLinkLanguages(page)));

      expect(visited).toEqual([
        { url: '/orgs/acme/report', lang: 'nl' },
        { url: '/orgs/acme/report', lang: 'nl' },
        { url: `/status/${tokenFor(1)}`, lang: 'nl' },
      ]);
      expect(followed.map((link) => link.href)).toContain(`/status/${tokenFor(1)}`);
      expect(followed.filter((link) => link.lang !== 'nl')).toEqual([]);
    },
    TEST_MS,
  );

  /**
   * Follows every same-origin link in the page outside the language switch and returns the
   * `<html lang>` of each HTML page it leads to (in a second tab, so the page stays; download
   * links such as the data export are left out).
   */
  async function followedLinkLanguages(page: Page): Promise<Array<{ href: string; lang: string | null }>> {
    const origin = new URL(page.url()).origin;
    const hrefs = await page.locator('a[href]:not([download])').evaluateAll((links) =>
      links.filter((link) => link.closest('.language-switch') === null).map((link) => link.getAttribute('href') ?? ''),
    );
    const urls = hrefs.map((href) => new URL(href, page.url()));
    urls.forEach((url) => (url.hash = ''));
    const targets = [...new Set(urls.map(String))].filter((href) => href.startsWith(`${origin}/`) && href !== page.url());
    const tab = await page.context().newPage();
    tab.setDefaultTimeout(STEP_MS);
    try {
      const languages: Array<{ href: string; lang: string | null }> = [];
      for (const href of targets) {
        const response = await tab.goto(href);
        if (!(response?.headers()['content-type'] ?? '').startsWith('text/html')) continue;
        languages.push({ href: new URL(href).pathname + new URL(href).search, lang: await htmlLang(tab) });
      }
      return languages;
    } finally {
      await tab.close();
    }
  }

  it.each(PAGES_UNDER_TEST)(
    'the $name page has no serious or critical axe violations, fits a 390 px screen without sideways scrolling and prints its heading',
    async (pageUnderTest: PageUnderTest) => {
      const server = await serve();
      const desktop = await openPage(DESKTOP);
      const mobile = await openPage(MOBILE);

      await pageUnderTest.open(desktop.page, server);
      const desktopHeading = await heading(desktop.page);
      const desktopLang = await htmlLang(desktop.page);
      const violations = await seriousAxeViolations(desktop.page);
      await saveScreenshot(desktop.page, `${pageUnderTest.name}-desktop`);
      const printed = await printedContent(desktop.page, `${pageUnderTest.name}-print`);
      await pageUnderTest.open(mobile.page, server);
      const mobileHeading = await heading(mobile.page);
      const overflow = await horizontalOverflow(mobile.page);
      await saveScreenshot(mobile.page, `${pageUnderTest.name}-mobile`);

      if (pageUnderTest.heading === null) expect(desktopHeading).not.toBe('');
      else expect(desktopHeading).toBe(pageUnderTest.heading);
      expect(mobileHeading).toBe(desktopHeading);
      expect(desktopLang).toBe(pageUnderTest.language);
      expect.soft(violations, `axe found serious or critical problems on ${pageUnderTest.name}: ${violations.join('; ')}`).toEqual([]);
      expect.soft(overflow.scrollWidth, `${pageUnderTest.name} scrolls sideways at 390 px; too wide: ${overflow.culprits.join(', ')}`).toBeLessThanOrEqual(390);
      expect.soft(printed, `${pageUnderTest.name} in print media`).toMatchObject({ headingVisible: true });
      expect.soft(printed.mainTextLength, `${pageUnderTest.name} prints its main content`).toBeGreaterThan(desktopHeading.length);
      expect(desktop.problems.concat(mobile.problems)).toEqual([]);
    },
    TEST_MS,
  );

  for (const path of MISSING_PLANNED) {
    it.skip(`the page at ${path} (not checked: src/web/http/match-route.ts does not route it yet)`, () => undefined);
  }
});
