/**
 * Whether a PostgreSQL answers, and its URL fit to print: shared by the store suites, the
 * CI requirements check (a vitest globalSetup) and the bench, so it imports no vitest.
 */
import pg from 'pg';

/** Null when PostgreSQL at `url` answers a query, otherwise why not (a code or message, never the password). */
export async function postgresProblem(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    return code ?? message ?? 'unknown error';
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The URL without its password, for titles and output. */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable database URL)';
  }
}
