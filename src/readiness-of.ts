import type { Clock } from './clock/clock.js';
import type { GitHubHealth } from './jobs/github-health.js';
import type { Readiness } from './server/health-routes.js';
import type { Store } from './store/store.js';

/** A store check that hangs counts as failed: a probe must answer in time. */
const READINESS_TIMEOUT_MS = 2000;

/** What `/readyz` says: the store can write (within the time), and how GitHub work fares. */
export async function readinessOf(store: Store, clock: Clock, githubHealth: GitHubHealth): Promise<Readiness> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('store check timed out')), READINESS_TIMEOUT_MS);
    timer.unref();
  });
  try {
    const health = await Promise.race([store.checkHealth(clock()), timedOut]);
    // A pause is the freshest news; otherwise what the last GitHub job met.
    const condition = githubHealth.condition();
    const github = health.pausedLanes > 0 ? 'rate-limited' : condition;
    const degraded = github === 'rate-limited' || github === 'unreachable' || github === 'auth-failed';
    return { status: degraded ? 'degraded' : 'ready', checks: { store: 'ok', github, deadJobs: health.deadJobs } };
  } catch {
    return { status: 'not-ready', checks: { store: 'failed', github: 'unknown', deadJobs: null } };
  } finally {
    clearTimeout(timer);
  }
}

