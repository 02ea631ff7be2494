import { afterAll, beforeAll, expect, it } from 'vitest';
import { continuationMarker, reportMarker, triageNotesMarker } from '../../src/issue-text/marker.js';
import type { AppProcess } from '../helpers/app-process.js';
import { deliverWebhook, issueCommentPayload } from '../helpers/comment-webhook.js';
import { describeFaultBackends, type FaultBackend, type FaultDatabase, faultBackends } from '../helpers/fault-backends.js';
import { type Accepted, ADVISORY_REPO, INSTALLATION_ID, longReport, ORG, seedGitHub, STAFF, submitReport, TRACKING_REPO } from '../helpers/fault-fixtures.js';
import { type FakeGitHub, startFakeGitHub } from '../helpers/fake-github.js';
import { processScenario, scenarioClock } from '../helpers/process-scenario.js';
import { cleanupStores } from '../helpers/stores.js';

// Rule "exactly once under lost answers" (README) with a crash instead of a lost answer: GitHub performs the create, and the
// app process dies (SIGKILL, sent by the fake GitHub before it answers) before it can
// record it. A new process on the same database takes the job over once the dead worker's
// lease has run out (the replacement starts "later": see process-scenario.ts). One report walks through every create the app makes, dying once at
// each: tracking issue (which carries the triage notes), continuation comment, command
// reply, draft advisory. Afterwards each exists exactly once. The report's attachment costs no
// GitHub write (it is kept in the store, before the issue create), so there is no crash for it.
//
// Real processes on the real clock take a while, so the walk runs on every backend at
// once (started by the first suite that needs it); each suite then checks its own.

const SEVERITY_COMMENT = 9101;
const ACCEPT_COMMENT = 9102;
const COMMENTS = /^\/repos\/acme\/security-reports\/issues\/\d+\/comments$/;
const CONTENTS = /\/contents\//i;

interface Walk {
  fake: FakeGitHub;
  db: FaultDatabase;
  report: Accepted;
  issueNumber: number;
  /** Set when the walk itself failed; every check then fails with it. */
  error?: Error;
}

/** The walk of one backend: a crash right after each create, a new process after each. */
async function walk(backend: FaultBackend, resources: Partial<Walk>): Promise<Walk> {
  const clock = scenarioClock();
  const fake = await startFakeGitHub({ now: clock.now });
  resources.fake = fake;
  seedGitHub(fake);
  const db = await backend.createDatabase();
  resources.db = db;
  const scenario = processScenario(fake, db, clock);
  let generation = 0;
  const restart = async (): Promise<AppProcess> => {
    if (generation > 0) scenario.nextGeneration();
    generation += 1;
    return scenario.start(`${backend.name}-app-${generation}`);
  };
  const command = async (app: AppProcess, issueNumber: number, commentId: number, body: string) => {
    const issueBody = fake.issue(ORG, TRACKING_REPO, issueNumber)?.body ?? null;
    const payload = issueCommentPayload({ org: ORG, repo: TRACKING_REPO, installationId: INSTALLATION_ID, issueNumber, issueBody, commentId, body, login: STAFF });
    const response = await deliverWebhook(app.base, 'issue_comment', payload, `crash-${commentId}`);
    if (response.status !== 200) throw new Error(`webhook answered ${response.status}\n${await scenario.diagnostics()}`);
  };

  try {
    // Long (continuation comments), out of scope (triage notes) and with an attachment.
    let app = await restart();
    const crashAtIssue = scenario.crashAt({ method: 'POST', path: /^\/repos\/acme\/security-reports\/issues$/ }, [app], { what: 'the issue create' });
    const report = await submitReport(app.base, {
      ...longReport(1),
      affected: 'https://elsewhere1.example.net/login',
      attachments: [{ filename: 'trace.txt', content_type: 'text/plain', data_base64: Buffer.from('trace\n').toString('base64') }],
    });
    resources.report = report;
    await crashAtIssue;

    app = await restart();
    await scenario.crashAt({ method: 'POST', path: COMMENTS, body: /disclosure-desk:continuation=/ }, [app], { what: 'the first continuation comment' });


    app = await restart();
    const issueNumber = await scenario.waitFor('the report to be filed', async () => (await db.store.getReport(report.id))?.issueNumber);
    resources.issueNumber = issueNumber;
    const crashAtReply = scenario.crashAt({ method: 'POST', path: COMMENTS, body: new RegExp(`disclosure-desk:job=comment:${SEVERITY_COMMENT} `) }, [app], { what: 'the command reply' });
    await command(app, issueNumber, SEVERITY_COMMENT, '/severity high');
    await crashAtReply;

    app = await restart();
    await scenario.waitFor('the severity label', () => fake.issue(ORG, TRACKING_REPO, issueNumber)?.labels.includes('severity:high'));
    const crashAtAdvisory = scenario.crashAt({ method: 'POST', path: /^\/repos\/acme\/internal\/security-advisories$/ }, [app], { what: 'the advisory create' });
    await command(app, issueNumber, ACCEPT_COMMENT, `/accept ${ORG}/${ADVISORY_REPO}`);
    await crashAtAdvisory;

    await restart();
    await scenario.waitFor(
      'an empty outbox and the advisory linked',
      async () => (await db.probe.pendingJobs()).length === 0 && fake.issue(ORG, TRACKING_REPO, issueNumber)?.labels.includes('advisory:draft'),
    );
    return { fake, db, report, issueNumber };
  } finally {
    await scenario.stopAll();
  }
}

