import { sql, type Kysely } from 'kysely';

/** The columns migration 0013 makes nullable: a deadline the organisation does not promise is NULL. */
const OPTIONAL_DEADLINES = ['receipt_due', 'assessment_due'] as const;

/**
 * Migration `0013_optional_deadlines`: `reports.receipt_due` and `reports.assessment_due`
 * accept NULL (config `sla.promises` may leave those deadlines out). PostgreSQL drops the
 * constraint in place. SQLite cannot drop NOT NULL, so the table is rebuilt the way SQLite
 * documents (https://www.sqlite.org/lang_altertable.html#otheralter): a copy created from
 * the table's own stored definition with only those two constraints removed, every row
 * copied, the old table dropped, the copy renamed, and every index and trigger created
 * again from its stored definition. Every column, index and row stays.
 */
export async function makeDeadlinesOptional<DB>(db: Kysely<DB>, backend: 'sqlite' | 'postgres'): Promise<void> {
  if (backend === 'postgres') {
    for (const column of OPTIONAL_DEADLINES) await db.schema.alterTable('reports').alterColumn(column, (c) => c.dropNotNull()).execute();
    return;
  }
  // Kysely runs SQLite migrations outside a transaction: this one takes its own, so a crash
  // leaves either the old table or the new one, never half of each.
  await db.transaction().execute(async (trx) => rebuildSqliteReports(trx));
}

async function rebuildSqliteReports<DB>(db: Kysely<DB>): Promise<void> {
  const columns = await sql<{ name: string; notnull: number }>`select name, "notnull" from pragma_table_info('reports')`.execute(db);
  const required = columns.rows.filter((column) => (OPTIONAL_DEADLINES as readonly string[]).includes(column.name) && column.notnull === 1);
  // Already done (a crash after this commit but before Kysely recorded the migration).
  if (required.length === 0) return;

  const table = await sql<{ sql: string }>`select sql from sqlite_master where type = 'table' and name = 'reports'`.execute(db);
  const definition = table.rows[0]?.sql;
  if (definition === undefined) throw new Error('migration 0013: table reports not found');
  let rebuilt = definition.replace(/^CREATE TABLE\s+(?:"reports"|`reports`|\[reports\]|reports)(?=\s*\()/i, 'CREATE TABLE "reports_0013"');
  if (rebuilt === definition) throw new Error('migration 0013: unexpected definition of table reports');
  for (const { name } of required) {
    const notNull = new RegExp(`((?:"${name}"|\`${name}\`|\\[${name}\\]|\\b${name}\\b)\\s+bigint)\\s+not\\s+null`, 'i');
    if (!notNull.test(rebuilt)) throw new Error(`migration 0013: cannot find the NOT NULL of reports.${name}`);
    rebuilt = rebuilt.replace(notNull, '$1');
  }
  const dependents = await sql<{ sql: string }>`select sql from sqlite_master where type in ('index', 'trigger') and tbl_name = 'reports' and sql is not null order by type, name`.execute(db);

  await sql.raw(rebuilt).execute(db);
  // Same definition, same column order: `select *` copies every column of every row.
  await sql`insert into reports_0013 select * from reports`.execute(db);
  await sql`drop table reports`.execute(db);
  await sql`alter table reports_0013 rename to reports`.execute(db);
  for (const { sql: statement } of dependents.rows) await sql.raw(statement).execute(db);
}
