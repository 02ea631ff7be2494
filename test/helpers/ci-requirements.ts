/**
 * vitest globalSetup. In CI (`CI=true`) nothing may skip: a missing gpg, Dovecot, Chromium
 * or PostgreSQL fails the run here, before any test, with what is missing. On a laptop the
 * suites that need them skip with the reason in their title instead.
 */
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { postgresProblem, redactedUrl } from './postgres-probe.js';

/** The same defaults as test/browser/chromium.ts and test/helpers/stores.ts (which import vitest and cannot load here). */
const CHROMIUM = '/usr/bin/chromium';
const postgresUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export default async function requireEverythingInCi(): Promise<void> {
  if (process.env.CI !== 'true') return;
  // Inherited by the test workers: the PostgreSQL suites fail instead of skipping.
  process.env.TEST_REQUIRE_POSTGRES = '1';
  const missing: string[] = [];
  if (spawnSync('gpg', ['--version'], { stdio: 'ignore' }).status !== 0) missing.push('gpg (package gnupg)');
  if (!existsSync('/usr/sbin/dovecot')) missing.push('Dovecot (package dovecot-imapd)');
  if (!existsSync(CHROMIUM)) missing.push(`Chromium at ${CHROMIUM} (package chromium)`);
  if ((await postgresProblem(postgresUrl)) !== null) missing.push(`PostgreSQL at ${redactedUrl(postgresUrl)}`);
  if (missing.length > 0) throw new Error(`CI=true and nothing may skip, but these are missing: ${missing.join('; ')}`);
}
