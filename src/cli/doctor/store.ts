import path from 'node:path';
import { fieldCipher } from '../../store/field-cipher.js';
import { openStore } from '../../store/open-store.js';
import { displayUrl } from './secrets.js';
import { describeError, fail, ok, warn, within, type CheckResult } from './result.js';

/** Opening (migrations included) and one health write may take this long. */
const STORE_TIMEOUT_MS = 10_000;

const isPostgres = (env: NodeJS.ProcessEnv) => /^postgres(ql)?:\/\//.test(env.DATABASE_URL ?? '');

/**
 * Check 5: the store opens as the app opens it (pending migrations run) and takes the same
 * committed write readiness makes. With SQLite this creates DATA_DIR, the database and its
 * key file when missing, exactly as the first start would.
 */
export async function checkStore(env: NodeJS.ProcessEnv): Promise<CheckResult> {
  const where = isPostgres(env) ? `PostgreSQL at ${displayUrl(env.DATABASE_URL ?? '')}` : `SQLite in ${path.resolve(env.DATA_DIR || './data')}`;
  try {
    await within(STORE_TIMEOUT_MS, 'the store', openAndProbe(env));
    return ok('store', `${where} is writable`);
  } catch (error) {
    const fix = isPostgres(env)
      ? 'check that PostgreSQL runs and accepts this user from this machine (DATABASE_URL: host, port, database, user, password)'
      : env.DATABASE_URL
        ? 'DATABASE_URL must start with postgres:// or postgresql://, or be unset for SQLite in DATA_DIR'
        : 'make DATA_DIR a directory this user may write, on a local disk';
    // The driver's own words ("password authentication failed for user …") say more than the wrapper's.
    const reason = error instanceof Error && error.cause instanceof Error ? describeError(error.cause) : describeError(error);
    return fail('store', `${where}: ${reason}`, fix);
  }
}

async function openAndProbe(env: NodeJS.ProcessEnv): Promise<void> {
  const store = await openStore({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, encryptionKey: env.DATA_ENCRYPTION_KEY || undefined });
  try {
    await store.checkHealth(new Date());
  } finally {
    await store.close();
  }
}

/** Check 6: personal data is encrypted at rest with a key kept apart from the data. */
export function checkDataKey(env: NodeJS.ProcessEnv): CheckResult {
  const check = 'data encryption key';
  const key = env.DATA_ENCRYPTION_KEY;
  if (key) {
    try {
      fieldCipher(key);
    } catch (error) {
      return fail(check, describeError(error), 'generate one with `openssl rand -base64 32` and keep it in a secret store');
    }
    return ok(check, 'DATA_ENCRYPTION_KEY is set: contact details, reports until filed and conversations are encrypted at rest');
  }
  const fromSecretStore = 'set DATA_ENCRYPTION_KEY (`openssl rand -base64 32`) from a secret store, kept apart from the data';
  if (isPostgres(env)) {
    return warn(check, 'DATA_ENCRYPTION_KEY is not set: with PostgreSQL, contact details, reports until filed, conversations and job payloads are stored unencrypted, readable by anyone with the database or a backup', `${fromSecretStore}; every instance sharing the database needs the same key`);
  }
  const file = path.join(path.resolve(env.DATA_DIR || './data'), 'data-encryption.key');
  return warn(check, `DATA_ENCRYPTION_KEY is not set: the key is generated beside the database (${file}), so a copy or backup of the data directory carries its own key`, `${fromSecretStore} (keep the generated key's value if data was stored with it: put that value in DATA_ENCRYPTION_KEY)`);
}
