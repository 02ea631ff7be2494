import type { Clock } from '../../clock/clock.js';
import type { OrgSettingName, OrgSettingsStore } from '../../store/org-settings-records.js';
import { MailboxSummary, MailboxValue, OrgLogin, PgpKeySummary, PgpKeyValue, mailboxSummary, pgpKeySummary, type StoredKey } from './setting-values.js';

/** A setting given by the operator or an owner is unusable; `field` names what, the message why (never the secret). */
export class OrgSettingInputError extends Error {
  override name = 'OrgSettingInputError' as const;
  constructor(
    readonly field: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${field}: ${message}`, options);
  }
}

/**
 * Reads and checks an OpenPGP private key (armored text or binary packets) with its
 * passphrase: it must unlock, be valid now, sign and decrypt. Implemented in
 * src/pgp/check-org-key.ts.
 *
 * @throws OrgSettingInputError naming `key` or `passphrase`.
 */
export type CheckOrgKey = (source: string | Uint8Array, passphrase: string | null) => Promise<StoredKey>;

/** What may be shown of an organisation's settings: which exist, never a secret. */
export interface OrgSettingsView {
  org: string;
  pgpKey: (PgpKeySummary & { updatedAt: Date }) | null;
  mailbox: (MailboxSummary & { updatedAt: Date }) | null;
}

/** How long a replaced key still decrypts, unless told otherwise. */
export const DEFAULT_KEY_GRACE_DAYS = 30;

export interface OrgSettingsDeps {
  store: OrgSettingsStore;
  checkKey: CheckOrgKey;
  clock: Clock;
  /** A setting of the organisation was written or removed here: caches of this instance forget it at once. */
  onChanged?: (org: string) => void;
}

/**
 * The one way per-organisation settings are written and read (CLI, staff page, resolvers):
 * values are checked here, kept encrypted by the store, and shown only as summaries.
 */
export interface OrgSettingsDesk {
  /**
   * Makes a key the organisation's current key. The key it replaces still decrypts for
   * `graceDays` (default 30); security.txt, the key route and signatures switch at once.
   */
  setKey(org: string, source: string | Uint8Array, passphrase: string | null, options?: { graceDays?: number }): Promise<PgpKeySummary>;
  /** Sets the organisation's mailbox; `input` is checked strictly (see MailboxValue). */
  setMailbox(org: string, input: unknown): Promise<MailboxSummary>;
  /** Removes a setting: true when there was one. Without a key, the instance key serves again. */
  remove(org: string, name: OrgSettingName): Promise<boolean>;
  show(org: string): Promise<OrgSettingsView>;
  /** The key setting with its secrets, for the resolver; null when the organisation has none. */
  pgpKey(org: string): Promise<PgpKeyValue | null>;
  /** The mailbox setting with its password, for the poller; null when the organisation has none. */
  mailbox(org: string): Promise<MailboxValue | null>;
  /** Every organisation with a mailbox, by login. */
  mailboxOrgs(): Promise<string[]>;
}

export function createOrgSettingsDesk(deps: OrgSettingsDeps): OrgSettingsDesk {
  const desk: OrgSettingsDesk = {
    async setKey(org, source, passphrase, options = {}) {
      const login = orgLogin(org);
      const graceDays = options.graceDays ?? DEFAULT_KEY_GRACE_DAYS;
      if (!Number.isInteger(graceDays) || graceDays < 0 || graceDays > 3650) throw new OrgSettingInputError('grace-days', 'must be a whole number of days from 0 to 3650');
      const key = await deps.checkKey(source, passphrase);
      const now = deps.clock();
      const old = await desk.pgpKey(login);
      const stillValid = (old?.previous ?? []).filter((kept) => Date.parse(kept.decryptsUntil) > now.getTime() && kept.fingerprint !== key.fingerprint);
      const replaced =
        old === null || old.current.fingerprint === key.fingerprint || graceDays === 0
          ? []
          : [{ ...old.current, retiredAt: now.toISOString(), decryptsUntil: new Date(now.getTime() + graceDays * 86_400_000).toISOString() }];
      const value: PgpKeyValue = { current: key, previous: [...replaced, ...stillValid] };
      const summary = pgpKeySummary(value);
      await deps.store.putOrgSetting({ org: login, name: 'pgp-key', value: JSON.stringify(value), summary: JSON.stringify(summary) }, now);
      deps.onChanged?.(login);
      return summary;
    },
    async setMailbox(org, input) {
      const login = orgLogin(org);
      const parsed = MailboxValue.safeParse(input);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const field = issue?.code === 'unrecognized_keys' ? issue.keys.join(', ') : String(issue?.path[0] ?? 'mailbox');
        throw new OrgSettingInputError(field, issue?.code === 'unrecognized_keys' ? 'is not a mailbox setting' : (issue?.message ?? 'is invalid'));
      }
      const summary = mailboxSummary(parsed.data);
      await deps.store.putOrgSetting({ org: login, name: 'mailbox', value: JSON.stringify(parsed.data), summary: JSON.stringify(summary) }, deps.clock());
      deps.onChanged?.(login);
      return summary;
    },
    async remove(org, name) {
      const login = orgLogin(org);
      const removed = await deps.store.removeOrgSetting(login, name);
      deps.onChanged?.(login);
      return removed;
    },
    async show(org) {
      const login = orgLogin(org);
      const view: OrgSettingsView = { org: login.toLowerCase(), pgpKey: null, mailbox: null };
      for (const setting of await deps.store.listOrgSettings(login)) {
        const summary: unknown = JSON.parse(setting.summary);
        if (setting.name === 'pgp-key') {
          // A previous key past its grace period no longer decrypts: not shown as if it did.
          const key = PgpKeySummary.parse(summary);
          view.pgpKey = { ...key, previous: key.previous.filter((p) => Date.parse(p.decryptsUntil) > deps.clock().getTime()), updatedAt: setting.updatedAt };
        }
        if (setting.name === 'mailbox') view.mailbox = { ...MailboxSummary.parse(summary), updatedAt: setting.updatedAt };
      }
      return view;
    },
    async pgpKey(org) {
      const record = await deps.store.getOrgSetting(orgLogin(org), 'pgp-key');
      return record === null ? null : PgpKeyValue.parse(JSON.parse(record.value));
    },
    async mailbox(org) {
      const record = await deps.store.getOrgSetting(orgLogin(org), 'mailbox');
      return record === null ? null : MailboxValue.parse(JSON.parse(record.value));
    },
    async mailboxOrgs() {
      return (await deps.store.listOrgSettings()).filter((setting) => setting.name === 'mailbox').map((setting) => setting.org);
    },
  };
  return desk;
}

function orgLogin(org: string): string {
  const parsed = OrgLogin.safeParse(org);
  if (!parsed.success) throw new OrgSettingInputError('org', parsed.error.issues[0]?.message ?? 'is invalid');
  return parsed.data.toLowerCase();
}
