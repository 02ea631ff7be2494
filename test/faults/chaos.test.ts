import { afterAll, beforeAll, expect, it } from 'vitest';
import { findReportId, reportMarker } from '../../src/issue-text/marker.js';
import type { AppProcess } from '../helpers/app-process.js';
import { deliverWebhook, issueCommentPayload } from '../helpers/comment-webhook.js';
import { describeFaultBackends, type FaultBackend, type FaultDatabase, faultBackends } from '../helpers/fault-backends.js';
import {
  type Accepted,
  type ApiReport,
  INSTALLATION_ID,
  ORG,
  outOfScopeReport,
  plainReport,
  repeatedCommentMarkers,
  seedGitHub,
  STAFF,
  submitReport,
  TRACKING_REPO,
} from '../helpers/fault-fixtures.js';
import { type FakeGitHub, startFakeGitHub } from '../helpers/fake-github.js';
import { processScenario, scenarioClock } from '../helpers/process-scenario.js';
import { cleanupStores } from '../helpers/stores.js';

// "Nothing lost, nothing twice" under a GitHub that fails 30 % of the writes with a server
// error and performs another 10 % without answering (seeded, so every run is the same
// weather), with every app instance SIGKILLed twice: once while reports are being filed,
// once while staff commands are being applied. SQLite runs one instance; PostgreSQL runs
// two instances on one database, each with its own worker. Reports come in through the
// JSON API, commands as signed `issue_comment` webhooks, spread over the instances.
//
// Both scenarios run at once (real processes on the real clock take a while); each suite
// then checks its own.

const CHAOS = { serverErrorRate: 0.3, lostAnswerRate: 0.1, only: 'writes' } as const;
/**
 * The weather per backend. These seeds lose the answers to issue creates and comments
 * early, followed by a success: exactly where a blind retry makes a second object.
 */
const SEEDS = { sqlite: 17, postgres: 21 } as const;
/** Generous: a healthy run needs a fraction of it; a slow one should fail on what it did, not on time. */
const PHASE_TIMEOUT_MS = 150_000;
const REPORTS: ReadonlyArray<(n: number) => ApiReport> = [plainReport, plainReport, outOfScopeReport, plainReport, plainReport, plainReport];
const SEVERITIES = ['high', 'low', 'critical', 'medium'] as const;

interface Command {
  reportId: string;
  commentId: number;
  severity: (typeof SEVERITIES)[number];
}

interface Run {
  fake: FakeGitHub;
  db: FaultDatabase;
  accepted: Accepted[];
  commands: Command[];
}

async function chaos(backend: FaultBackend, instances: number, resources: Partial<Run>): Promise<Run> {
  const clock = scenarioClock();
  const fake = await startFakeGitHub({ now: clock.now });
  resources.fake = fake;
  seedGitHub(fake);
  fake.chaos({ seed: SEEDS[backend.name], ...CHAOS });
  const db = await backend.createDatabase();
  resources.db = db;
  const scenario = processScenario(fake, db, clock);
  let generation = 0;
  const startAll = async (): Promise<AppProcess[]> => {
    if (generation > 0) scenario.nextGeneration();
    generation += 1;
    return Promise.all(Array.from({ length: instances }, (_, i) => scenario.start(`${backend.name}-${String.fromCharCode(97 + i)}${generation}`)));
  };
  const issueOf = async (reportId: string) => (await db.store.getReport(reportId))?.issueNumber ?? null;

  try {
    let apps = await startAll();
    const accepted: Accepted[] = [];
    for (const [index, make] of REPORTS.entries()) accepted.push(await submitReport(apps[index % instances]?.base ?? '', make(index + 1)));
    resources.accepted = accepted;
    await scenario.crashAt({ writes: true }, apps, { after: 2, what: 'the crash while filing (3rd write)' });

    apps = await startAll();
    await scenario.waitFor('every report to be filed', async () => (await Promise.all(accepted.map((a) => issueOf(a.id)))).every((n) => n !== null), PHASE_TIMEOUT_MS);

    const commands: Command[] = accepted.slice(0, SEVERITIES.length).map((a, i) => ({ reportId: a.id, commentId: 9301 + i, severity: SEVERITIES[i] ?? 'low' }));
    resources.commands = commands;
    for (const [index, command] of commands.entries()) {
      const issueNumber = (await issueOf(command.reportId)) ?? -1;
      const issueBody = fake.issue(ORG, TRACKING_REPO, issueNumber)?.body ?? null;
      const payload = issueCommentPayload({
        org: ORG,
        repo: TRACKING_REPO,
        installationId: INSTALLATION_ID,
        issueNumber,
        issueBody,
        commentId: command.commentId,
        body: `/severity ${command.severity}`,
        login: STAFF,
      });
      const response = await deliverWebhook(apps[index % instances]?.base ?? '', 'issue_comment', payload, `chaos-${command.commentId}`);
      if (response.status !== 200) throw new Error(`webhook for comment ${command.commentId} answered ${response.status}\n${await scenario.diagnostics()}`);
    }
    await scenario.crashAt({ writes: true }, apps, { after: 1, what: 'the crash while applying commands (2nd write)' });

    await startAll();
    await scenario.waitFor('an empty outbox', async () => (await db.probe.pendingJobs()).length === 0, PHASE_TIMEOUT_MS);
    return { fake, db, accepted, commands };
  } finally {
    await scenario.stopAll();
  }
}

