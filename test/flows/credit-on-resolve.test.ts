import { beforeEach, expect, it } from 'vitest';
import { creditRecordMarker, resolvedCreditRecordMarker } from '../../src/issue-text/credit-record.js';
import { noAdvisoryCreditKey } from '../../src/issue-text/hall-of-fame.js';
import { TransientError } from '../../src/errors.js';
import type { ReportInputRaw } from '../../src/report/report.js';
import type { CreditRecord } from '../../src/store/triage-records.js';
import type { TriageChange } from '../../src/store/triage-records.js';
import { advisoryEventPayload } from '../helpers/advisory-payloads.js';
import { type Desk, type FiledReport, ORG, openDesk } from '../helpers/filed-report.js';
import { describeEachBackend } from '../helpers/stores.js';

// Credit without an advisory (README "Advisories, private vulnerability reporting and
// credit"): a report resolved with `/resolved` and no GitHub advisory is credited as the
// researcher chose, once: the credit record on the tracking issue, the hall-of-fame entry
// and the reward. A report with an advisory is credited when it is published; whichever
// credit comes first stands.

const RESEARCHER = 'ada-l';
const HALL_OF_FAME = `${ORG}/.github/HALL_OF_FAME.md`;
/** Past any backoff the worker gives a failed job here. */

