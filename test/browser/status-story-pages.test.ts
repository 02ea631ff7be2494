import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { StatusView } from '../../src/flows/intake/intake-ports.js';
import { statusView, tokenFor } from '../web/helpers/fake-intake.js';
import { serve, type TestServer } from '../web/helpers/serve.js';
import { browserSuiteTitle, HAS_CHROMIUM, launchChromium } from './chromium.js';
import { DESKTOP, horizontalOverflow, MOBILE, printedContent, saveScreenshot, seriousAxeViolations } from './page-checks.js';

/*
 * The status page's story and the erase confirmation in Chromium, checked like every public
 * page (pages.test.ts): axe, a 390 px screen, print; and the erasure done by hand, without
 * JavaScript. A file of its own, with its own time budget.
 */

const STEP_MS = 10_000;
const TEST_MS = 30_000;
const FILE_MS = 60_000;

const GHSA = 'GHSA-4m6q-2x7v-9cfh';

/** A report that went all the way: fixed, published with an advisory and a CVE id, and closed. */
function publishedStatus(): StatusView {
  return statusView({
    state: 'filed',
    triage: { stage: 'published', paused: false, fixBy: '2026-04-01' },
    story: {
      acknowledgedAt: new Date('2026-03-03T08:05:00Z'),
      triageStartedAt: new Date('2026-03-04T09:00:00Z'),
      questions: [{ at: new Date('2026-03-04T09:00:00Z'), answeredAt: new Date('2026-03-05T12:00:00Z') }],
      acceptedAt: new Date('2026-03-05T14:00:00Z'),
      fixPlanned: { date: '2026-04-01', at: new Date('2026-03-05T14:00:00Z') },
      fixedAt: new Date('2026-03-20T15:00:00Z'),
      published: { at: new Date('2026-03-24T12:00:00Z'), ghsaId: GHSA, advisoryUrl: `https://github.com/acme/widget/security/advisories/${GHSA}`, cveId: 'CVE-2026-12345' },
      advisoryPending: false,
      closed: { at: new Date('2026-03-24T12:00:00Z'), reason: 'published' },
    },
    deadlines: [
      { kind: 'receipt', due: new Date('2026-03-04T22:59:59.999Z'), span: { days: 1, unit: 'business' }, metAt: new Date('2026-03-03T08:05:00Z'), outcome: 'met' },
      { kind: 'assessment', due: new Date('2026-03-10T22:59:59.999Z'), span: { days: 5, unit: 'business' }, metAt: new Date('2026-03-05T14:00:00Z'), outcome: 'met' },
      { kind: 'resolution', due: new Date('2026-04-02T21:59:59.999Z'), span: { days: 30, unit: 'calendar' }, metAt: new Date('2026-03-20T15:00:00Z'), outcome: 'met' },
    ],
    messages: [{ from: 'team', body: 'The security advisory has been published.', at: new Date('2026-03-24T12:00:00Z') }],
  });
}

/** Closed as out of scope, in Dutch, with a deadline missed along the way. */
function closedStatus(): StatusView {
  return statusView({
    language: 'nl',
    state: 'filed',
    triage: { stage: 'closed', paused: false, fixBy: null },
    story: {
      acknowledgedAt: new Date('2026-03-05T10:00:00Z'),
      triageStartedAt: new Date('2026-03-05T10:00:00Z'),
      questions: [],
      acceptedAt: null,
      fixPlanned: null,
      fixedAt: null,
      published: null,
      advisoryPending: false,
      closed: { at: new Date('2026-03-05T10:00:00Z'), reason: 'out-of-scope' },
    },
    deadlines: [
      { kind: 'receipt', due: new Date('2026-03-04T22:59:59.999Z'), span: { days: 1, unit: 'business' }, metAt: new Date('2026-03-05T10:00:00Z'), outcome: 'missed' },
      { kind: 'assessment', due: new Date('2026-03-10T22:59:59.999Z'), span: { days: 5, unit: 'business' }, metAt: new Date('2026-03-05T10:00:00Z'), outcome: 'met' },
    ],
  });
}

interface StatusPageUnderTest {
  name: string;
  heading: string;
  language: 'en' | 'nl';
  open(page: Page, server: TestServer): Promise<void>;
}

async function goto(page: Page, url: string): Promise<void> {
  const response = await page.goto(url);
  if (response?.status() !== 200) throw new Error(`GET ${url}: expected 200, got ${response?.status() ?? 'no response'}`);
}

