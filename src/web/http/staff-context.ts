import type { IncomingMessage } from 'node:http';
import type { StaffAccess } from '../../flows/staff/staff-access.js';
import type { RateLimitSetting } from '../../report/intake-limits.js';
import type { RateLimitDecision } from './rate-limit.js';
import type { StaffDesk } from '../../flows/staff/staff-ports.js';
import type { GitHubSignIn } from '../../ports/github-sign-in.js';
import type { StaffKeys } from './staff-session.js';
import type { OrgSettingsDesk } from '../../flows/org-settings/org-settings-desk.js';
import type { OwnerAccess } from '../../flows/org-settings/owner-access.js';
import type { WebLog } from './web-context.js';

/** What the staff routes need, from the composition root. */
export interface StaffRoutesDeps {
  desk: StaffDesk;
  access: StaffAccess;
  /** null when GITHUB_CLIENT_ID or GITHUB_CLIENT_SECRET is missing. */
  signIn: GitHubSignIn | null;
  /** The settings that are missing (see missingStaffSettings): while any is, every staff page answers 503 naming them. */
  missing: readonly string[];
  /** `PUBLIC_URL`: the callback is `<PUBLIC_URL>/staff/callback`. */
  publicUrl: string | undefined;
  /** The secret every instance signs staff cookies with (the store's `staff-session-key`). */
  sessionSecret: () => Promise<string>;
  /** Marks a sign-in state as used, on every instance; false when it was used before. */
  consumeSignInState: (stateHash: string, expiresAt: Date, now: Date) => Promise<boolean>;
  /**
   * Counts a sign-in callback of the client (each costs a store write and a request to
   * GitHub); refused past STAFF_SIGN_IN_LIMIT. Without it, callbacks are not counted.
   */
  signInLimit?: (req: IncomingMessage) => Promise<RateLimitDecision>;
  /** The organisation settings page (`/staff/orgs/{org}/settings`), for owners; without it that page is a 404. */
  orgSettings?: { desk: OrgSettingsDesk; owners: OwnerAccess };
  now?: () => Date;
  log?: WebLog;
}

/** Sign-in callbacks per client network, shared by every instance: plenty for people, a wall for a flood. */
export const STAFF_SIGN_IN_LIMIT: RateLimitSetting = { count: 20, windowSeconds: 600 };

/** What every staff handler gets: the deps, resolved once the keys are loaded. */
export interface StaffContext {
  desk: StaffDesk;
  access: StaffAccess;
  signIn: GitHubSignIn;
  keys: StaffKeys;
  consumeSignInState: StaffRoutesDeps['consumeSignInState'];
  /** `<PUBLIC_URL>/staff/callback`. */
  redirectUri: string;
  /** Cookies carry `Secure` when PUBLIC_URL is https. */
  secure: boolean;
  /** See StaffRoutesDeps.orgSettings. */
  orgSettings?: StaffRoutesDeps['orgSettings'];
  now: () => Date;
  log: WebLog;
}

/** The environment variables the staff pages need that are not set (empty when they can run). */
export function missingStaffSettings(env: Readonly<Record<string, string | undefined>>): string[] {
  const missing: string[] = [];
  if (!env.GITHUB_CLIENT_ID?.trim()) missing.push('GITHUB_CLIENT_ID');
  if (!env.GITHUB_CLIENT_SECRET?.trim()) missing.push('GITHUB_CLIENT_SECRET');
  if (!absoluteUrl(env.PUBLIC_URL)) missing.push('PUBLIC_URL');
  return missing;
}

/** An absolute http(s) URL, without a trailing slash; null otherwise. */
export function absoluteUrl(value: string | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  if (trimmed === '') return null;
  try {
    const url = new URL(trimmed);
    return url.protocol === 'https:' || url.protocol === 'http:' ? trimmed.replace(/\/+$/, '') : null;
  } catch {
    return null;
  }
}