describeEachBackend('crediting a report resolved without an advisory', (backend) => {
  let desk: Desk;

  beforeEach(async () => {
    desk = await openDesk(await backend.open(), { config: { rewards: { currency: 'EUR', by_severity: { high: { min: 500, max: 2000 } } } } });
    desk.github.repos.set(`${ORG}/widget`, { private: false, archived: false });
  });

  /** Files a report and runs `commands`, one comment each, the worker after each. */
  async function reportWith(input: Partial<ReportInputRaw>, commands: string[]): Promise<FiledReport> {
    const report = await desk.file(input);
    for (const command of commands) await run(report, command);
    return report;
  }

  async function run(report: FiledReport, command: string): Promise<void> {
    await desk.comment(report.issueNumber, command);
    await desk.core.worker.runOnce();
  }


  function creditComments(report: FiledReport): string[] {
    return desk.commentsOn(report.issueNumber).filter((body) => body.includes('disclosure-desk:credit-record='));
  }

  function hallOfFame(): string {
    return desk.github.repoFileState.get(HALL_OF_FAME)?.text ?? '';
  }

  async function creditedEvents(report: FiledReport): Promise<number> {
    return (await desk.store.listEvents(report.id)).filter((event) => event.type === 'credited').length;
  }

  it('posts the credit record, lists the researcher in the hall of fame and records the reward, once', async () => {
    const report = await reportWith({ contact: { name: 'Ada Lovelace', github: RESEARCHER }, credit: 'name' }, ['/severity high\n/accept\n/reward 750 EUR Thanks', '/resolved']);
    const resolvedAt = desk.now();

    expect(await desk.store.listCreditRecords(ORG)).toEqual([
      {
        ghsaId: noAdvisoryCreditKey(report.id),
        org: ORG,
        reportId: report.id,
        advisoryUrl: '',
        cveId: null,
        summary: '',
        publishedAt: resolvedAt,
        researchers: [{ display: 'Ada Lovelace', kind: 'name' }],
        reward: { amount: 750, currency: 'EUR' },
      } satisfies CreditRecord,
    ]);
    const comments = creditComments(report);
    expect(comments).toHaveLength(1);
    const [comment] = comments as [string];
    expect(comment).toContain(resolvedCreditRecordMarker(report.id));
    expect(comment).toContain('The report was resolved without a GitHub advisory.');
    expect(comment).toContain("| Researcher's choice | credit by name: Ada Lovelace |");
    expect(comment).toContain('| GitHub account | `@ada-l` |');
    expect(comment).toContain('| Reward | EUR 750 — Thanks |');
    expect(comment).toMatch(/\| Report resolved \| .*2026/);
    expect(comment).not.toContain('| Advisory |');
    // The public file: the name, no advisory link, and nothing of the report.
    expect(hallOfFame()).toContain(`| ${resolvedAt.toISOString().slice(0, 10)} | Ada Lovelace | — | — | — |`);
    expect(hallOfFame()).not.toContain(report.id);
    expect(hallOfFame()).not.toContain('no-advisory:');
    const issue = desk.issue(report.issueNumber);
    expect(issue.state).toBe('closed');
    expect(issue.labels).toContain('status:resolved');
    expect(await creditedEvents(report)).toBe(1);

    // The worker again, later, and the command again: nothing more.
    await desk.runLater();
    await run(report, '/resolved');
    expect(creditComments(report)).toHaveLength(1);
    expect(await desk.store.listCreditRecords(ORG)).toHaveLength(1);
    expect(await creditedEvents(report)).toBe(1);
  });

  it.each([
    { credit: 'name' as const, contact: { name: 'Ada Lovelace', github: RESEARCHER }, researchers: [{ display: 'Ada Lovelace', kind: 'name' }], choice: 'credit by name: Ada Lovelace', listed: 'Ada Lovelace' },
    { credit: 'name' as const, contact: { github: RESEARCHER }, researchers: [{ display: RESEARCHER, kind: 'login' }], choice: 'credit under their GitHub account `@ada-l`', listed: '`@ada-l`' },
    { credit: 'pseudonym' as const, contact: { name: 'Nightjar', github: RESEARCHER }, researchers: [{ display: 'Nightjar', kind: 'pseudonym' }], choice: 'credit under the pseudonym Nightjar', listed: 'Nightjar' },
  ])('credits a researcher who chose $credit as "$listed"', async ({ credit, contact, researchers, choice, listed }) => {
    const report = await reportWith({ contact, credit }, ['/severity high', '/resolved']);

    expect((await desk.store.listCreditRecords(ORG)).map((record) => record.researchers)).toEqual([researchers]);
    expect(creditComments(report)[0]).toContain(`| Researcher's choice | ${choice} |`);
    expect(hallOfFame()).toContain(`| ${listed} | — |`);
    if (credit === 'pseudonym') expect(hallOfFame()).not.toContain(RESEARCHER);
  });

  it('lists nobody for a researcher who declined credit, and says so in the record', async () => {
    const report = await reportWith({ contact: { name: 'Secret Person', github: 'secret-login' }, credit: 'anonymous' }, ['/severity high\n/reward 100 EUR', '/resolved']);

    const comments = creditComments(report);
    expect(comments).toHaveLength(1);
    expect(comments[0]).toContain("| Researcher's choice | anonymous: no credit, and no name is shown anywhere |");
    expect(comments[0]).toContain('| Reward | EUR 100 |');
    expect(comments[0]).not.toContain('Secret Person');
    expect(comments[0]).not.toContain('secret-login');
    expect(await desk.store.listCreditRecords(ORG)).toEqual([]);
    expect(desk.github.repoFileState.get(HALL_OF_FAME)).toBeUndefined();
    expect(await creditedEvents(report)).toBe(1);
  });

  it('writes the credit record in the tracking language', async () => {
    desk.configure({ tracking: { language: 'nl' } });
    const report = await reportWith({ contact: { name: 'Ada Lovelace' }, credit: 'pseudonym' }, ['/resolved']);

    const [comment] = creditComments(report);
    expect(comment).toContain('De melding is opgelost zonder GitHub-advies.');
    expect(comment).toContain('| Keuze van de melder | vermelding onder het pseudoniem Ada Lovelace |');
    expect(comment).toContain('| Beloning | geen |');
  });

  it('credits once when the report is reopened and resolved again', async () => {
    const report = await reportWith({ contact: { name: 'Ada Lovelace' }, credit: 'name' }, ['/severity high', '/resolved', '/accept', '/resolved']);
    await desk.core.issueChanged({ action: 'reopened', org: ORG, repo: 'security-reports', issueNumber: report.issueNumber, updatedAt: '2026-03-05T10:00:00Z', by: 'alice' });
    await desk.core.worker.runOnce();
    await run(report, '/resolved');
    await desk.runLater();

    expect(creditComments(report)).toHaveLength(1);
    expect(await desk.store.listCreditRecords(ORG)).toHaveLength(1);
    expect(hallOfFame().split('Ada Lovelace')).toHaveLength(2);
    expect((await desk.store.getTriage(report.id))?.status).toBe('resolved');
  });

  it('credits a report reopened before its credit ran when it is resolved again', async () => {
    const report = await desk.file({ contact: { name: 'Ada Lovelace' }, credit: 'name' });
    // Both in one go: the credit of the first /resolved runs when the report is open again.
    await desk.comment(report.issueNumber, '/resolved');
    await desk.comment(report.issueNumber, '/accept');
    await desk.core.worker.runOnce();
    expect(creditComments(report)).toEqual([]);

    await run(report, '/resolved');

    expect(creditComments(report)).toHaveLength(1);
    expect(await desk.store.listCreditRecords(ORG)).toHaveLength(1);
  });

  it.each([
    ['duplicate', '/duplicate #99'],
    ['out of scope', '/scope out physical'],
    ['rejected', '/reject Not a vulnerability'],
    ['resolved, then reopened in the same comment', '/resolved\n/accept'],
  ])('credits nobody for a report closed as %s', async (_how, command) => {
    const report = await reportWith({ contact: { name: 'Ada Lovelace', github: RESEARCHER }, credit: 'name' }, ['/severity high\n/reward 200 EUR', command]);
    await desk.runLater();

    expect(creditComments(report)).toEqual([]);
    expect(await desk.store.listCreditRecords(ORG)).toEqual([]);
    expect(desk.github.repoFileState.get(HALL_OF_FAME)).toBeUndefined();
    expect(await creditedEvents(report)).toBe(0);
  });

  it('credits a known issue closed with /known nobody', async () => {
    desk.configure({ known_issues: [{ id: 'csp', title: 'CSP is report-only', keywords: ['csp'] }] });
    const report = await reportWith({ contact: { name: 'Ada Lovelace' }, credit: 'name' }, ['/known csp']);

    expect(creditComments(report)).toEqual([]);
    expect(await desk.store.listCreditRecords(ORG)).toEqual([]);
  });

  it('leaves the credit of a report with a draft advisory to its publication: resolved, then published, credited once', async () => {
    const report = await reportWith({ contact: { name: 'Ada Lovelace', github: RESEARCHER }, credit: 'name' }, ['/severity high\n/accept acme/widget\n/reward 750 EUR', '/resolved']);
    const ghsaId = (await desk.store.getTriage(report.id))?.ghsaId ?? '';
    expect(ghsaId).toMatch(/^GHSA-/);
    expect(creditComments(report)).toEqual([]);
    expect(await desk.store.listCreditRecords(ORG)).toEqual([]);

    await desk.core.advisoryEvent(advisoryEventPayload('published', { ghsaId, publishedAt: '2026-03-20T12:00:00Z', credits: [{ login: RESEARCHER, type: 'finder', state: 'accepted' }] }));
    await desk.core.worker.runOnce();
    await run(report, '/resolved');
    await desk.runLater();

    const comments = creditComments(report);
    expect(comments).toHaveLength(1);
    expect(comments[0]).toContain(creditRecordMarker(ghsaId));
    expect(comments[0]).toContain('| Reward | EUR 750 |');
    expect((await desk.store.listCreditRecords(ORG)).map((record) => record.ghsaId)).toEqual([ghsaId]);
    expect(hallOfFame().split('Ada Lovelace')).toHaveLength(2);
    expect(hallOfFame()).toContain(`[${ghsaId}]`);
    expect(await creditedEvents(report)).toBe(1);
  });

  it('keeps the credit given on /resolved when an advisory opened later is published', async () => {
    const report = await reportWith({ contact: { name: 'Ada Lovelace', github: RESEARCHER }, credit: 'name' }, ['/severity high', '/resolved', '/advisory acme/widget']);
    const ghsaId = (await desk.store.getTriage(report.id))?.ghsaId ?? '';
    expect(ghsaId).toMatch(/^GHSA-/);

    await desk.core.advisoryEvent(advisoryEventPayload('published', { ghsaId, publishedAt: '2026-03-20T12:00:00Z' }));
    await desk.core.worker.runOnce();
    await desk.core.advisoryEvent(advisoryEventPayload('published', { ghsaId, publishedAt: '2026-03-20T12:00:00Z' }));
    await desk.runLater();

    const comments = creditComments(report);
    expect(comments).toHaveLength(1);
    expect(comments[0]).toContain(resolvedCreditRecordMarker(report.id));
    const published = desk.commentsOn(report.issueNumber).filter((body) => body.includes(`disclosure-desk:job=published:${ghsaId}`));
    expect(published).toHaveLength(1);
    expect(published[0]).toContain('The researcher was credited when the report was resolved');
    expect((await desk.store.listCreditRecords(ORG)).map((record) => record.ghsaId)).toEqual([noAdvisoryCreditKey(report.id)]);
    expect(hallOfFame().split('Ada Lovelace')).toHaveLength(2);
    expect(desk.issue(report.issueNumber).labels).toContain('status:published');
    expect(await creditedEvents(report)).toBe(1);
  });

  it('posts the credit record once when GitHub answers 5xx, and once when it loses the answer', async () => {
    const issues = await desk.github.issues(7);
    const createComment = issues.createComment.bind(issues);
    let failures = 0;
    issues.createComment = async (owner, repo, issueNumber, body) => {
      if (body.includes('disclosure-desk:credit-record=') && failures < 2) {
        failures += 1;
        // First a 502 (nothing posted), then a write GitHub performs and whose answer is lost.
        if (failures === 2) await createComment(owner, repo, issueNumber, body);
        throw new TransientError('create comment: server error (502)', 502);
      }
      return createComment(owner, repo, issueNumber, body);
    };

    const report = await reportWith({ contact: { name: 'Ada Lovelace' }, credit: 'name' }, ['/severity high', '/resolved']);
    await desk.runLater();

    expect(failures).toBe(2);
    expect(creditComments(report)).toHaveLength(1);
    expect(await desk.store.listCreditRecords(ORG)).toHaveLength(1);
    expect(hallOfFame().split('Ada Lovelace')).toHaveLength(2);
  });

  it('finishes a credit that stopped between storing it and recording the comment, once, even if the report was reopened since', async () => {
    const store = desk.store;
    const saveTriage = store.saveTriage.bind(store);
    let stopped = 0;
    store.saveTriage = async (change: TriageChange) => {
      if (change.jobs[0]?.key.startsWith('credit-record:') === true && stopped === 0) {
        stopped += 1;
        // The process dies here: the credit is stored, the comment and hall of fame are not queued.
        throw new Error('process died');
      }
      return saveTriage(change);
    };

    const report = await reportWith({ contact: { name: 'Ada Lovelace' }, credit: 'name' }, ['/severity high', '/resolved']);
    expect(stopped).toBe(1);
    expect(await desk.store.listCreditRecords(ORG)).toHaveLength(1);
    expect(creditComments(report)).toEqual([]);
    await run(report, '/accept');
    await desk.runLater();

    expect(creditComments(report)).toHaveLength(1);
    expect(await desk.store.listCreditRecords(ORG)).toHaveLength(1);
    expect(hallOfFame().split('Ada Lovelace')).toHaveLength(2);
    expect(await creditedEvents(report)).toBe(1);

    await run(report, '/resolved');
    await desk.runLater();
    expect(creditComments(report)).toHaveLength(1);
  });
});