const runs = new Map<string, Promise<Run>>();
const resourcesOf = new Map<string, Partial<Run>>();

/** Starts every backend's scenario (once) and resolves with `backend`'s. */
function runOf(backend: FaultBackend): Promise<Run> {
  if (runs.size === 0) {
    for (const each of faultBackends.filter((b) => b.runs)) {
      const resources: Partial<Run> = {};
      resourcesOf.set(each.name, resources);
      const run = chaos(each, each.name === 'sqlite' ? 1 : 2, resources);
      // Awaited by its own suite later; meanwhile a failure is not "unhandled".
      run.catch(() => undefined);
      runs.set(each.name, run);
    }
  }
  const run = runs.get(backend.name);
  if (run === undefined) throw new Error(`no scenario for ${backend.name}`);
  return run;
}

afterAll(async () => {
  await Promise.allSettled(runs.values());
  for (const resources of resourcesOf.values()) {
    await resources.db?.close();
    await resources.fake?.close();
  }
  await cleanupStores();
});

describeFaultBackends('GitHub failing 30 % of writes and losing 10 % of the answers, every instance killed twice', (backend) => {
  let fake: FakeGitHub;
  let db: FaultDatabase;
  let accepted: Accepted[];
  let commands: Command[];

  beforeAll(async () => {
    ({ fake, db, accepted, commands } = await runOf(backend));
  }, 2 * PHASE_TIMEOUT_MS + 100_000);

  it('ran in the weather it says: server errors, and lost answers to issue and comment creates', () => {
    const injected = fake.requests.flatMap((r) => (r.injected === undefined ? [] : [`${r.injected} ${r.route ?? r.path}`]));

    expect(injected.filter((fault) => fault.startsWith('5xx ')).length, 'server errors').toBeGreaterThan(0);
    // If the app's requests change, the seed may miss these: pick another one (SEEDS).
    expect(injected, 'faults injected').toContain('lost-answer POST /repos/{owner}/{repo}/issues');
    expect(injected, 'faults injected').toContain('lost-answer POST /repos/{owner}/{repo}/issues/{issue_number}/comments');
  });

  it('files every accepted report as exactly one tracking issue', async () => {
    const issuesByReport = Object.fromEntries(accepted.map((a) => [a.id, fake.issuesWithMarker(ORG, TRACKING_REPO, reportMarker(a.id)).map((i) => i.number)]));
    const recorded = await Promise.all(accepted.map(async (a) => [a.id, [(await db.store.getReport(a.id))?.issueNumber ?? null]] as const));

    expect(issuesByReport, 'issues carrying each report’s marker').toEqual(Object.fromEntries(recorded));
    const markers = (fake.repo(ORG, TRACKING_REPO)?.issues ?? []).map((i) => findReportId(i.body ?? '') ?? `#${i.number} without marker`);
    expect(markers.sort(), 'one issue per report, nothing else').toEqual(accepted.map((a) => a.id).sort());
  });

  it('posts no comment twice (job, continuation and triage-notes markers)', () => {
    const bodies = fake.allComments(ORG, TRACKING_REPO).map((c) => c.body);

    expect(repeatedCommentMarkers(bodies)).toEqual({});
  });

  it('applies every staff command: its label, its severity, one reply', async () => {
    const outcomes = await Promise.all(
      commands.map(async (command) => {
        const issueNumber = (await db.store.getReport(command.reportId))?.issueNumber ?? -1;
        const labels = fake.issue(ORG, TRACKING_REPO, issueNumber)?.labels ?? [];
        const replies = fake.commentsOf(ORG, TRACKING_REPO, issueNumber).filter((c) => c.body.includes(`disclosure-desk:job=comment:${command.commentId} `));
        return {
          comment: command.commentId,
          label: labels.filter((l) => l.startsWith('severity:')),
          stored: (await db.store.getTriage(command.reportId))?.severity ?? null,
          replies: replies.length,
        };
      }),
    );

    expect(outcomes).toEqual(commands.map((c) => ({ comment: c.commentId, label: [`severity:${c.severity}`], stored: c.severity, replies: 1 })));
  });

  it('leaves nothing pending in the outbox and sent GitHub nothing it would refuse', async () => {
    expect(await db.probe.pendingJobs()).toEqual([]);
    expect(fake.state.invalidRequests).toEqual([]);
  });
});
