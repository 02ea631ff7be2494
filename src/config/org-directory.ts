import type { GitHubPort } from '../ports.js';
import { ConfigSyntaxError } from '../ports.js';
import type { Clock } from '../clock/clock.js';
import type { Logger } from '../log.js';
import { CONFIG_FILE, type ConfigResult, describeProblems, parseConfig } from './parse-config.js';

/** What the app knows about one organisation: where it is installed and its config. */
export interface OrgSettings {
  org: string;
  installationId: number;
  config: ConfigResult;
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

/** Configs are cached for a short while: intake is hot, and GitHub reads are budgeted. */
export const CONFIG_TTL_MS = 60_000;

export function createOrgDirectory(deps: { github: GitHubPort; clock: Clock; log: Logger; ttlMs?: number }): OrgDirectory {
  const ttl = deps.ttlMs ?? CONFIG_TTL_MS;
  const cache = new Map<string, { settings: OrgSettings; expires: number }>();

  async function load(org: string): Promise<OrgSettings | null> {
    const installationId = await deps.github.installationFor(org);
    if (installationId === null) return null;
    let config: ConfigResult;
    try {
      config = parseConfig(await deps.github.loadRawConfig(installationId, org));
    } catch (error) {
      if (!(error instanceof ConfigSyntaxError)) throw error;
      config = { ok: false, file: error.file, problems: [{ key: '(file)', reason: error.message }] };
    }
    if (!config.ok) {
      // Keys and reasons only: never the values, which could be anything.
      deps.log.error({ org, file: config.file, problems: config.problems }, `config invalid, reports are held: ${describeProblems(config)}`);
    }
    return { org, installationId, config };
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
      deps.github.forgetInstallation(org);
    },
  };
}

export { CONFIG_FILE };
