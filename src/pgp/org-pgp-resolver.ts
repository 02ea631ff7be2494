import type { Clock } from '../clock/clock.js';
import type { Logger } from '../log.js';
import type { OrgSettingsDesk } from '../flows/org-settings/org-settings-desk.js';
import type { OrgPgp } from '../ports/org-pgp.js';
import type { OrgPgpFor } from '../ports/org-pgp-source.js';
import type { OrgSettingsStore } from '../store/org-settings-records.js';
import type { OrgPgpOptions } from './org-pgp-from-key.js';

/** The per-organisation key source, with its cache. */
export interface OrgPgpResolver {
  /** The organisation's own key (with its previous keys decrypting), else the instance key, else null. */
  forOrg: OrgPgpFor;
  /** Drops what is cached for the organisation (this instance wrote its settings). */
  forget(org: string): void;
}

export interface OrgPgpResolverDeps {
  store: Pick<OrgSettingsStore, 'orgSettingRevision'>;
  desk: Pick<OrgSettingsDesk, 'pgpKey'>;
  /** PGP_PRIVATE_KEY(_PATH): serves every organisation without a key of its own. */
  instance: OrgPgp | null;
  clock: Clock;
  log: Pick<Logger, 'warn'>;
  options?: OrgPgpOptions;
  /** How long a looked-up revision is trusted (default {@link REVISION_TTL_MS}); 0: look on every use. */
  revisionTtlMs?: number;
}

/**
 * Every request to an organisation's pages resolves its key; reading the revision each time
 * cost a store query per request on the intake path. A change made on this instance is seen
 * at once (`forget`); one made elsewhere (another instance, the CLI) within this time.
 */
export const REVISION_TTL_MS = 5_000;
/** Organisation names come from request paths: the revision memo forgets everything past this many. */
const REVISION_MEMO_LIMIT = 1_000;

interface Cached {
  revision: string;
  pgp: Promise<OrgPgp>;
  /** When the first previous key's grace period ends: the keyring is rebuilt without it then. */
  until: number;
}

/**
 * Resolves an organisation's key on every use, cheaply: the setting's revision (a random id
 * per write) is read at most every {@link REVISION_TTL_MS}, so a key set on any instance, or
 * by the CLI, is used everywhere within seconds; the unlocked keys are built once per revision. The same OrgPgp object is
 * handed out while nothing changes, so cached signatures (cached-clearsign.ts) stay cached.
 * openpgp.js is loaded only when an organisation has a key of its own.
 */
export function createOrgPgpResolver(deps: OrgPgpResolverDeps): OrgPgpResolver {
  const cache = new Map<string, Cached>();
  const revisions = new Map<string, { revision: string | null; checkedAt: number }>();
  const ttlMs = deps.revisionTtlMs ?? REVISION_TTL_MS;

  async function revisionOf(login: string): Promise<string | null> {
    const now = deps.clock().getTime();
    const seen = revisions.get(login);
    if (seen !== undefined && now - seen.checkedAt < ttlMs && now >= seen.checkedAt) return seen.revision;
    const revision = await deps.store.orgSettingRevision(login, 'pgp-key');
    if (revisions.size >= REVISION_MEMO_LIMIT) revisions.clear();
    revisions.set(login, { revision, checkedAt: now });
    return revision;
  }

  async function build(org: string): Promise<{ pgp: OrgPgp; until: number } | null> {
    const value = await deps.desk.pgpKey(org);
    if (value === null) return null;
    const [{ openStoredKey }, { orgPgpFromKey }, { orgKeyring }] = await Promise.all([import('./check-org-key.js'), import('./org-pgp-from-key.js'), import('./org-keyring.js')]);
    const now = deps.clock().getTime();
    const live = value.previous.filter((key) => Date.parse(key.decryptsUntil) > now);
    const current = orgPgpFromKey(await openStoredKey(value.current), deps.options);
    const previous = await Promise.all(live.map(async (key) => orgPgpFromKey(await openStoredKey(key), deps.options)));
    const until = Math.min(Infinity, ...live.map((key) => Date.parse(key.decryptsUntil)));
    return { pgp: orgKeyring(current, previous), until };
  }

  return {
    async forOrg(org) {
      const login = org.toLowerCase();
      const revision = await revisionOf(login);
      if (revision === null) {
        cache.delete(login);
        return deps.instance;
      }
      const known = cache.get(login);
      if (known !== undefined && known.revision === revision && deps.clock().getTime() < known.until) return known.pgp;
      // Concurrent uses of a new revision share one build (unlocking a key costs CPU).
      const entry: Cached = { revision, pgp: build(login).then((built) => {
        if (built === null) throw new Error('organisation key removed while it was read');
        entry.until = built.until;
        return built.pgp;
      }), until: Infinity };
      cache.set(login, entry);
      try {
        return await entry.pgp;
      } catch (error) {
        if (cache.get(login) === entry) cache.delete(login);
        // The org chose its own key: never fall back to another one silently. Ids only.
        deps.log.warn({ org: login, error: error instanceof Error ? error.name : 'unknown' }, 'organisation key cannot be used');
        throw error;
      }
    },
    forget(org) {
      cache.delete(org.toLowerCase());
      revisions.delete(org.toLowerCase());
    },
  };
}
