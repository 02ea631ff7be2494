/**
 * The kinds of per-organisation setting the store keeps. Each is one row per organisation,
 * its value encrypted JSON. Webhook and export secrets will be further names here.
 */
export type OrgSettingName = 'pgp-key' | 'mailbox';

/** Every {@link OrgSettingName}, in the order `show` lists them. */
export const ORG_SETTING_NAMES: readonly OrgSettingName[] = ['pgp-key', 'mailbox'];

/** A setting as it is written: the value is encrypted by the store, the summary is not. */
export interface NewOrgSetting {
  /** The organisation's login; the store keys it in lower case (logins are case-insensitive). */
  org: string;
  name: OrgSettingName;
  /** The secret value as JSON (a key and its passphrase, a mailbox with its password). */
  value: string;
  /** What may be shown to owners and the operator (fingerprints, host, user) as JSON: never a secret. */
  summary: string;
}

/** What may be shown of a setting: never its value. */
export interface OrgSettingSummary {
  org: string;
  name: OrgSettingName;
  /** The summary JSON as written. */
  summary: string;
  /** A random id of the last write: a cache is current while the revision is unchanged. */
  revision: string;
  updatedAt: Date;
}

/** A setting with its value, decrypted. Only for the code that uses the secret. */
export interface OrgSettingRecord extends OrgSettingSummary {
  value: string;
}

/**
 * Per-organisation secrets, part of the Store. Values are encrypted at rest with the store's
 * FieldCipher; where the store has no key (PostgreSQL without DATA_ENCRYPTION_KEY) writing a
 * setting is refused rather than storing a secret in clear.
 */
export interface OrgSettingsStore {
  /**
   * Writes (or replaces) one setting and resolves with its new revision.
   *
   * @throws OrgSettingsUnencryptedError when the store cannot encrypt.
   */
  putOrgSetting(setting: NewOrgSetting, now: Date): Promise<string>;
  /** One setting with its value decrypted, or null. */
  getOrgSetting(org: string, name: OrgSettingName): Promise<OrgSettingRecord | null>;
  /** The revision of one setting (cheap: no decryption), or null when it is not set. */
  orgSettingRevision(org: string, name: OrgSettingName): Promise<string | null>;
  /** An organisation's settings (or every organisation's), without values, by org then name. */
  listOrgSettings(org?: string): Promise<OrgSettingSummary[]>;
  /** Removes one setting; true when there was one. */
  removeOrgSetting(org: string, name: OrgSettingName): Promise<boolean>;
}

/** The store keeps no key to encrypt with, so it will not store a secret. */
export class OrgSettingsUnencryptedError extends Error {
  override name = 'OrgSettingsUnencryptedError' as const;
  constructor() {
    super('organisation settings hold secrets: set DATA_ENCRYPTION_KEY so the store encrypts them');
  }
}
