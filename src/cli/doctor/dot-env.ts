import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';

/**
 * `.env` in the working directory, over the environment: what `npm start` does (src/main.ts,
 * after Probot's `run()`), so the doctor sees exactly the settings the app will.
 * Returns whether a file was read.
 */
export function loadDotEnv(env: NodeJS.ProcessEnv, cwd = process.cwd()): boolean {
  let text: string;
  try {
    text = readFileSync(join(cwd, '.env'), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  Object.assign(env, parseEnv(text));
  return true;
}
