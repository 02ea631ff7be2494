import { isLoopbackHost } from '../../net/loopback.js';
import { displayUrl } from './secrets.js';
import { fail, ok, warn, type CheckResult } from './result.js';

/** serve.ts's default (Probot's), repeated: serve.ts sits above the cli layer. */
const DEFAULT_WEBHOOK_PATH = '/api/github/webhooks';

/**
 * Check 8: PUBLIC_URL, the base of status links (each a secret token) and security.txt.
 * Plain http off this machine would send those tokens in clear.
 */
export function checkPublicUrl(env: NodeJS.ProcessEnv): CheckResult {
  const value = env.PUBLIC_URL?.trim() ?? '';
  const example = 'set PUBLIC_URL to the https address researchers reach, e.g. https://security.example.org';
  if (value === '') {
    return warn('public URL', 'PUBLIC_URL is not set: status links are root-relative, acknowledgement e-mails carry no link, and security.txt answers 404', example);
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return fail('public URL', 'PUBLIC_URL is not an absolute URL', example);
  }
  const shown = displayUrl(value);
  if (url.protocol === 'https:') return ok('public URL', `${shown} (https)`);
  if (url.protocol !== 'http:') return fail('public URL', `${shown} is neither https nor http`, example);
  if (isLoopbackHost(url.hostname)) {
    return warn('public URL', `${shown} is plain http on this machine: fine for trying the app out, not for researchers`, example);
  }
  return fail('public URL', `${shown} is plain http on a public host: status links (each a secret) and reports would travel unencrypted`, `${example}, with TLS at your reverse proxy`);
}

/**
 * Check 10: the staff pages' sign-in with GitHub. Optional: without it staff work in the
 * issue alone and cannot see the researcher's contact details or download attachments.
 */
export function checkStaffSignIn(env: NodeJS.ProcessEnv): CheckResult {
  const missing = (['GITHUB_CLIENT_ID', 'GITHUB_CLIENT_SECRET', 'PUBLIC_URL'] as const).filter((name) => !env[name]?.trim());
  if (missing.length === 0) return ok('staff sign-in', 'GitHub sign-in for the staff pages is configured (callback: PUBLIC_URL + /staff/callback)');
  return warn(
    'staff sign-in',
    `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not set: the staff pages (contact details, attachments) answer 503`,
    "copy the GitHub App's client id and a client secret from its settings page, and set its callback URL to PUBLIC_URL + /staff/callback",
  );
}

/**
 * Check 9: webhooks come straight to the app. With WEBHOOK_PROXY_URL, Probot relays them
 * through smee.io, a third party that then sees every delivery, report text included.
 */
export function checkWebhookRoute(env: NodeJS.ProcessEnv): CheckResult {
  const path = env.WEBHOOK_PATH || DEFAULT_WEBHOOK_PATH;
  if (!env.WEBHOOK_PROXY_URL) return ok('webhook route', `GitHub delivers to this server directly, at ${path}`);
  const target = env.PUBLIC_URL ? `${displayUrl(env.PUBLIC_URL).replace(/\/$/, '')}${path}` : `PUBLIC_URL + ${path}`;
  return fail(
    'webhook route',
    'WEBHOOK_PROXY_URL is set: every webhook (report text included) would pass through a public relay run by a third party (smee.io), and anyone with the channel URL can read them',
    `unset WEBHOOK_PROXY_URL; expose the app through a tunnel or reverse proxy you control, and set the app's webhook URL on GitHub to ${target}`,
  );
}
