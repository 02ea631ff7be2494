import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Logger } from 'pino';
import { probotFromEnv } from '../../github/probot-runtime.js';
import { describeError, fail, ok, type CheckResult } from './result.js';

/** The Probot the GitHub checks use; null when the credentials cannot make one. */
export type DoctorProbot = NonNullable<ReturnType<typeof probotFromEnv>>;

const CHECK = 'credentials';
const SETTINGS_PAGE = "the app's settings page on GitHub (Settings → Developer settings → GitHub Apps)";

/**
 * Check 1: APP_ID, a private key and WEBHOOK_SECRET are there, and Probot can read the key.
 * The Probot comes from the same function the app starts with, so a key the app could not
 * use fails here too (a mangled PEM, a PRIVATE_KEY_PATH that points nowhere).
 */
export function checkCredentials(env: NodeJS.ProcessEnv, log: Logger): { result: CheckResult; probot: DoctorProbot | null } {
  const missing: string[] = [];
  const appId = env.APP_ID?.trim() ?? '';
  if (appId === '') missing.push('APP_ID');
  const keySource = env.PRIVATE_KEY ? 'PRIVATE_KEY' : env.PRIVATE_KEY_PATH ? 'PRIVATE_KEY_PATH' : null;
  let probot: DoctorProbot | null = null;
  let keyProblem: string | null = null;
  try {
    probot = probotFromEnv(log, env);
  } catch (error) {
    keyProblem = describeError(error);
  }
  // Probot also takes a lone *.pem in the working directory: the app would start with it.
  if (keySource === null && probot === null) missing.push('PRIVATE_KEY or PRIVATE_KEY_PATH');
  if (!env.WEBHOOK_SECRET) missing.push('WEBHOOK_SECRET');
  if (missing.length > 0) {
    // Without WEBHOOK_SECRET the API still answers: the GitHub checks run all the same.
    const fix = `set ${missing.join(', ')} in the environment or .env: the values are on ${SETTINGS_PAGE}; WEBHOOK_SECRET must match the secret entered there`;
    return { result: fail(CHECK, `missing ${missing.join(', ')}`, fix), probot: missing.length === 1 && missing[0] === 'WEBHOOK_SECRET' ? probot : null };
  }
  if (appId !== '' && !/^[1-9][0-9]*$/.test(appId)) {
    return { result: fail(CHECK, 'APP_ID is not a number', `set APP_ID to the numeric App ID shown on ${SETTINGS_PAGE}`), probot: null };
  }
  if (probot === null) {
    const path = env.PRIVATE_KEY_PATH ? resolve(env.PRIVATE_KEY_PATH) : null;
    const absent = keySource === 'PRIVATE_KEY_PATH' && path !== null && !existsSync(path);
    const why = keyProblem ?? (absent ? `PRIVATE_KEY_PATH names no file: ${path}` : `the private key in ${keySource ?? 'a .pem file'} could not be read as a PEM key`);
    const fix =
      keySource === 'PRIVATE_KEY_PATH'
        ? 'point PRIVATE_KEY_PATH at the .pem file downloaded from GitHub, readable by this user'
        : 'set PRIVATE_KEY to the whole .pem file (BEGIN … END lines included; \\n escapes allowed)';
    return { result: fail(CHECK, why, fix), probot: null };
  }
  return { result: ok(CHECK, `APP_ID ${appId}, private key from ${keySource ?? 'a .pem file in the working directory'}, WEBHOOK_SECRET set`), probot };
}
