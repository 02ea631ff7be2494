import type { Clock } from './clock/clock.js';
import type { JobHandler } from './jobs/worker.js';
import type { OrgPgp } from './ports/org-pgp.js';

/**
 * A job handler whose module is imported when the first job of its kind runs, so what an
 * idle desk never runs (advisories, alerts, config checks, triage) is not loaded at start.
 * A failed import is tried again at the next job (the job itself is retried like any failure).
 */
export function lazyJob(load: () => Promise<JobHandler>): JobHandler {
  let loaded: Promise<JobHandler> | null = null;
  return async (job) => {
    loaded ??= load().catch((error: unknown) => {
      loaded = null;
      throw error;
    });
    return (await loaded)(job);
  };
}

/** The organisation's OpenPGP key, when one is configured; openpgp.js is loaded only then. */
export async function loadConfiguredPgp(env: NodeJS.ProcessEnv): Promise<OrgPgp | null> {
  if (!env.PGP_PRIVATE_KEY?.trim() && !env.PGP_PRIVATE_KEY_PATH?.trim()) return null;
  const { loadOrgPgp } = await import('./pgp/load-org-pgp.js');
  return loadOrgPgp({ PGP_PRIVATE_KEY: env.PGP_PRIVATE_KEY, PGP_PRIVATE_KEY_PATH: env.PGP_PRIVATE_KEY_PATH, PGP_PASSPHRASE: env.PGP_PASSPHRASE });
}

/** The fingerprint of a researcher's OpenPGP key, for the staff page's reveal; openpgp.js is loaded only then. */
export async function researcherKeyFingerprint(armored: string, clock: Clock): Promise<string> {
  const { researcherKeyReader } = await import('./pgp/read-researcher-key.js');
  return (await researcherKeyReader(clock)(armored)).fingerprint;
}

