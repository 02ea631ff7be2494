import type { GitHubPort } from '../ports/github.js';
import { ConfigSyntaxError } from '../ports/github.js';
import type { InstallationStore } from '../store/front-door-records.js';
import type { Clock } from '../clock/clock.js';
import type { Logger } from '../log.js';
import { CONFIG_FILE, type ConfigResult, defaultConfig, describeProblems, parseConfig } from '../config/parse-config.js';
import { DisclosureConfig } from '../config/schema.js';

/** What the app knows about one organisation: where it is installed and its config. */
export interface OrgSettings {
  org: string;
  installationId: number;
  config: ConfigResult;
  /** While `config` is invalid: the last valid one, or null when there never was one. */
  lastValid?: DisclosureConfig | null;
}

/**
 * The config the organisation's promises run on: its own when valid, else its last valid one,
 * else the defaults (an invalid config holds every report at filing either way).
 */
export function effectiveConfig(settings: OrgSettings): DisclosureConfig {
  return settings.config.ok ? settings.config.config : (settings.lastValid ?? defaultConfig());
}

/** Where the public pages' policy comes from: the organisation's own config, its last valid one, or none yet. */
export type PolicySource = 'own' | 'last-valid' | 'setting-up';

export function policySource(settings: OrgSettings): PolicySource {
  if (settings.config.ok) return 'own';
  return settings.lastValid ? 'last-valid' : 'setting-up';
}

/** Where the last valid config of each organisation is kept (the store). */
export interface ValidConfigStore {
  rememberValidConfig(org: string, config: string, now: Date): Promise<void>;
  lastValidConfig(org: string): Promise<string | null>;
}

export interface OrgDirectory {
  /**
   * null when the app is not installed on `org`. `fresh` skips the cache (used when a
   * held report is rechecked, so a fixed config is seen at once). Throws transport
   * errors (GitHub unreachable).
   */
  get(org: string, options?: { fresh?: boolean }): Promise<OrgSettings | null>;
  /** Drop cached knowledge of an org (installation events). */
  forget(org: string): void;
}

/** What an installation webhook says. */
export interface InstallationChange {
  org: string;
  installationId: number;
  /** The webhook's action, e.g. `created`, `deleted`, `suspend`, `added`. */
  action: string;
}

/** Actions after which the app no longer works for the organisation. */
const REMOVED_ACTIONS: ReadonlySet<string> = new Set(['deleted', 'suspend']);

/**
 * An `installation` / `installation_repositories` webhook: the store learns where the app is
 * (created, new_permissions_accepted, unsuspend, repositories added or removed) or is not
 * (deleted, suspend), for every instance; then this instance forgets what it cached.
 */
export async function recordInstallationChange(deps: { installations: InstallationStore; orgs: OrgDirectory; clock: Clock }, change: InstallationChange): Promise<void> {
  const installationId = REMOVED_ACTIONS.has(change.action) ? null : change.installationId;
  await deps.installations.saveInstallation(change.org, installationId, deps.clock());
  deps.orgs.forget(change.org);
}

/** The one question a lookup of an unknown organisation spends: its answer is shared by every instance. */
export interface LookupBudget {
  /** Whether one more GitHub lookup may leave now. */
  take(): Promise<boolean>;
}

/**
 * GitHub's login rules: 1–39 letters, digits and single hyphens, no hyphen first or last.
 * Anything else is not an organisation, and GitHub is never asked about it.
 */
export function isGitHubLogin(login: string): boolean {
  return /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/.test(login);
}

/** The installation lookup budget is spent: answered as unavailable (503), never as "not installed". */
export class LookupBudgetSpentError extends Error {
  override name = 'LookupBudgetSpentError' as const;
  constructor() {
    super('installation lookups are over budget; try again shortly');
  }
}

/** "Not installed" answers from GitHub are believed this long, in memory. */
export const MISSING_TTL_MS = 5 * 60_000;

/** Configs are cached for a short while: intake is hot, and GitHub reads are budgeted. */
export const CONFIG_TTL_MS = 60_000;

/**
 * Which organisations exist is answered from the store (`installations`, written by
 * installation webhooks), never by asking GitHub per request. An organisation the store has
 * never heard of (installed before this version) is looked up once, within `lookups` (a budget
 * every instance shares) and only for a valid login; a found installation is kept in the store,
 * "not installed" in memory for MISSING_TTL_MS. Without `installations` (tests), every lookup asks GitHub.
 */
export function createOrgDirectory(deps: {
  github: GitHubPort;
  clock: Clock;
  log: Logger;
  ttlMs?: number;
  installations?: InstallationStore;
  lookups?: LookupBudget;
  /** Keeps each valid config, so an invalid one never shows the defaults as the organisation's own. */
  configs?: ValidConfigStore;
}): OrgDirectory {
  const ttl = deps.ttlMs ?? CONFIG_TTL_MS;
  const cache = new Map<string, { settings: OrgSettings; expires: number }>();
  const missing = new Map<string, number>();

  async function installationOf(org: string): Promise<number | null> {
    if (!isGitHubLogin(org)) return null;
    const store = deps.installations;
    if (store === undefined) return deps.github.installationFor(org);
    const known = await store.installationRecord(org);
    if (known !== null) return known.installationId;
    const key = org.toLowerCase();
    const now = deps.clock().getTime();
    if ((missing.get(key) ?? 0) > now) return null;
    if (deps.lookups !== undefined && !(await deps.lookups.take())) throw new LookupBudgetSpentError();
    const id = await deps.github.installationFor(org);
    if (id === null) {
      for (const [other, until] of missing) if (until <= now) missing.delete(other);
      missing.set(key, now + MISSING_TTL_MS);
    } else {
      await store.learnInstallation(org, id, deps.clock());
    }
    return id;
  }

  async function load(org: string): Promise<OrgSettings | null> {
    const installationId = await installationOf(org);
    if (installationId === null) return null;
    let config: ConfigResult;
    try {
      config = parseConfig(await deps.github.loadRawConfig(installationId, org));
    } catch (error) {
      if (!(error instanceof ConfigSyntaxError)) throw error;
      config = { ok: false, file: error.file, problems: [{ key: '(file)', reason: error.message }] };
    }
    if (config.ok) {
      await deps.configs?.rememberValidConfig(org, JSON.stringify(config.config), deps.clock());
      return { org, installationId, config };
    }
    // Keys and reasons only: never the values, which could be anything.
    deps.log.error({ org, file: config.file, problems: config.problems }, `config invalid, reports are held: ${describeProblems(config)}`);
    return { org, installationId, config, lastValid: await lastValidOf(org) };
  }

  /** The kept config, read through today's schema: one that no longer fits is as good as none. */
  async function lastValidOf(org: string): Promise<DisclosureConfig | null> {
    const kept = await deps.configs?.lastValidConfig(org);
    if (kept === undefined || kept === null) return null;
    const parsed = DisclosureConfig.safeParse(JSON.parse(kept));
    return parsed.success ? parsed.data : null;
  }

  return {
    async get(org, options) {
      const key = org.toLowerCase();
      const hit = cache.get(key);
      const now = deps.clock().getTime();
      if (!options?.fresh && hit && hit.expires > now) return hit.settings;
      const settings = await load(org);
      if (settings === null) cache.delete(key);
      else cache.set(key, { settings, expires: now + ttl });
      return settings;
    },
    forget(org) {
      cache.delete(org.toLowerCase());
      missing.delete(org.toLowerCase());
      deps.github.forgetInstallation(org);
    },
  };
}

export { CONFIG_FILE };
