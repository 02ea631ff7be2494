import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { StatusView } from '../../src/flows/intake/intake-ports.js';
import { statusView, tokenFor } from '../web/helpers/fake-intake.js';
import { serve } from '../web/helpers/serve.js';
import { browserSuiteTitle, HAS_CHROMIUM, launchChromium } from './chromium.js';
import { DESKTOP, horizontalOverflow, MOBILE, seriousAxeViolations } from './page-checks.js';

/*
 * The answer to a request to verify the fix (`/verify-fix`) on the status page, in Chromium:
 * axe and a 390 px screen, and the answer given by hand without JavaScript.
 */

const STEP_MS = 10_000;
const TEST_MS = 30_000;

/** A resolved report whose fix staff asked the researcher to verify, with a hostile-looking message. */
function askedStatus(language: 'en' | 'nl'): StatusView {
  return statusView({
    language,
    state: 'filed',
    triage: { stage: 'resolved', paused: false, fixBy: null },
    story: {
      acknowledgedAt: new Date('2026-03-03T08:05:00Z'),
      triageStartedAt: new Date('2026-03-04T09:00:00Z'),
      questions: [],
      acceptedAt: new Date('2026-03-05T14:00:00Z'),
      fixPlanned: null,
      fixedAt: new Date('2026-03-20T15:00:00Z'),
      published: null,
      advisoryPending: false,
      closed: { at: new Date('2026-03-20T15:00:00Z'), reason: 'fixed' },
    },
    fixVerifications: [
      { request: 1, requestedAt: new Date('2026-03-10T09:00:00Z'), answer: { verdict: 'not-fixed', at: new Date('2026-03-11T09:00:00Z') }, open: false },
      { request: 2, requestedAt: new Date('2026-03-21T09:00:00Z'), answer: null, open: true },
    ],
    messages: [{ from: 'team', body: 'We have a fix for the problem you reported and would like you to check it.\n\n<b>v2</b> is live.', at: new Date('2026-03-21T09:00:00Z') }],
  });
}

describe.skipIf(!HAS_CHROMIUM)(browserSuiteTitle('the fix verification form in Chromium'), () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    browser = await launchChromium(TEST_MS);
  }, TEST_MS);

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function openPage(options: BrowserContextOptions = {}): Promise<Page> {
    const context = await browser.newContext(options);
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_MS);
    page.setDefaultNavigationTimeout(STEP_MS);
    return page;
  }

  it.each(['en', 'nl'] as const)(
    'the status page with an open request (%s) has no serious or critical axe violations and fits a 390 px screen',
    async (language) => {
      const { base, intake } = await serve();
      intake.statuses.set(tokenFor(70), askedStatus(language));
      const desktop = await openPage(DESKTOP);
      const mobile = await openPage(MOBILE);

      await desktop.goto(`${base}/status/${tokenFor(70)}`);
      const violations = await seriousAxeViolations(desktop);
      const current = await desktop.locator('[aria-current="step"]').innerText();
      await mobile.goto(`${base}/status/${tokenFor(70)}`);
      const overflow = await horizontalOverflow(mobile);

      expect(violations).toEqual([]);
      expect(current).toContain(language === 'en' ? 'We asked you to check the fix' : 'We hebben u gevraagd de oplossing te controleren');
      expect(overflow.scrollWidth, `too wide: ${overflow.culprits.join(', ')}`).toBeLessThanOrEqual(390);
    },
    TEST_MS,
  );

  it(
    'answers by hand without JavaScript: a choice, a note, the page again',
    async () => {
      const { base, intake } = await serve();
      intake.statuses.set(tokenFor(71), askedStatus('en'));
      const answers: unknown[] = [];
      intake.answerFixVerification = (token, answer) => {
        answers.push({ token, ...answer });
        return Promise.resolve('recorded');
      };
      const page = await openPage({ ...DESKTOP, javaScriptEnabled: false });

      await page.goto(`${base}/status/${tokenFor(71)}?lang=en`);
      await page.getByRole('radio', { name: 'Not fixed: the problem still occurs' }).check();
      await page.getByLabel('Note (optional)').fill('Still there with <script>.');
      await page.getByRole('button', { name: 'Send answer' }).click();
      await page.waitForURL(/[?&]sent=1/);

      expect(answers).toEqual([{ token: tokenFor(71), request: 2, verdict: 'not-fixed', note: 'Still there with <script>.' }]);
    },
    TEST_MS,
  );
});
