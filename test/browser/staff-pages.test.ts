import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { staffBrowser } from '../helpers/staff-browser.js';
import { openStaffDesk, ORG, WRITER, type StaffDesk } from '../helpers/staff-desk.js';
import { backends } from '../helpers/stores.js';
import { browserSuiteTitle, HAS_CHROMIUM, launchChromium } from './chromium.js';
import { DESKTOP, horizontalOverflow, MOBILE, seriousAxeViolations } from './page-checks.js';

/*
 * The staff page in Chromium: signed in (the session cookie from the sign-in round trip
 * against the fake GitHub OAuth server), axe-clean at desktop and phone widths, and the
 * contact details revealed by the page's own form, without JavaScript.
 */

const STEP_MS = 10_000;
const TEST_MS = 30_000;

const RESEARCHER = {
  contact: { name: 'Ada Lovelace-Byron', email: 'ada.lovelace.with.a.long.address@example.net', phone: '+31 6 12345678', github: 'ada-l' },
  credit: 'name' as const,
  attachments: [{ filename: 'a-rather-long-trace-file-name-from-the-researcher.log', contentType: 'text/plain' as const, dataBase64: Buffer.from('GET /team 200\n').toString('base64') }],
};

describe.skipIf(!HAS_CHROMIUM)(browserSuiteTitle('the staff page in Chromium'), () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const sqlite = backends.find((backend) => backend.name === 'sqlite');

  beforeAll(async () => {
    browser = await launchChromium(TEST_MS);
  }, TEST_MS);

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });

  afterAll(async () => {
    await browser?.close();
  });

  /** A filed report and a Chromium context that carries the writer's staff session. */
  async function signedIn(desk: StaffDesk, options: BrowserContextOptions): Promise<{ page: Page; path: string }> {
    const { id } = await desk.file(RESEARCHER);
    const jar = staffBrowser(desk.base);
    await jar.signIn(desk.oauth, WRITER, desk.pagePath(id));
    const context = await browser.newContext(options);
    contexts.push(context);
    // The desk marks the cookie Secure (its PUBLIC_URL is https); the test server is plain
    // http on loopback, so the cookie is handed to Chromium as a plain one.
    await context.addCookies([...jar.cookies].map(([name, value]) => ({ name, value, url: desk.base })));
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_MS);
    page.setDefaultNavigationTimeout(STEP_MS);
    return { page, path: desk.pagePath(id) };
  }

  it.each([
    ['desktop', DESKTOP],
    ['phone', MOBILE],
  ] as const)('the report page (%s) has no serious or critical axe violations and no sideways scrolling', async (_width, options) => {
    const desk = await openStaffDesk(await sqlite!.open());
    const { page, path } = await signedIn(desk, options);

    const response = await page.goto(`${desk.base}${path}`);
    const violations = await seriousAxeViolations(page);
    const overflow = await horizontalOverflow(page);

    expect(response?.status()).toBe(200);
    expect(await page.locator('h1').innerText()).toContain('Report');
    expect(violations).toEqual([]);
    expect(overflow.culprits).toEqual([]);
  }, TEST_MS);

  it.each([
    ['desktop', DESKTOP],
    ['phone', MOBILE],
  ] as const)('the organisation settings page of an owner (%s) has no serious or critical axe violations and no sideways scrolling', async (_width, options) => {
    const desk = await openStaffDesk(await sqlite!.open());
    desk.setPermission('olivia', 'admin');
    const issues = await desk.github.issues(7);
    issues.orgRoleOf = (_org, login) => Promise.resolve(login === 'olivia' ? 'admin' : 'member');
    await desk.core.orgSettings.setMailbox(ORG, { host: 'imap.a-rather-long-mail-host-name.acme.example', port: 993, user: 'security-reports-mailbox@acme.example', password: 'never shown', folder: 'INBOX', tls: 'implicit', processedFolder: null });
    const jar = staffBrowser(desk.base);
    await jar.signIn(desk.oauth, 'olivia', `/staff/orgs/${ORG}/settings`);
    const context = await browser.newContext(options);
    contexts.push(context);
    await context.addCookies([...jar.cookies].map(([name, value]) => ({ name, value, url: desk.base })));
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_MS);

    const response = await page.goto(`${desk.base}/staff/orgs/${ORG}/settings`);
    const violations = await seriousAxeViolations(page);
    const overflow = await horizontalOverflow(page);

    expect(response?.status()).toBe(200);
    expect(await page.locator('main').innerText()).toContain('security-reports-mailbox@acme.example');
    expect(violations).toEqual([]);
    expect(overflow.culprits).toEqual([]);
  }, TEST_MS);

  it('reveals the contact details with its form (no script), and the revealed page is axe-clean on a phone', async () => {
    const desk = await openStaffDesk(await sqlite!.open());
    const { page, path } = await signedIn(desk, MOBILE);
    await page.goto(`${desk.base}${path}`);

    await page.getByRole('button', { name: 'Reveal contact details' }).click();
    await page.waitForLoadState('load');
    const text = await page.locator('main').innerText();
    const violations = await seriousAxeViolations(page);
    const overflow = await horizontalOverflow(page);

    expect(text).toContain('ada.lovelace.with.a.long.address@example.net');
    expect(text).toContain('+31 6 12345678');
    expect(violations).toEqual([]);
    expect(overflow.culprits).toEqual([]);
  }, TEST_MS);
});
