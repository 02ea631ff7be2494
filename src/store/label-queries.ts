import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** The labels known to exist in each repository, so label setup is paid once (SQL in one place; KyselyStore delegates). */
export class LabelQueries {
  constructor(private readonly db: Kysely<Database>) {}

  async knownLabels(org: string, repo: string): Promise<Set<string>> {
    const rows = await this.db.selectFrom('repo_labels').select('name').where('org', '=', org).where('repo', '=', repo).execute();
    return new Set(rows.map((r) => r.name));
  }

  async rememberLabels(org: string, repo: string, names: readonly string[]): Promise<void> {
    const unique = [...new Set(names)];
    if (unique.length === 0) return;
    await this.db
      .insertInto('repo_labels')
      .values(unique.map((name) => ({ org, repo, name })))
      .onConflict((oc) => oc.columns(['org', 'repo', 'name']).doNothing())
      .execute();
  }
}