const PAGES: StatusPageUnderTest[] = [
  {
    name: 'status-published',
    heading: 'Status of your report',
    language: 'en',
    async open(page, { base, intake }) {
      intake.statuses.set(tokenFor(60), publishedStatus());
      await goto(page, `${base}/status/${tokenFor(60)}?lang=en`);
    },
  },
  {
    name: 'status-closed-nl',
    heading: 'Status van uw melding',
    language: 'nl',
    async open(page, { base, intake }) {
      intake.statuses.set(tokenFor(61), closedStatus());
      await goto(page, `${base}/status/${tokenFor(61)}`);
    },
  },
  {
    name: 'erase-confirmation',
    heading: 'Delete your contact details?',
    language: 'en',
    async open(page, { base, intake }) {
      intake.statuses.set(tokenFor(62), statusView({ state: 'filed', contact: { held: ['name', 'email', 'phone', 'github', 'pgpKey'], namedCredit: true } }));
      await goto(page, `${base}/status/${tokenFor(62)}/erase?lang=en`);
    },
  },
  {
    name: 'status-erased',
    heading: 'Status of your report',
    language: 'en',
    async open(page, { base, intake }) {
      intake.statuses.set(tokenFor(63), statusView({ state: 'filed', contact: { held: [], namedCredit: false }, contactRemoved: { at: new Date('2026-03-06T10:00:00Z'), by: 'erased' } }));
      await goto(page, `${base}/status/${tokenFor(63)}?lang=en`);
    },
  },
];

describe.skipIf(!HAS_CHROMIUM)(browserSuiteTitle('the status story and the erase confirmation in Chromium'), () => {
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

  /** A fresh page in its own context, collecting script errors and failed loads (but Chromium's favicon request and the document itself). */
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

  it(
    'erases by hand without JavaScript: the link, the confirmation, the notice at the top on every later visit',
    async () => {
      const { base, intake } = await serve();
      intake.statuses.set(tokenFor(64), statusView({ state: 'filed', contact: { held: ['email'], namedCredit: false } }));
      const { page, problems } = await openPage({ ...DESKTOP, javaScriptEnabled: false });

      await page.goto(`${base}/status/${tokenFor(64)}?lang=en`);
      await page.getByRole('link', { name: 'Delete my contact details' }).click();
      await page.getByRole('heading', { level: 1, name: 'Delete your contact details?' }).waitFor();
      const erasedBeforeConfirming = intake.erased.size;
      await page.getByRole('button', { name: 'Yes, delete my contact details' }).click();
      await page.waitForURL(/[?&]erased=1/);
      const announced = await page.getByRole('status').innerText();
      await page.goto(`${base}/status/${tokenFor(64)}?lang=en`);
      const later = await page.locator('main .contact-removed').innerText();

      expect(problems).toEqual([]);
      expect(erasedBeforeConfirming).toBe(0);
      expect([...intake.erased]).toEqual([tokenFor(64)]);
      expect(announced).toContain('Your contact details were deleted on 6 March 2026, at your request.');
      expect(later).toContain('Your contact details were deleted on 6 March 2026, at your request.');
      expect(await page.getByRole('link', { name: 'Delete my contact details' }).count()).toBe(0);
    },
    TEST_MS,
  );

  it(
    'marks the current step of the story for assistive technology, and links the advisory and the CVE record',
    async () => {
      const server = await serve();
      const { page } = await openPage(DESKTOP);

      await PAGES[0]?.open(page, server);

      expect(await page.locator('[aria-current="step"]').count()).toBe(1);
      expect(await page.locator('[aria-current="step"]').innerText()).toContain('Closed: fixed and published');
      expect(await page.getByRole('link', { name: GHSA }).getAttribute('href')).toBe(`https://github.com/acme/widget/security/advisories/${GHSA}`);
      expect(await page.getByRole('link', { name: 'CVE-2026-12345' }).getAttribute('href')).toBe('https://www.cve.org/CVERecord?id=CVE-2026-12345');
    },
    TEST_MS,
  );

  it.each(PAGES)(
    'the $name page has no serious or critical axe violations, fits a 390 px screen without sideways scrolling and prints its heading',
    async (pageUnderTest) => {
      const server = await serve();
      const desktop = await openPage(DESKTOP);
      const mobile = await openPage(MOBILE);

      await pageUnderTest.open(desktop.page, server);
      const desktopHeading = (await desktop.page.locator('h1').innerText()).trim();
      const desktopLang = await desktop.page.locator('html').getAttribute('lang');
      const violations = await seriousAxeViolations(desktop.page);
      await saveScreenshot(desktop.page, `${pageUnderTest.name}-desktop`);
      const printed = await printedContent(desktop.page, `${pageUnderTest.name}-print`);
      await pageUnderTest.open(mobile.page, server);
      const mobileHeading = (await mobile.page.locator('h1').innerText()).trim();
      const overflow = await horizontalOverflow(mobile.page);
      await saveScreenshot(mobile.page, `${pageUnderTest.name}-mobile`);

      expect(desktopHeading).toBe(pageUnderTest.heading);
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
});
