import { toDomainError } from '../../github/errors.js';
import { RefusedError, TransientError } from '../../errors.js';
import type { DoctorProbot } from './credentials.js';
import { describeError, fail, ok, rootCause, skip, warn, type CheckResult } from './result.js';

/** An installation of the app: where it may act. */
export interface Installation {
  id: number;
  /** The organisation's (or user's) login. */
  org: string;
  suspended: boolean;
}

/** Each GitHub request may take this long; no retries, so a dead host fails in seconds, not minutes. */
export const GITHUB_TIMEOUT_MS = 10_000;

export function requestOptions(): { retries: number; signal: AbortSignal } {
  return { retries: 0, signal: AbortSignal.timeout(GITHUB_TIMEOUT_MS) };
}

/** The API the app talks to, as Probot builds it from GHE_HOST / GHE_PROTOCOL. */
export function apiBase(env: NodeJS.ProcessEnv): string {
  return env.GHE_HOST ? `${env.GHE_PROTOCOL || 'https'}://${env.GHE_HOST}/api/v3` : 'https://api.github.com';
}

/**
 * Checks 2 and 3: the app's JWT is accepted (`GET /app`, which names the app), and the app
 * is installed somewhere (`GET /app/installations`). Installations are null when the JWT
 * check failed, so the organisation checks are skipped rather than failing twice.
 */
export async function checkGitHubApp(probot: DoctorProbot | null, env: NodeJS.ProcessEnv): Promise<{ results: CheckResult[]; installations: Installation[] | null; slug: string | null }> {
  if (probot === null) {
    return { results: [skip('GitHub app', 'needs the credentials above'), skip('installations', 'needs the credentials above')], installations: null, slug: null };
  }
  const octokit = await probot.auth();
  let slug: string;
  try {
    const { data } = await octokit.request('GET /app', { request: requestOptions() });
    slug = data?.slug ?? String(data?.id ?? 'unknown');
  } catch (error) {
    return { results: [jwtFailure(error, env), skip('installations', 'needs a working GitHub app check')], installations: null, slug: null };
  }
  const appLine = ok('GitHub app', `the app's JWT is accepted by ${apiBase(env)}: app "${slug}"`);
  const installUrl = `the app's public page on GitHub (/apps/${slug}) → Install`;
  let installations: Installation[];
  try {
    const found = await octokit.paginate(octokit.rest.apps.listInstallations, { per_page: 100, request: requestOptions() });
    installations = found.map((item) => ({
      id: item.id,
      org: accountName(item.account) ?? `installation ${item.id}`,
      suspended: item.suspended_at !== null && item.suspended_at !== undefined,
    }));
  } catch (error) {
    const line = fail('installations', `GET /app/installations failed: ${describeError(toDomainError(error, new Date(), 'list installations'))}`, 'run the doctor again; if it persists, check GitHub\'s status');
    return { results: [appLine, line], installations: null, slug };
  }
  if (installations.length === 0) {
    return { results: [appLine, fail('installations', 'the app is not installed on any organisation', `install it on your organisation from ${installUrl}`)], installations, slug };
  }
  const suspended = installations.filter((item) => item.suspended).map((item) => item.org);
  const names = installations.map((item) => (item.suspended ? `${item.org} (suspended)` : item.org)).join(', ');
  const line =
    suspended.length === 0
      ? ok('installations', `installed on ${installations.length}: ${names}`)
      : warn('installations', `installed on ${installations.length}: ${names}`, `unsuspend the app in ${suspended.join(', ')} (organisation settings → GitHub Apps), or uninstall it there: a suspended installation takes no reports`);
  return { results: [appLine, line], installations, slug };
}

/** An organisation or user has a login; an enterprise installation a slug. */
function accountName(account: unknown): string | null {
  if (typeof account !== 'object' || account === null) return null;
  const { login, slug } = account as { login?: unknown; slug?: unknown };
  return typeof login === 'string' ? login : typeof slug === 'string' ? slug : null;
}

function jwtFailure(error: unknown, env: NodeJS.ProcessEnv): CheckResult {
  const domain = toDomainError(error, new Date(), 'GET /app');
  const detail = describeError(domain);
  if (domain instanceof RefusedError && domain.status === 401) {
    return fail(
      'GitHub app',
      `${detail}: GitHub refused the app's JWT`,
      "APP_ID and the private key must belong to the same app (generate a new key on the app's settings page if in doubt), and this machine's clock must be right (JWTs are time-limited)",
    );
  }
  if (domain instanceof TransientError && domain.status === null) {
    return fail('GitHub app', `${apiBase(env)} could not be reached: ${describeError(rootCause(error))}`, 'check GHE_HOST / GHE_PROTOCOL (unset for github.com) and that this machine can reach GitHub (proxy, firewall, DNS)');
  }
  return fail('GitHub app', detail, `check that ${apiBase(env)} is the GitHub the app is registered on (GHE_HOST / GHE_PROTOCOL)`);
}
