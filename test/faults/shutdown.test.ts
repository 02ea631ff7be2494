import { afterEach, beforeEach, expect, it } from 'vitest';
import { reportMarker } from '../../src/issue-text/marker.js';
import type { AppProcess } from '../helpers/app-process.js';
import { describeFaultBackends, type FaultDatabase } from '../helpers/fault-backends.js';
import { type Accepted, ORG, plainReport, seedGitHub, submitReport, TRACKING_REPO } from '../helpers/fault-fixtures.js';
import { type FakeGitHub, startFakeGitHub } from '../helpers/fake-github.js';
import { type ProcessScenario, processScenario, scenarioClock } from '../helpers/process-scenario.js';
import { cleanupStores } from '../helpers/stores.js';
import { withDeadline } from '../helpers/wait-for.js';

// A container platform stops the app with SIGTERM (or a person with Ctrl-C, SIGINT) and
// waits about ten seconds. With a backlog being filed at GitHub's pace, the app stops taking
// requests, finishes the job in hand and exits 0 in time; a new process files the rest,
// each report exactly once.

const REPORTS = 12;

describeFaultBackends('stopping the app with work in hand', (backend) => {
  let fake: FakeGitHub;
  let db: FaultDatabase;
  let scenario: ProcessScenario;

  beforeEach(async () => {
    const clock = scenarioClock();
    fake = await startFakeGitHub({ now: clock.now });
    seedGitHub(fake);
    db = await backend.createDatabase();
    scenario = processScenario(fake, db, clock);
  });

  afterEach(async () => {
    await scenario.stopAll();
    const invalid = fake.state.invalidRequests;
    await fake.close();
    await db.close();
    await cleanupStores();
    expect(invalid).toEqual([]);
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('exits 0 within 10 s on %s, loses nothing and files nothing twice', async (signal) => {
    const first: AppProcess = await scenario.start(`${backend.name}-first`);
    const accepted: Accepted[] = [];
    for (let n = 1; n <= REPORTS; n += 1) accepted.push(await submitReport(first.base, plainReport(n)));
    // Filing is under way (one write a second per installation): stop in the middle of it.
    await scenario.waitFor('the first tracking issue', () => (fake.repo(ORG, TRACKING_REPO)?.issues.length ?? 0) >= 1, 30_000);

    process.kill(first.pid, signal);
    // The platform's grace period: a process still running after it is killed.
    const ended = await withDeadline('the app to exit within the grace period after the signal', first.exit, 10_000);

    expect(ended).toEqual({ code: 0, signal: null });
    expect(fake.repo(ORG, TRACKING_REPO)?.issues.length ?? 0).toBeLessThan(REPORTS);

    scenario.nextGeneration();
    await scenario.start(`${backend.name}-second`);
    await scenario.waitFor('every report filed', () => (fake.repo(ORG, TRACKING_REPO)?.issues.length ?? 0) >= REPORTS, 90_000);
    await scenario.waitFor('the outbox to drain', async () => (await db.probe.pendingJobs()).filter((job) => job.kind === 'file-report').length === 0, 30_000);

    const issues = fake.repo(ORG, TRACKING_REPO)?.issues ?? [];
    for (const report of accepted) expect(issues.filter((issue) => (issue.body ?? '').includes(reportMarker(report.id))), report.id).toHaveLength(1);
  });
});
