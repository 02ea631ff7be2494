import type { Kysely } from 'kysely';
import type { Database } from './schema.js';
import type { InstallationRecord, InstallationStore } from './front-door-records.js';

/** The installations table (SQL in one place; KyselyStore delegates). */
export class InstallationQueries implements InstallationStore {
  constructor(private readonly db: Kysely<Database>) {}

  async installationRecord(org: string): Promise<InstallationRecord | null> {
    const row = await this.db.selectFrom('installations').select(['installation_id', 'updated_at']).where('org_lower', '=', org.toLowerCase()).executeTakeFirst();
    return row === undefined ? null : { installationId: row.installation_id === null ? null : Number(row.installation_id), updatedAt: new Date(Number(row.updated_at)) };
  }

  async saveInstallation(org: string, installationId: number | null, at: Date): Promise<void> {
    const values = { org_lower: org.toLowerCase(), installation_id: installationId, updated_at: at.getTime() };
    await this.db
      .insertInto('installations')
      .values(values)
      .onConflict((oc) => oc.column('org_lower').doUpdateSet({ installation_id: installationId, updated_at: values.updated_at }))
      .execute();
  }

  async learnInstallation(org: string, installationId: number, at: Date): Promise<void> {
    await this.db
      .insertInto('installations')
      .values({ org_lower: org.toLowerCase(), installation_id: installationId, updated_at: at.getTime() })
      .onConflict((oc) => oc.column('org_lower').doNothing())
      .execute();
  }
}
