import { afterEach, beforeEach, expect, it } from 'vitest';
import { reportMarker } from '../../src/issue-text/marker.js';
import { deliverWebhook, issueCommentPayload } from '../helpers/comment-webhook.js';
import { type FaultApp, startFaultApp } from '../helpers/fault-app.js';
import { describeFaultBackends, type FaultDatabase } from '../helpers/fault-backends.js';
import {
  ADVISORY_REPO,
  type ApiReport,
  INSTALLATION_ID,
  longReport,
  ORG,
  outOfScopeReport,
  plainReport,
  reportWithAttachment,
  seedGitHub,
  STAFF,
  TRACKING_REPO,
} from '../helpers/fault-fixtures.js';
import { fileThroughApi, startCheckedFakeGitHub } from '../helpers/fault-world.js';
import type { FakeGitHub } from '../helpers/fake-github.js';
import { cleanupStores } from '../helpers/stores.js';

// Rule "exactly once under lost answers" (README), one create at a time: GitHub performs the write and the answer never
// arrives (the fake's `lost-answer`). The app runs in Probot with Octokit's retry plugin
// as Probot ships it, so a blind repeat of the POST shows as a second object. After the
// outbox has run to completion there must be exactly one of each.

describeFaultBackends('a lost answer to a create leaves exactly one object', (backend) => {
  let fake: FakeGitHub;
  let db: FaultDatabase;
  let app: FaultApp;
  let commentIds = 7000;

  /** What beforeEach opened, closed in reverse order after the test (also when set-up failed half-way). */
  const cleanups: Array<() => Promise<void>> = [];

  beforeEach(async () => {
    fake = await startCheckedFakeGitHub(cleanups);
    db = await backend.createDatabase();
    cleanups.push(cleanupStores, db.close);
    seedGitHub(fake);
    app = await startFaultApp(fake, { store: db.store, probe: db.probe });
    cleanups.push(app.stop);
  });

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  const file = (report: ApiReport) => fileThroughApi(app, db.store, report);

  /** A staff comment delivered as a signed webhook; resolves with its comment id. */
  async function command(issueNumber: number, body: string): Promise<number> {
    commentIds += 1;
    const issueBody = fake.issue(ORG, TRACKING_REPO, issueNumber)?.body ?? null;
    const payload = issueCommentPayload({ org: ORG, repo: TRACKING_REPO, installationId: INSTALLATION_ID, issueNumber, issueBody, commentId: commentIds, body, login: STAFF });
    const response = await deliverWebhook(app.base, 'issue_comment', payload, `delivery-${commentIds}`);
    expect(response.status, 'webhook answer').toBe(200);
    return commentIds;
  }

  function lostAnswers(): string[] {
    return fake.requests.filter((r) => r.injected === 'lost-answer').map((r) => `${r.method} ${r.path} → ${r.performedStatus ?? '?'}`);
  }

  function commentBodies(issueNumber: number): string[] {
    return fake.commentsOf(ORG, TRACKING_REPO, issueNumber).map((c) => c.body);
  }

  it('files exactly one tracking issue when the answer to its create is lost', async () => {
    fake.failNext({ kind: 'lost-answer', method: 'POST', path: /^\/repos\/acme\/security-reports\/issues$/ });

    const { accepted, issueNumber } = await file(plainReport(1));

    expect(lostAnswers()).toEqual([`POST /repos/acme/security-reports/issues → 201`]);
    const issues = fake.issuesWithMarker(ORG, TRACKING_REPO, reportMarker(accepted.id)).map((i) => i.number);
    expect(issues, 'issues carrying the report marker').toEqual([issueNumber]);
    expect(fake.repo(ORG, TRACKING_REPO)?.issues).toHaveLength(1);
  });

  it('posts each continuation comment of a long report once when the answer to one is lost', async () => {
    fake.failNext({ kind: 'lost-answer', method: 'POST', path: /\/issues\/\d+\/comments$/, body: /disclosure-desk:continuation=/ });

    const { accepted, issueNumber } = await file(longReport(2));

    expect(lostAnswers()).toHaveLength(1);
    const parts = commentBodies(issueNumber).filter((body) => body.includes(`disclosure-desk:continuation=${accepted.id}:`));
    const indexes = parts.map((body) => /continuation=DD-[0-9A-Z]+:(\d+)/.exec(body)?.[1]);
    expect(indexes.length, 'continuation comments').toBeGreaterThan(0);
    expect(indexes, 'each continuation part exactly once').toEqual([...new Set(indexes)]);
    expect(fake.issuesWithMarker(ORG, TRACKING_REPO, reportMarker(accepted.id))).toHaveLength(1);
  });

  it('files the triage notes of an out-of-scope report in the one issue, once, when the answer to its create is lost', async () => {
    fake.failNext({ kind: 'lost-answer', method: 'POST', path: /^\/repos\/acme\/security-reports\/issues$/ });

    const { accepted, issueNumber } = await file(outOfScopeReport(3));

    expect(lostAnswers()).toHaveLength(1);
    expect(fake.issuesWithMarker(ORG, TRACKING_REPO, reportMarker(accepted.id))).toHaveLength(1);
    const body = fake.issue(ORG, TRACKING_REPO, issueNumber)?.body ?? '';
    expect(body.split(`disclosure-desk:triage-notes=${accepted.id}`), 'triage notes in the body').toHaveLength(2);
    // No comment was needed for them: one content-creating request filed the report.
    expect(commentBodies(issueNumber).filter((comment) => comment.includes('disclosure-desk:triage-notes='))).toEqual([]);
    expect(fake.issue(ORG, TRACKING_REPO, issueNumber)?.labels).toContain('scope:unclear');
  });

  it('posts the reply to a staff command once when the answer is lost', async () => {
    const { issueNumber } = await file(plainReport(4));
    fake.failNext({ kind: 'lost-answer', method: 'POST', path: /\/issues\/\d+\/comments$/, body: /disclosure-desk:job=/ });

    const commentId = await command(issueNumber, '/severity high');
    await app.drain();

    expect(lostAnswers()).toHaveLength(1);
    const replies = commentBodies(issueNumber).filter((body) => body.includes(`disclosure-desk:job=comment:${commentId} `));
    expect(replies, 'reply comments of the command').toHaveLength(1);
    expect(fake.issue(ORG, TRACKING_REPO, issueNumber)?.labels).toContain('severity:high');
  });

  it('opens exactly one draft advisory on /accept when the answer to its create is lost', async () => {
    const { accepted, issueNumber } = await file(plainReport(5, { contact: { github: 'ada-l' }, credit: 'name' }));
    fake.setPermission(ORG, ADVISORY_REPO, 'ada-l', 'read');
    fake.failNext({ kind: 'lost-answer', method: 'POST', path: /^\/repos\/acme\/internal\/security-advisories$/ });

    await command(issueNumber, `/accept ${ORG}/${ADVISORY_REPO}`);
    await app.drain();

    expect(lostAnswers()).toEqual([`POST /repos/acme/internal/security-advisories → 201`]);
    const drafts = fake.advisoriesOf(ORG, ADVISORY_REPO).filter((a) => (a.description ?? '').includes(reportMarker(accepted.id)));
    expect(drafts.map((a) => a.ghsaId), 'draft advisories carrying the report marker').toHaveLength(1);
    expect((await db.store.getTriage(accepted.id))?.ghsaId).toBe(drafts[0]?.ghsaId);
    expect(fake.issue(ORG, TRACKING_REPO, issueNumber)?.labels).toContain('advisory:draft');
  });

  it('keeps an attachment once, in the store and not in git, when the answer to the issue create is lost', async () => {
    fake.failNext({ kind: 'lost-answer', method: 'POST', path: /^\/repos\/acme\/security-reports\/issues$/ });

    const { accepted, issueNumber } = await file(reportWithAttachment(6));

    expect(lostAnswers()).toEqual([`POST /repos/acme/security-reports/issues → 201`]);
    // The file costs no GitHub write at all: nothing is committed to the tracking repository.
    expect(fake.performed({ method: 'PUT', path: /\/contents\//i }).map((r) => r.path), 'commits').toEqual([]);
    expect([...(fake.repo(ORG, TRACKING_REPO)?.files.keys() ?? [])].filter((path) => path.startsWith('attachments/'))).toEqual([]);
    const stored = await db.store.listAttachments(accepted.id);
    expect(stored.map((f) => [f.position, f.fileName, f.size])).toEqual([[1, 'trace-6.txt', Buffer.byteLength('trace of report 6\n')]]);
    expect((await db.store.getAttachment(accepted.id, 1))?.data.toString('utf8')).toBe('trace of report 6\n');
    expect(fake.issuesWithMarker(ORG, TRACKING_REPO, reportMarker(accepted.id)).map((i) => i.number)).toEqual([issueNumber]);
    expect(fake.issue(ORG, TRACKING_REPO, issueNumber)?.body).toContain('`trace-6.txt`');
  });
});
