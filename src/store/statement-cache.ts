import type { Database as SqliteFile, Statement } from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/** Distinct queries the app makes are a few hundred; a bound keeps a bug from growing it without end. */
const MAX_STATEMENTS = 1000;

/**
 * Kysely's SQLite driver prepares every query anew, which was about 6 % of the intake's CPU
 * under load (a profile of `npm run bench`). A prepared SQLite statement can be run again
 * with other parameters, so they are kept by their SQL text. better-sqlite3 runs statements
 * synchronously, and SQLite prepares one again by itself after a schema change.
 */
export function withStatementCache(file: SqliteFile): SqliteDatabase {
  const statements = new Map<string, Statement>();
  return {
    close: () => file.close(),
    prepare(sql) {
      let statement = statements.get(sql);
      if (statement === undefined) {
        statement = file.prepare(sql);
        if (statements.size >= MAX_STATEMENTS) statements.delete(statements.keys().next().value ?? '');
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}
