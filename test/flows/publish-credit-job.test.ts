import { beforeEach, expect, it } from 'vitest';
import { creditRecordMarker } from '../../src/issue-text/credit-record.js';
import { TransientError } from '../../src/errors.js';
import type { ReportInputRaw } from '../../src/report/report.js';
import type { CreditRecord } from '../../src/store/triage-records.js';
import { advisoryEventPayload, type AdvisoryEventOverrides } from '../helpers/advisory-payloads.js';
import type { FakeAdvisory } from '../helpers/fake-issues.js';
import { type Desk, type FiledReport, ORG, TRACKING_REPO, openDesk } from '../helpers/filed-report.js';
import { describeEachBackend } from '../helpers/stores.js';

const RESEARCHER = 'ada-l';
const PUBLISHED_AT = '2026-03-20T12:00:00Z';
const PVR_GHSA = 'GHSA-2345-6789-cfgh';

describeEachBackend('recording credit when an advisory is published', (backend) => {
  let desk: Desk;

  /** Files a report, accepts it into acme/widget and runs the worker: the draft advisory exists. */
  async function acceptedReport(input: Partial<ReportInputRaw>, extraCommands: string[] = []): Promise<{ report: FiledReport; advisory: FakeAdvisory }> {
    const report = await desk.file(input);
    await desk.comment(report.issueNumber, ['/severity high', '/accept acme/widget', ...extraCommands].join('\n'));
    await desk.core.worker.runOnce();
    const advisory = desk.github.advisoryState.get(`${ORG}/widget`)?.find((candidate) => candidate.description.includes(report.id));
    if (advisory === undefined) throw new Error(`no draft advisory for ${report.id}`);
    return { report, advisory };
  }

  /** The `published` webhook for `ghsaId`, delivered to the core, then the worker run. */
  async function publish(ghsaId: string, overrides: AdvisoryEventOverrides = {}): Promise<void> {
    const outcome = await desk.core.advisoryEvent(advisoryEventPayload('published', { ghsaId, publishedAt: PUBLISHED_AT, ...overrides }));
    expect(outcome).toBe('queued');
    await desk.core.worker.runOnce();
  }

  function creditComments(report: FiledReport, ghsaId: string): string[] {
    return desk.commentsOn(report.issueNumber).filter((body) => body.includes(creditRecordMarker(ghsaId)));
  }

  beforeEach(async () => {
    desk = await openDesk(await backend.open(), { config: { rewards: { currency: 'EUR', by_severity: { high: { min: 500, max: 2000 } } } } });
    desk.github.repos.set(`${ORG}/widget`, { private: false, archived: false });
  });

  it('records the credit, posts the credit record, marks the issue published and closes it, and queues the hall of fame', async () => {
    const { report, advisory } = await acceptedReport({ contact: { name: 'Ada Lovelace', github: RESEARCHER }, credit: 'name' }, ['/reward 750 EUR']);

    await publish(advisory.ghsaId, { credits: [{ login: RESEARCHER, type: 'finder', state: 'accepted' }] });

    const records = await desk.store.listCreditRecords(ORG);
    expect(records).toEqual([
      {
        ghsaId: advisory.ghsaId,
        org: ORG,
        reportId: report.id,
        advisoryUrl: `https://github.com/acme/widget/security/advisories/${advisory.ghsaId}`,
        cveId: 'CVE-2026-12345',
        summary: 'Stored XSS in the profile page',
        publishedAt: new Date(PUBLISHED_AT),
        researchers: [{ display: 'Ada Lovelace', kind: 'name' }],
        reward: { amount: 750, currency: 'EUR' },
      } satisfies CreditRecord,
    ]);
    const comments = creditComments(report, advisory.ghsaId);
    expect(comments).toHaveLength(1);
    const [comment] = comments as [string];
    expect(comment).toContain(`| Advisory | [${advisory.ghsaId}](https://github.com/acme/widget/security/advisories/${advisory.ghsaId}) |`);
    expect(comment).toContain('| CVE | [CVE-2026-12345](https://www.cve.org/CVERecord?id=CVE-2026-12345) |');
    expect(comment).toContain("| Researcher's choice | credit by name: Ada Lovelace |");
    expect(comment).toContain('| Reward | EUR 750 |');
    const issue = desk.issue(report.issueNumber);
    expect(issue.labels).toContain('status:published');
    expect(issue.labels).not.toContain('status:accepted');
    expect(issue.labels).not.toContain('advisory:draft');
    expect(issue.labels.filter((label) => label.startsWith('status:'))).toEqual(['status:published']);
    expect(issue.state).toBe('closed');
    expect(issue.stateReason).toBe('completed');
    const triage = await desk.store.getTriage(report.id);
    expect(triage?.status).toBe('published');
    expect(triage?.closedAt).not.toBeNull();
    const messages = await desk.store.listMessages(report.id);
    expect(messages.map((message) => message.kind)).toContain('published');
    expect(messages.find((message) => message.kind === 'published')?.body).toContain(`https://github.com/acme/widget/security/advisories/${advisory.ghsaId}`);
    expect(await desk.store.getJob(`hall-of-fame:${advisory.ghsaId}`)).not.toBeNull();
  });

  it.each([
    { credit: 'name' as const, shown: 'by the name given', contact: { name: 'Ada Lovelace', github: RESEARCHER }, researchers: [{ display: 'Ada Lovelace', kind: 'name' }] },
    { credit: 'name' as const, shown: 'by login when no name was given', contact: { github: RESEARCHER }, researchers: [{ display: RESEARCHER, kind: 'login' }] },
    { credit: 'pseudonym' as const, shown: 'by the pseudonym alone', contact: { name: 'Nightjar', github: RESEARCHER }, researchers: [{ display: 'Nightjar', kind: 'pseudonym' }] },
    { credit: 'anonymous' as const, shown: 'not at all', contact: { name: 'Ada Lovelace', github: RESEARCHER }, researchers: [] },
  ])('credits a researcher who chose $credit $shown', async ({ credit, contact, researchers }) => {
    const { advisory } = await acceptedReport({ contact, credit });

    await publish(advisory.ghsaId, { credits: [{ login: RESEARCHER, type: 'finder', state: 'accepted' }] });

    const records = await desk.store.listCreditRecords(ORG);
    expect(records.map((record) => record.researchers)).toEqual([researchers]);
  });

  it('shows no reward in the credit record when none was decided', async () => {
    const { report, advisory } = await acceptedReport({ contact: { github: RESEARCHER }, credit: 'name' });

    await publish(advisory.ghsaId, { credits: [{ login: RESEARCHER, type: 'finder', state: 'accepted' }] });

    expect(creditComments(report, advisory.ghsaId)[0]).toContain('| Reward | none |');
    expect((await desk.store.listCreditRecords(ORG))[0]?.reward).toBeNull();
  });

  it('records one credit and posts one credit record when the published webhook is redelivered', async () => {
    const { report, advisory } = await acceptedReport({ contact: { github: RESEARCHER }, credit: 'name' });
    await publish(advisory.ghsaId);

    await publish(advisory.ghsaId);

    expect(await desk.store.listCreditRecords(ORG)).toHaveLength(1);
    expect(creditComments(report, advisory.ghsaId)).toHaveLength(1);
    expect((await desk.store.listMessages(report.id)).filter((message) => message.kind === 'published')).toHaveLength(1);
  });

  it('closes the tracking issue of a privately reported vulnerability when its advisory is published', async () => {
    await desk.core.advisoryEvent(advisoryEventPayload('reported', { ghsaId: PVR_GHSA, reporter: 'reporter-jane' }));
    await desk.core.worker.runOnce();
    const triage = await desk.store.findTriageByGhsa(PVR_GHSA);
    if (triage === null) throw new Error('the private report was not filed');
    await desk.comment(triage.issueNumber, '/accept');
    await desk.core.worker.runOnce();

    await publish(PVR_GHSA, { reporter: 'reporter-jane' });

    const issue = desk.issue(triage.issueNumber);
    expect(issue.state).toBe('closed');
    expect(issue.labels).toContain('status:published');
    expect(creditComments({ id: triage.reportId, issueNumber: triage.issueNumber }, PVR_GHSA)).toHaveLength(1);
    const records = await desk.store.listCreditRecords(ORG);
    expect(records.map((record) => [record.reportId, record.researchers])).toEqual([[triage.reportId, [{ display: 'reporter-jane', kind: 'login' }]]]);
  });

  it('closes the tracking issue of a private report that was filed only after its advisory was published', async () => {
    desk.github.failNext('createIssue', new TransientError('create issue: server error (502)', 502));
    await desk.core.advisoryEvent(advisoryEventPayload('reported', { ghsaId: PVR_GHSA, reporter: 'reporter-jane' }));
    await desk.core.worker.runOnce();
    expect(desk.github.filedIssues.get(`${ORG}/${TRACKING_REPO}`) ?? []).toHaveLength(0);

    await publish(PVR_GHSA, { reporter: 'reporter-jane' });
    for (let run = 0; run < 3; run += 1) {
      desk.setNow(new Date(desk.now().getTime() + 15 * 60_000));
      await desk.core.worker.runOnce();
    }

    const report = await desk.store.findReportByGhsa(PVR_GHSA);
    expect(report?.status).toBe('filed');
    // The credit waits for the issue, so it is recorded with the report and closes it.
    expect((await desk.store.listCreditRecords(ORG)).map((record) => record.reportId)).toEqual([report?.id]);
    const issue = desk.issue(report?.issueNumber ?? 0);
    expect(issue.state).toBe('closed');
    expect(issue.labels).toContain('status:published');
  });

  it('records the advisory’s finders and reporters for an advisory published without a tracking issue, and lists it in the hall of fame', async () => {
    await publish('GHSA-9999-8888-7777', {
      summary: 'Path traversal in the export endpoint',
      credits: [
        { login: 'bob-finds', type: 'finder', state: 'accepted' },
        { login: 'carol-reports', type: 'reporter', state: 'accepted' },
        { login: 'dave-fixes', type: 'remediation_developer', state: 'accepted' },
        { login: 'erin-declines', type: 'finder', state: 'declined' },
      ],
    });

    const records = await desk.store.listCreditRecords(ORG);
    expect(records).toHaveLength(1);
    expect(records[0]?.reportId).toBeNull();
    expect(records[0]?.researchers).toEqual([
      { display: 'bob-finds', kind: 'login' },
      { display: 'carol-reports', kind: 'login' },
    ]);
    const file = desk.github.repoFileState.get(`${ORG}/.github/HALL_OF_FAME.md`)?.text ?? '';
    expect(file).toContain('| 2026-03-20 | `@bob-finds`, `@carol-reports` | [GHSA-9999-8888-7777](https://github.com/acme/widget/security/advisories/GHSA-9999-8888-7777) | Path traversal in the export endpoint |');
    expect(file).not.toContain('dave-fixes');
    expect(file).not.toContain('erin-declines');
  });
});
