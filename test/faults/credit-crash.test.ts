import { afterEach, expect, it } from 'vitest';
import { resolvedCreditRecordMarker } from '../../src/issue-text/credit-record.js';
import { deliverWebhook, issueCommentPayload } from '../helpers/comment-webhook.js';
import { describeFaultBackends, type FaultDatabase } from '../helpers/fault-backends.js';
import { INSTALLATION_ID, ORG, plainReport, seedGitHub, STAFF, submitReport, TRACKING_REPO } from '../helpers/fault-fixtures.js';
import { type FakeGitHub, startFakeGitHub } from '../helpers/fake-github.js';
import { type ProcessScenario, processScenario, scenarioClock } from '../helpers/process-scenario.js';
import { cleanupStores } from '../helpers/stores.js';

// Rule "exactly once under lost answers" (README) with a crash: the credit of a report
// resolved without an advisory, with the app process SIGKILLed right after GitHub performed
// each of its writes (the credit record comment, then the hall-of-fame commit), and a new
// process on the same database taking over. Afterwards each exists once, and resolving the
// report again credits nothing more.

const CREDIT_COMMENT = /disclosure-desk:credit-record=/;
const COMMENTS = /^\/repos\/acme\/security-reports\/issues\/\d+\/comments$/;
const HALL_OF_FAME = /^\/repos\/acme\/\.github\/contents\/HALL_OF_FAME\.md$/;

describeFaultBackends('a crash right after each write of a credit on /resolved', (backend) => {
  let fake: FakeGitHub | undefined;
  let db: FaultDatabase | undefined;
  let scenario: ProcessScenario | undefined;

  afterEach(async () => {
    await scenario?.stopAll();
    await db?.close();
    await fake?.close();
    await cleanupStores();
  });

  it('credits once', async () => {
    const clock = scenarioClock();
    fake = await startFakeGitHub({ now: clock.now });
    seedGitHub(fake);
    db = await backend.createDatabase();
    const github = fake;
    const store = db.store;
    const run = processScenario(fake, db, clock);
    scenario = run;
    let commentId = 9300;
    const command = async (base: string, issueNumber: number, body: string) => {
      commentId += 1;
      const issueBody = github.issue(ORG, TRACKING_REPO, issueNumber)?.body ?? null;
      const payload = issueCommentPayload({ org: ORG, repo: TRACKING_REPO, installationId: INSTALLATION_ID, issueNumber, issueBody, commentId, body, login: STAFF });
      const response = await deliverWebhook(base, 'issue_comment', payload, `credit-crash-${commentId}`);
      if (response.status !== 200) throw new Error(`webhook answered ${response.status}\n${await run.diagnostics()}`);
    };
    const creditComments = (issueNumber: number) => github.commentsOf(ORG, TRACKING_REPO, issueNumber).filter((c) => CREDIT_COMMENT.test(c.body));
    const hallOfFame = () => github.repo(ORG, '.github')?.files.get('HALL_OF_FAME.md')?.content.toString('utf8') ?? '';

    let app = await run.start(`${backend.name}-credit-1`);
    const report = await submitReport(app.base, plainReport(61, { contact: { name: 'Ada Lovelace', github: 'ada-l' }, credit: 'name' }));
    const issueNumber = await run.waitFor('the report to be filed', async () => (await store.getReport(report.id))?.issueNumber);
    await command(app.base, issueNumber, '/severity high\n/reward 500 EUR');
    await run.waitFor('the severity label', () => github.issue(ORG, TRACKING_REPO, issueNumber)?.labels.includes('severity:high'));

    const crashAtCredit = run.crashAt({ method: 'POST', path: COMMENTS, body: CREDIT_COMMENT }, [app], { what: 'the credit record comment' });
    await command(app.base, issueNumber, '/resolved');
    await crashAtCredit;

    run.nextGeneration();
    app = await run.start(`${backend.name}-credit-2`);
    await run.crashAt({ method: 'PUT', path: HALL_OF_FAME }, [app], { what: 'the hall-of-fame commit' });

    run.nextGeneration();
    app = await run.start(`${backend.name}-credit-3`);
    await run.waitFor('an empty outbox', async () => (await db?.probe.pendingJobs())?.length === 0);
    await command(app.base, issueNumber, '/accept');
    await command(app.base, issueNumber, '/resolved');
    await run.waitFor('the report resolved again and an empty outbox', async () => (await store.getTriage(report.id))?.status === 'resolved' && (await db?.probe.pendingJobs())?.length === 0);

    const lost = github.requests.filter((r) => r.injected === 'lost-answer').map((r) => `${r.route ?? r.path} → ${r.performedStatus ?? '?'}`);
    expect(lost).toEqual(['POST /repos/{owner}/{repo}/issues/{issue_number}/comments → 201', 'PUT /repos/{owner}/{repo}/contents/{path} → 201']);
    const comments = creditComments(issueNumber);
    expect(comments, 'credit record comments').toHaveLength(1);
    expect(comments[0]?.body).toContain(resolvedCreditRecordMarker(report.id));
    expect(comments[0]?.body).toContain('| Reward | EUR 500 |');
    expect(github.performed({ method: 'PUT', path: HALL_OF_FAME }), 'hall-of-fame commits that took effect').toHaveLength(1);
    expect(hallOfFame().split('Ada Lovelace')).toHaveLength(2);
    expect(await store.listCreditRecords(ORG)).toHaveLength(1);
    expect((await store.listEvents(report.id)).filter((event) => event.type === 'credited')).toHaveLength(1);
    expect(github.state.invalidRequests).toEqual([]);
  }, 170_000);
});
