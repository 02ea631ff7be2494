/**
 * PostgreSQL for the bench: `BENCH_DATABASE_URL`, else `TEST_DATABASE_URL`, else the
 * tests' default `postgres://postgres@127.0.0.1:5432/test`. Each use gets a fresh schema,
 * dropped afterwards; an unreachable server is reported, not thrown, so the rest of the
 * bench still runs.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { postgresProblem, redactedUrl } from '../test/helpers/postgres-probe.js';

export const benchPostgresUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A fresh schema on the bench's PostgreSQL. */
export interface BenchSchema {
  schema: string;
  /** DATABASE_URL for the app: the server's URL with the schema as search_path. */
  databaseUrl: string;
}

/**
 * Runs `use` with a fresh, empty schema (the app migrates it at start) and drops it
 * afterwards, whatever `use` did. Returns null, with the reason printed, when PostgreSQL
 * cannot be reached.
 */
export async function withBenchSchema<T>(label: string, use: (schema: BenchSchema) => Promise<T>): Promise<T | null> {
  const problem = await postgresProblem(benchPostgresUrl);
  if (problem !== null) {
    console.log(`  ${label}: skipped, PostgreSQL unavailable at ${redactedUrl(benchPostgresUrl)} (${problem})`);
    return null;
  }
  const schema = `bench_${process.pid}_${randomBytes(4).toString('hex')}`;
  await query(`create schema "${schema}"`);
  const parsed = new URL(benchPostgresUrl);
  parsed.searchParams.set('options', `-c search_path=${schema}`);
  try {
    return await use({ schema, databaseUrl: parsed.toString() });
  } finally {
    await query(`drop schema if exists "${schema}" cascade`);
  }
}

async function query(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: benchPostgresUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
