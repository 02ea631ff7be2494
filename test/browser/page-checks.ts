import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** Where screenshots go; `test-artifacts/` is git-ignored. */
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../test-artifacts/screenshots/', import.meta.url));

/** The two screens every page is checked on. */
export const DESKTOP = { viewport: { width: 1280, height: 800 } } as const;
export const MOBILE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } as const;

/** Axe findings a reporter would trip over: one line per rule, with the elements it flagged. */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

/** A full-page screenshot at `test-artifacts/screenshots/<name>.png`; returns the path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = `${SCREENSHOT_DIR}${name}.png`;
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** The little of the DOM the checks read in the page; tsconfig has no DOM lib. */
interface PageWindow {
  document: {
    documentElement: { clientWidth: number; scrollWidth: number };
    body: { querySelectorAll(selector: string): Iterable<PageElement> };
  };
}
interface PageElement {
  tagName: string;
  id: string;
  classList: Iterable<string>;
  getBoundingClientRect(): { right: number };
}

/** How wide the document is, and the elements sticking out past the viewport (to say what scrolls). */
export async function horizontalOverflow(page: Page): Promise<{ scrollWidth: number; culprits: string[] }> {
  return page.evaluate(() => {
    const { document } = globalThis as unknown as PageWindow;
    const width = document.documentElement.clientWidth;
    const culprits = [...document.body.querySelectorAll('*')]
      .filter((element) => element.getBoundingClientRect().right > width + 0.5)
      .slice(0, 5)
      .map((element) => `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${[...element.classList].map((name) => `.${name}`).join('')}`);
    return { scrollWidth: document.documentElement.scrollWidth, culprits };
  });
}

/** What survives print media: is the h1 visible, and how much text does `main` keep. Restores screen media. */
export async function printedContent(page: Page, screenshotName: string): Promise<{ headingVisible: boolean; mainTextLength: number }> {
  await page.emulateMedia({ media: 'print' });
  try {
    const headingVisible = await page.locator('h1').isVisible();
    const mainVisible = await page.locator('main').isVisible();
    const mainTextLength = mainVisible ? (await page.locator('main').innerText()).trim().length : 0;
    await saveScreenshot(page, screenshotName);
    return { headingVisible, mainTextLength };
  } finally {
    await page.emulateMedia({ media: 'screen' });
  }
}
