import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium: the tests drive the system browser and never download one. */
export const CHROMIUM = '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);

/** A describe title that says why the file is skipped when there is no Chromium. */
export function browserSuiteTitle(title: string): string {
  return HAS_CHROMIUM ? title : `${title} (skipped: no Chromium at ${CHROMIUM}; scripts/ensure-system-deps.sh installs it as root)`;
}

/** Headless Chromium; `--no-sandbox` because test containers often run as root. */
export function launchChromium(timeoutMs: number): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'], timeout: timeoutMs });
}
