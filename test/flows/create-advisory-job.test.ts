import { beforeEach, expect, it } from 'vitest';
import { NotFoundError, RefusedError, TransientError } from '../../src/errors.js';
import type { ReportInputRaw } from '../../src/report/report.js';
import { reportMarker } from '../../src/issue-text/marker.js';
import type { FakeAdvisory } from '../helpers/fake-issues.js';
import { type Desk, type FiledReport, ORG, openDesk } from '../helpers/filed-report.js';
import { describeEachBackend } from '../helpers/stores.js';

/** Past the longest first backoff of a transient error (10 s). */
const AFTER_BACKOFF_MS = 60_000;

const RESEARCHER = 'ada-l';
const ADVANCED_SECURITY = 'Advanced Security must be enabled for this repository to create security advisories.';

describeEachBackend('opening the draft advisory of an accepted report', (backend) => {
  let desk: Desk;

  /** Files a report and clears the call log, so a test sees only what its commands do. */
  async function fileReport(input: Partial<ReportInputRaw> = {}): Promise<FiledReport> {
    const report = await desk.file(input);
    desk.github.calls.length = 0;
    return report;
  }

  function advisoriesIn(repo = 'widget'): FakeAdvisory[] {
    return desk.github.advisoryState.get(`${ORG}/${repo}`) ?? [];
  }

  /** The app's comments since `before`, without their hidden job marker line. */
  function repliesSince(report: FiledReport, before = 0): string[] {
    return desk.commentsOn(report.issueNumber).slice(before).map((body) => body.split('\n').slice(1).join('\n'));
  }

  async function eventTypes(report: FiledReport): Promise<string[]> {
    return (await desk.store.listEvents(report.id)).map((event) => event.type);
  }

  function later(ms = AFTER_BACKOFF_MS): void {
    desk.setNow(new Date(desk.now().getTime() + ms));
  }

  function count(method: string): number {
    return desk.github.calls.filter((call) => call.startsWith(`${method} `)).length;
  }

  beforeEach(async () => {
    desk = await openDesk(await backend.open());
    desk.github.repos.set(`${ORG}/widget`, { private: false, archived: false });
  });

  it('opens one draft advisory with the researcher credited and added, and links it from the issue and the store', async () => {
    const report = await fileReport({ contact: { github: RESEARCHER }, credit: 'name' });

    await desk.comment(report.issueNumber, '/accept acme/widget');
    await desk.core.worker.runOnce();

    const advisories = advisoriesIn();
    expect(advisories).toHaveLength(1);
    const [advisory] = advisories as [FakeAdvisory];
    expect(advisory.state).toBe('draft');
    expect(advisory.summary).toBe('Stored XSS in profile name');
    expect(advisory.description).toContain('### Description');
    expect(advisory.description).toContain('The profile name is rendered without escaping on the team page.');
    expect(advisory.description).toContain(reportMarker(report.id));
    expect(advisory.credits).toEqual([{ login: RESEARCHER, type: 'finder' }]);
    expect(advisory.collaboratingUsers).toEqual([RESEARCHER]);
    const replies = repliesSince(report);
    expect(replies).toHaveLength(2);
    expect(replies[1]).toBe(
      `Draft advisory [${advisory.ghsaId}](${advisory.url}) opened in \`acme/widget\`. \`${RESEARCHER}\` is credited as finder. \`${RESEARCHER}\` was added as a collaborator and follows the fix on GitHub.`,
    );
    expect(desk.issue(report.issueNumber).labels).toContain('advisory:draft');
    const triage = await desk.store.getTriage(report.id);
    expect(triage?.ghsaId).toBe(advisory.ghsaId);
    expect(triage?.advisoryUrl).toBe(advisory.url);
    expect(triage?.advisoryRepo).toBe('acme/widget');
    expect(triage?.status).toBe('accepted');
    expect(await eventTypes(report)).toContain('advisory-created');
  });

  it('credits nobody and adds no collaborator when the researcher gave no GitHub login, and says so', async () => {
    const report = await fileReport({ contact: { name: 'Ada' }, credit: 'name' });

    await desk.comment(report.issueNumber, '/accept acme/widget');
    await desk.core.worker.runOnce();

    const [advisory] = advisoriesIn() as [FakeAdvisory];
    expect(advisory.credits).toEqual([]);
    expect(advisory.collaboratingUsers).toEqual([]);
    expect(count('updateAdvisory')).toBe(0);
    expect(repliesSince(report)[1]).toBe(
      `Draft advisory [${advisory.ghsaId}](${advisory.url}) opened in \`acme/widget\`. The researcher gave no GitHub login: no credit or collaboration on GitHub.`,
    );
  });

  it('adds an anonymous researcher as a collaborator without crediting them', async () => {
    const report = await fileReport({ contact: { github: RESEARCHER }, credit: 'anonymous' });

    await desk.comment(report.issueNumber, '/accept acme/widget');
    await desk.core.worker.runOnce();

    const [advisory] = advisoriesIn() as [FakeAdvisory];
    expect(advisory.credits).toEqual([]);
    expect(advisory.collaboratingUsers).toEqual([RESEARCHER]);
    const reply = repliesSince(report)[1];
    expect(reply).not.toContain('credited as finder');
    expect(reply).toContain(`\`${RESEARCHER}\` was added as a collaborator`);
  });

  it('explains Advanced Security when GitHub refuses with 403 for that reason, and tracking goes on', async () => {
    const report = await fileReport({ contact: { github: RESEARCHER }, credit: 'name' });
    desk.github.refuseAdvisories(ORG, 'widget', new RefusedError('create advisory: forbidden (403)', 403, { detail: ADVANCED_SECURITY }));

    await desk.comment(report.issueNumber, '/accept acme/widget', { commentId: 55 });
    await desk.core.worker.runOnce();

    expect(advisoriesIn()).toEqual([]);
    const replies = repliesSince(report);
    expect(replies).toHaveLength(2);
    expect(replies[1]).toContain('without GitHub Advanced Security');
    expect(replies[1]).toContain(`GitHub says: \`${ADVANCED_SECURITY}\`.`);
    expect(replies[1]).toContain('Then repeat `/advisory acme/widget`. Tracking goes on without the advisory.');
    expect(desk.issue(report.issueNumber).labels).not.toContain('advisory:draft');
    const triage = await desk.store.getTriage(report.id);
    expect(triage?.status).toBe('accepted');
    expect(triage?.ghsaId).toBeNull();
    expect(await eventTypes(report)).toContain('advisory-refused');
    expect((await desk.store.getJob('advisory:55'))?.state).toBe('done');
  });

  it('explains the missing permission when GitHub refuses with another 403', async () => {
    const report = await fileReport({ contact: { github: RESEARCHER }, credit: 'name' });
    desk.github.refuseAdvisories(ORG, 'widget', new RefusedError('create advisory: forbidden (403)', 403, { detail: 'Resource not accessible by integration' }));

    await desk.comment(report.issueNumber, '/accept acme/widget');
    await desk.core.worker.runOnce();

    expect(advisoriesIn()).toEqual([]);
    const reply = repliesSince(report)[1];
    expect(reply).toContain('the app may not write security advisories in `acme/widget`');
    expect(reply).toContain('"Repository security advisories: write"');
    expect(reply).not.toContain('Advanced Security');
  });

  it('says the repository is not in the installation when GitHub answers 404 for a repository the app cannot see', async () => {
    const report = await fileReport({ contact: { github: RESEARCHER }, credit: 'name' });
    desk.github.refuseAdvisories(ORG, 'gadget', new NotFoundError('create advisory: not found (404)'));

    await desk.comment(report.issueNumber, '/accept acme/gadget');
    await desk.core.worker.runOnce();

    expect(advisoriesIn('gadget')).toEqual([]);
    const reply = repliesSince(report)[1];
    expect(reply).toContain("the repository `acme/gadget` does not exist or is not in the app's installation");
    expect((await desk.store.getTriage(report.id))?.status).toBe('accepted');
  });

  it('explains Advanced Security when GitHub answers 404 for a private repository', async () => {
    const report = await fileReport({ contact: { github: RESEARCHER }, credit: 'name' });
    desk.github.repos.set(`${ORG}/internal`, { private: true, archived: false });
    desk.github.refuseAdvisories(ORG, 'internal', new NotFoundError('create advisory: not found (404)'));

    await desk.comment(report.issueNumber, '/accept acme/internal');
    await desk.core.worker.runOnce();

    expect(advisoriesIn('internal')).toEqual([]);
    const reply = repliesSince(report)[1];
    expect(reply).toContain('GitHub does not allow new security advisories in a private repository (`acme/internal`) without GitHub Advanced Security');
    expect(reply).not.toContain('installation');
  });

  it('opens nothing in a repository the person who asked cannot write to', async () => {
    const report = await fileReport({ contact: { github: RESEARCHER }, credit: 'name' });
    desk.github.repos.set(`${ORG}/payroll`, { private: false, archived: false });

    await desk.comment(report.issueNumber, '/accept acme/payroll');
    await desk.core.worker.runOnce();

    expect(advisoriesIn('payroll')).toEqual([]);
    const reply = repliesSince(report)[1];
    expect(reply).toContain('has no write access to `acme/payroll`');
    expect((await desk.store.getTriage(report.id))?.status).toBe('accepted');
  });

  it('opens the advisory when /advisory is repeated after the refusal was fixed', async () => {
    const report = await fileReport({ contact: { github: RESEARCHER }, credit: 'name' });
    desk.github.refuseAdvisories(ORG, 'widget', new RefusedError('create advisory: forbidden (403)', 403, { detail: ADVANCED_SECURITY }));
    await desk.comment(report.issueNumber, '/accept acme/widget');
    await desk.core.worker.runOnce();
    desk.github.refuseAdvisories(ORG, 'widget', null);

    await desk.comment(report.issueNumber, '/advisory acme/widget');
    await desk.core.worker.runOnce();

    const advisories = advisoriesIn();
    expect(advisories).toHaveLength(1);
    expect(advisories[0]?.collaboratingUsers).toEqual([RESEARCHER]);
    expect((await desk.store.getTriage(report.id))?.ghsaId).toBe(advisories[0]?.ghsaId);
    expect(desk.issue(report.issueNumber).labels).toContain('advisory:draft');
    expect(repliesSince(report).at(-1)).toContain(`Draft advisory [${advisories[0]?.ghsaId}]`);
  });

  it('opens exactly one advisory when the job crashed after creating it, and adds the collaborator on the retry', async () => {
    const report = await fileReport({ contact: { github: RESEARCHER }, credit: 'name' });
    desk.github.failNext('updateAdvisory', new TransientError('update advisory: server error (502)', 502));

    await desk.comment(report.issueNumber, '/accept acme/widget', { commentId: 77 });
    await desk.core.worker.runOnce();

    expect(advisoriesIn()).toHaveLength(1);
    expect(advisoriesIn()[0]?.collaboratingUsers).toEqual([]);
    expect((await desk.store.getTriage(report.id))?.ghsaId).toBeNull();
    expect((await desk.store.getJob('advisory:77'))?.state).toBe('pending');

    later();
    await desk.core.worker.runOnce();

    const advisories = advisoriesIn();
    expect(advisories).toHaveLength(1);
    const [advisory] = advisories as [FakeAdvisory];
    expect(advisory.collaboratingUsers).toEqual([RESEARCHER]);
    expect(count('createAdvisory')).toBe(1);
    expect(count('findAdvisoryByMarker')).toBe(1);
    expect((await desk.store.getTriage(report.id))?.ghsaId).toBe(advisory.ghsaId);
    expect((await desk.store.getJob('advisory:77'))?.state).toBe('done');
    expect(repliesSince(report).filter((reply) => reply.startsWith('Draft advisory'))).toHaveLength(1);
  });

  it('sends /cwe to the existing draft advisory', async () => {
    const report = await fileReport({ contact: { github: RESEARCHER }, credit: 'name' });
    await desk.comment(report.issueNumber, '/accept acme/widget');
    await desk.core.worker.runOnce();

    await desk.comment(report.issueNumber, '/cwe CWE-79');
    await desk.core.worker.runOnce();

    const [advisory] = advisoriesIn() as [FakeAdvisory];
    expect(advisory.cweIds).toEqual(['CWE-79']);
    expect(advisory.collaboratingUsers).toEqual([RESEARCHER]);
    expect(advisoriesIn()).toHaveLength(1);
  });

  it('links the advisory and tells staff when GitHub refuses the researcher as a collaborator', async () => {
    const report = await fileReport({ contact: { github: RESEARCHER }, credit: 'name' });
    desk.github.refuseAdvisories(ORG, 'widget', new RefusedError('update advisory: unprocessable (422)', 422, { detail: 'Invalid collaborator' }), ['updateAdvisory']);

    await desk.comment(report.issueNumber, '/accept acme/widget');
    await desk.core.worker.runOnce();

    const [advisory] = advisoriesIn() as [FakeAdvisory];
    expect(advisory.collaboratingUsers).toEqual([]);
    expect((await desk.store.getTriage(report.id))?.ghsaId).toBe(advisory.ghsaId);
    const reply = repliesSince(report)[1] ?? '';
    expect(reply).toContain(`\`${RESEARCHER}\` is credited as finder.`);
    expect(reply).not.toContain('was added as a collaborator');
    expect(reply).toContain(`GitHub refused to add \`${RESEARCHER}\` as a collaborator`);
  });

  it('sends /cwe to the advisory a privately reported vulnerability came from', async () => {
    const ghsaId = 'GHSA-2345-6789-cfgh';
    desk.github.addAdvisory(ORG, 'widget', { ghsaId, state: 'triage', cweIds: ['CWE-20'] });
    const report = await fileReport({ contact: { github: RESEARCHER }, credit: 'name' });
    await desk.store.recordAdvisory(report.id, { ghsaId, url: `https://github.com/acme/widget/security/advisories/${ghsaId}`, repo: 'acme/widget' });

    await desk.comment(report.issueNumber, '/cwe CWE-79');
    await desk.core.worker.runOnce();

    expect(desk.github.advisory(ORG, 'widget', ghsaId)?.cweIds).toEqual(['CWE-79']);
  });

  it('says the draft advisory exists when GitHub refuses a /cwe update', async () => {
    const report = await fileReport({ contact: { github: RESEARCHER }, credit: 'name' });
    await desk.comment(report.issueNumber, '/accept acme/widget');
    await desk.core.worker.runOnce();
    desk.github.refuseAdvisories(ORG, 'widget', new RefusedError('update advisory: forbidden (403)', 403, { detail: 'Resource not accessible by integration' }), ['updateAdvisory']);
    const before = desk.commentsOn(report.issueNumber).length;

    await desk.comment(report.issueNumber, '/cwe CWE-79');
    await desk.core.worker.runOnce();

    const replies = repliesSince(report, before);
    expect(replies).toHaveLength(2);
    expect(replies[1]).toContain('`/cwe` or `/package`');
    // The draft exists; only the update was refused.
    expect(replies[1]).not.toContain('No draft advisory was opened');
    expect(replies[1]).not.toContain('without the advisory');
  });

  it('opens nothing for a report that already has its advisory', async () => {
    const report = await fileReport({ contact: { github: RESEARCHER }, credit: 'name' });
    await desk.comment(report.issueNumber, '/accept');
    await desk.core.worker.runOnce();
    await desk.store.recordAdvisory(report.id, { ghsaId: 'GHSA-2345-6789-cfgh', url: 'https://github.com/acme/widget/security/advisories/GHSA-2345-6789-cfgh', repo: 'acme/widget' });
    desk.github.calls.length = 0;

    await desk.comment(report.issueNumber, '/advisory acme/widget');
    await desk.core.worker.runOnce();

    expect(advisoriesIn()).toEqual([]);
    expect(count('createAdvisory')).toBe(0);
    expect((await desk.store.getTriage(report.id))?.ghsaId).toBe('GHSA-2345-6789-cfgh');
  });
});