const walks = new Map<string, Promise<Walk>>();
const resourcesOf = new Map<string, Partial<Walk>>();

/** Starts the walk of every backend that runs here (once), and resolves with `backend`'s. */
function walkOf(backend: FaultBackend): Promise<Walk> {
  if (walks.size === 0) {
    for (const each of faultBackends.filter((b) => b.runs)) {
      const resources: Partial<Walk> = {};
      resourcesOf.set(each.name, resources);
      const run = walk(each, resources).catch((error: unknown) => {
        throw error instanceof Error ? error : new Error(String(error));
      });
      // Awaited by its own suite later; meanwhile a failure is not "unhandled".
      run.catch(() => undefined);
      walks.set(each.name, run);
    }
  }
  const run = walks.get(backend.name);
  if (run === undefined) throw new Error(`no walk for ${backend.name}`);
  return run;
}

afterAll(async () => {
  await Promise.allSettled(walks.values());
  for (const resources of resourcesOf.values()) {
    await resources.db?.close();
    await resources.fake?.close();
  }
  await cleanupStores();
});

describeFaultBackends('a crash right after a create leaves exactly one object', (backend) => {
  let fake: FakeGitHub;
  let db: FaultDatabase;
  let report: Accepted;
  let issueNumber: number;

  beforeAll(async () => {
    ({ fake, db, report, issueNumber } = await walkOf(backend));
  }, 170_000);

  it('died once right after each create (the harness did what it says)', () => {
    const crashes = fake.requests.filter((r) => r.injected === 'lost-answer').map((r) => `${r.route ?? `${r.method} ${r.path}`} → ${r.performedStatus ?? '?'}`);

    expect(crashes).toEqual([
      'POST /repos/{owner}/{repo}/issues → 201',
      'POST /repos/{owner}/{repo}/issues/{issue_number}/comments → 201',
      'POST /repos/{owner}/{repo}/issues/{issue_number}/comments → 201',
      'POST /repos/{owner}/{repo}/security-advisories → 201',
    ]);
    expect(fake.state.invalidRequests).toEqual([]);
  });

  it('keeps the attachment once, in the store, and commits nothing to the repository', async () => {
    const commits = fake.performed({ method: 'PUT', path: CONTENTS });

    expect(commits.map((r) => r.path), 'commits that took effect').toEqual([]);
    const stored = await db.store.listAttachments(report.id);
    expect(stored.map((f) => [f.position, f.fileName, f.size])).toEqual([[1, 'trace.txt', 6]]);
    expect((await db.store.getAttachment(report.id, 1))?.data.toString('utf8')).toBe('trace\n');
  });

  it('files exactly one tracking issue', async () => {
    const issues = fake.issuesWithMarker(ORG, TRACKING_REPO, reportMarker(report.id)).map((i) => i.number);

    expect(issues).toEqual([issueNumber]);
    expect((await db.store.getReport(report.id))?.status).toBe('filed');
  });

  it('posts each continuation comment once', () => {
    const bodies = fake.commentsOf(ORG, TRACKING_REPO, issueNumber).map((c) => c.body);
    const counts = [0, 1, 2].map((index) => bodies.filter((body) => body.includes(continuationMarker(report.id, index))).length);

    expect(counts[0], 'continuation comments with index 0').toBe(1);
    expect(counts.every((count) => count <= 1), `continuation comments by index: ${counts.join(', ')}`).toBe(true);
  });

  it('files the triage notes once, in the issue body', () => {
    const body = fake.issue(ORG, TRACKING_REPO, issueNumber)?.body ?? '';
    const notes = fake.commentsOf(ORG, TRACKING_REPO, issueNumber).filter((c) => c.body.includes(triageNotesMarker(report.id)));

    expect(body.split(triageNotesMarker(report.id))).toHaveLength(2);
    expect(notes).toEqual([]);
  });

  it('posts the reply to the staff command once', () => {
    const replies = fake.commentsOf(ORG, TRACKING_REPO, issueNumber).filter((c) => c.body.includes(`disclosure-desk:job=comment:${SEVERITY_COMMENT} `));

    expect(replies.map((c) => c.id)).toHaveLength(1);
    expect(fake.issue(ORG, TRACKING_REPO, issueNumber)?.labels).toContain('severity:high');
  });

  it('opens exactly one draft advisory', async () => {
    const drafts = fake.advisoriesOf(ORG, ADVISORY_REPO).filter((a) => (a.description ?? '').includes(reportMarker(report.id)));

    expect(drafts.map((a) => a.ghsaId)).toHaveLength(1);
    expect((await db.store.getTriage(report.id))?.ghsaId).toBe(drafts[0]?.ghsaId);
  });
});
