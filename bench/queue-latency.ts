import type { Core } from '../src/app.js';
import { type RecordedRequest, startFakeGitHub } from '../test/helpers/fake-github.js';
import { fixed, heading, row, target } from './format.js';
import { WRITE_METHODS, routeOf, startApp, submitReports } from './requests-per-report.js';

const REPO = 'security-reports';
const STAFF = 'alice';

/**
 * Staff first and fair, with the real pacing (≥ 1 s between writes per installation): a
 * backlog of reports of one organisation, then a staff command on an issue filed before it
 * and one report to a second organisation. Prints how long the command and the other
 * organisation waited, and the smallest gap between two writes one installation received.
 */
export async function benchQueueLatency(backlog: number): Promise<void> {
  heading(`Staff first under a burst: ${backlog} queued reports of one organisation, real write pacing`);
  const fake = await startFakeGitHub();
  fake.addOrg('acme', 1);
  fake.addOrg('beta', 2);
  fake.addRepo('acme', REPO, { private: true });
  fake.addRepo('beta', REPO, { private: true });
  fake.setPermission('acme', REPO, STAFF, 'write');
  const app = await startApp(fake, { realPacing: true });
  try {
    const [first] = await submitReports(app.handler, 1, 'acme');
    const issueNumber = await waitFor(async () => (await app.core.store.getReport(first ?? ''))?.issueNumber ?? null, 30_000);
    await submitReports(app.handler, backlog, 'acme');
    const sent = Date.now();
    await app.core.commentCreated({ org: 'acme', repo: REPO, issueNumber, commentId: 777, body: '/severity high', author: STAFF, authorIsBot: false });
    const [other] = await submitReports(app.handler, 1, 'beta');
    const commandMs = await timeUntil(sent, () => fake.issue('acme', REPO, issueNumber)?.labels.includes('severity:high') === true);
    const otherMs = await timeUntil(sent, async () => (await app.core.store.getReport(other ?? ''))?.status === 'filed');
    const backlogMs = await timeUntil(sent, async () => (fake.repo('acme', REPO)?.issues.length ?? 0) >= backlog + 1, 10 * 60_000);

    row('    staff command takes effect (label set)', target(commandMs <= 10_000, `${fixed(commandMs / 1000, 1)} s (target ≤ 10 s)`));
    row('    other organisation’s report filed', target(otherMs <= 30_000, `${fixed(otherMs / 1000, 1)} s (target ≤ 30 s)`));
    row('    whole backlog filed', `${fixed(backlogMs / 1000, 1)} s (${fixed((backlog / backlogMs) * 60_000, 1)} reports/min)`);
    for (const org of ['acme', 'beta']) {
      const gap = smallestGap(fake.requests, org);
      row(`    smallest gap between two writes (${org})`, gap === null ? 'n/a (one write)' : target(gap >= 1000, `${gap} ms (GitHub asks ≥ 1000 ms)`));
    }
    row('    requests invalid by the OpenAPI spec', target(fake.state.invalidRequests.length === 0, String(fake.state.invalidRequests.length)));
  } finally {
    await stop(app.core);
    await app.close();
    await fake.close();
  }
}

async function stop(core: Core): Promise<void> {
  await core.worker.stop();
}

/** Between the arrival of one write and the next, as the fake GitHub recorded them. */
function smallestGap(requests: RecordedRequest[], org: string): number | null {
  const times = requests
    .filter((r) => WRITE_METHODS.has(r.method) && !routeOf(r).startsWith('POST /app/') && r.path.startsWith(`/repos/${org}/`))
    .map((r) => r.time.getTime());
  if (times.length < 2) return null;
  return Math.min(...times.slice(1).map((t, i) => t - (times[i] ?? 0)));
}

async function waitFor<T>(probe: () => Promise<T | null>, limitMs: number): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function timeUntil(since: number, done: () => boolean | Promise<boolean>, limitMs = 120_000): Promise<number> {
  await waitFor(async () => ((await done()) ? true : null), limitMs);
  return Date.now() - since;
}
