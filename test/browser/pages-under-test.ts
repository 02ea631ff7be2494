import type { Page } from 'playwright-core';
import { matchRoute } from '../../src/web/http/match-route.js';
import { statusView, tokenFor } from '../web/helpers/fake-intake.js';
import type { TestServer } from '../web/helpers/serve.js';

/** One page the browser checks cover, and how a reporter gets there. */
export interface PageUnderTest {
  /** Also the screenshot's file name stem. */
  name: string;
  /** The h1 the page must show, so a check never passes on the wrong page; null: any non-empty h1. */
  heading: string | null;
  language: 'en' | 'nl';
  open(page: Page, server: TestServer): Promise<void>;
}

export const REPORT = {
  title: 'Stored XSS in the order notes field',
  description: 'The notes field of /orders is rendered without escaping, so a script in it runs for staff.',
  affected: 'https://shop.example.org/orders',
  email: 'ada.lovelace@example.org',
};

/** Fills the report form's required fields and a contact address. */
export async function fillReport(page: Page): Promise<void> {
  await page.fill('#title', REPORT.title);
  await page.fill('#description', REPORT.description);
  await page.fill('#affected', REPORT.affected);
  await page.fill('#contact_email', REPORT.email);
}

/** A filed report with a paused clock, a question from the team and the researcher's answer. */
export function filedStatus(): ReturnType<typeof statusView> {
  return statusView({
    state: 'filed',
    triage: { stage: 'triaged', paused: true, fixBy: '2026-04-01' },
    messages: [
      { from: 'team', body: 'Which browser did you use?\nAnd which version?', at: new Date('2026-03-04T10:00:00Z') },
      { from: 'researcher', body: 'Firefox 135 on Linux.', at: new Date('2026-03-04T12:30:00Z') },
    ],
  });
}

async function goto(page: Page, url: string, expectedStatus: number): Promise<void> {
  const response = await page.goto(url);
  if (response?.status() !== expectedStatus) throw new Error(`GET ${url}: expected ${expectedStatus}, got ${response?.status() ?? 'no response'}`);
}

const CORE_PAGES: PageUnderTest[] = [
  { name: 'form-en', heading: 'Report a vulnerability to Acme Corp', language: 'en', open: (page, { base }) => goto(page, `${base}/orgs/acme/report?lang=en`, 200) },
  { name: 'form-nl', heading: 'Kwetsbaarheid melden bij Acme Corp', language: 'nl', open: (page, { base }) => goto(page, `${base}/orgs/acme/report?lang=nl`, 200) },
  {
    name: 'form-errors',
    heading: 'Report a vulnerability to Acme Corp',
    language: 'en',
    async open(page, { base }) {
      await goto(page, `${base}/orgs/acme/report?lang=en`, 200);
      await page.click('button[type="submit"]');
      await page.locator('.error-summary').waitFor();
    },
  },
  {
    name: 'confirmation',
    heading: 'Report received',
    language: 'en',
    async open(page, { base }) {
      await goto(page, `${base}/orgs/acme/report?lang=en`, 200);
      await fillReport(page);
      await page.click('button[type="submit"]');
      await page.locator('.status-link a').waitFor();
    },
  },
  {
    name: 'status-queued',
    heading: 'Status of your report',
    language: 'en',
    async open(page, { base, intake }) {
      intake.statuses.set(tokenFor(50), statusView());
      await goto(page, `${base}/status/${tokenFor(50)}?lang=en`, 200);
    },
  },
  {
    name: 'status-filed',
    heading: 'Status of your report',
    language: 'en',
    async open(page, { base, intake }) {
      intake.statuses.set(tokenFor(51), filedStatus());
      await goto(page, `${base}/status/${tokenFor(51)}?lang=en`, 200);
      await page.locator('#reply-message').waitFor();
    },
  },
  { name: 'not-found', heading: 'Page not found', language: 'en', open: (page, { base }) => goto(page, `${base}/orgs/nobody/report?lang=en`, 404) },
];

/** Pages still being built: checked once `matchRoute` answers their path; any h1 will do until their text settles. */
const PLANNED_PAGES: Array<PageUnderTest & { path: string }> = [
  { name: 'policy', path: '/orgs/acme/policy', heading: null, language: 'en', open: (page, { base }) => goto(page, `${base}/orgs/acme/policy?lang=en`, 200) },
  { name: 'hall-of-fame', path: '/orgs/acme/hall-of-fame', heading: null, language: 'en', open: (page, { base }) => goto(page, `${base}/orgs/acme/hall-of-fame?lang=en`, 200) },
];

/** Planned pages whose route exists now. */
export const PRESENT_PLANNED = PLANNED_PAGES.filter((planned) => matchRoute(planned.path, undefined) !== null);
/** Planned pages not routed yet, for the skip reason. */
export const MISSING_PLANNED = PLANNED_PAGES.filter((planned) => matchRoute(planned.path, undefined) === null).map((planned) => planned.path);

/** Every page the browser checks cover. */
export const PAGES_UNDER_TEST: PageUnderTest[] = [...CORE_PAGES, ...PRESENT_PLANNED];
