import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { FieldCipher } from './field-cipher.js';
import { ORG_SETTING_NAMES, type NewOrgSetting, type OrgSettingName, type OrgSettingRecord, type OrgSettingsStore, type OrgSettingSummary, OrgSettingsUnencryptedError } from './org-settings-records.js';
import type { Database } from './schema.js';

type Db = Kysely<Database>;

/** The organisation settings' SQL (KyselyStore delegates); values pass through the FieldCipher. */
export class OrgSettingsQueries implements OrgSettingsStore {
  constructor(
    private readonly db: Db,
    private readonly cipher: FieldCipher,
  ) {}

  async putOrgSetting(setting: NewOrgSetting, now: Date): Promise<string> {
    if (!this.cipher.encrypts) throw new OrgSettingsUnencryptedError();
    const revision = randomBytes(12).toString('hex');
    const row = { org: setting.org.toLowerCase(), name: setting.name, value: this.cipher.encrypt(setting.value), summary: setting.summary, revision, updated_at: now.getTime() };
    await this.db
      .insertInto('org_settings')
      .values(row)
      .onConflict((oc) => oc.columns(['org', 'name']).doUpdateSet({ value: row.value, summary: row.summary, revision: row.revision, updated_at: row.updated_at }))
      .execute();
    return revision;
  }

  async getOrgSetting(org: string, name: OrgSettingName): Promise<OrgSettingRecord | null> {
    const row = await this.db.selectFrom('org_settings').selectAll().where('org', '=', org.toLowerCase()).where('name', '=', name).executeTakeFirst();
    if (row === undefined) return null;
    return { ...summaryOf(row), value: this.cipher.decrypt(row.value) };
  }

  async orgSettingRevision(org: string, name: OrgSettingName): Promise<string | null> {
    const row = await this.db.selectFrom('org_settings').select('revision').where('org', '=', org.toLowerCase()).where('name', '=', name).executeTakeFirst();
    return row?.revision ?? null;
  }

  async listOrgSettings(org?: string): Promise<OrgSettingSummary[]> {
    let query = this.db.selectFrom('org_settings').select(['org', 'name', 'summary', 'revision', 'updated_at']);
    if (org !== undefined) query = query.where('org', '=', org.toLowerCase());
    const rows = await query.orderBy('org').orderBy('name').execute();
    // A name a newer version wrote is not listed by an older one: it could not read it.
    return rows.filter((row) => isSettingName(row.name)).map(summaryOf);
  }

  async removeOrgSetting(org: string, name: OrgSettingName): Promise<boolean> {
    const result = await this.db.deleteFrom('org_settings').where('org', '=', org.toLowerCase()).where('name', '=', name).executeTakeFirst();
    return (result.numDeletedRows ?? 0n) > 0n;
  }
}

function summaryOf(row: { org: string; name: string; summary: string; revision: string; updated_at: number | string }): OrgSettingSummary {
  return { org: row.org, name: row.name as OrgSettingName, summary: row.summary, revision: row.revision, updatedAt: new Date(Number(row.updated_at)) };
}

function isSettingName(name: string): name is OrgSettingName {
  return (ORG_SETTING_NAMES as readonly string[]).includes(name);
}
