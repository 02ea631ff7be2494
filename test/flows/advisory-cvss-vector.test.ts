import { beforeEach, expect, it } from 'vitest';
import { RefusedError, TransientError } from '../../src/errors.js';
import { type AdvisoryPort, CvssVectorRefusedError } from '../../src/ports/github.js';
import type { ReportInputRaw } from '../../src/report/report.js';
import type { FakeAdvisory } from '../helpers/fake-issues.js';
import { type Desk, type FiledReport, ORG, openDesk } from '../helpers/filed-report.js';
import { describeEachBackend } from '../helpers/stores.js';

// CVSS 4.0 reaches the draft advisory as `cvss_vector_string`; where GitHub refuses the
// vector, the advisory gets the severity of its score and the issue one note, under
// retries, 5xx and lost answers. In-memory GitHub (ports); the HTTP side is in
// test/github/advisory-cvss-refusal.test.ts.

/** Past the longest first backoff of a transient error (10 s). */
const AFTER_BACKOFF_MS = 60_000;
const RESEARCHER = 'ada-l';
/** 9.3, critical. */
const CVSS4 = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N';
/** 5.1, medium. */
const CVSS4_MEDIUM = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:P/VC:L/VI:L/VA:N/SC:N/SI:N/SA:N';
/** 0.0, none. */
const CVSS4_NONE = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N';
/** 6.1, medium. */
const CVSS31 = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N';
/** 8.8, high. */
const CVSS30 = 'CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:N';
/** What GitHub's 422 says about the vector, as the gateway passes it on. */
const GITHUB_SAYS = 'Validation Failed: cvss_vector_string invalid';

/** One advisory request as the job sent it: the score fields only. */
interface Sent {
  method: 'createAdvisory' | 'updateAdvisory';
  cvssVector: string | null | undefined;
  severity: string | null | undefined;
  cweIds: string[] | undefined;
}

describeEachBackend('CVSS 4.0 on the draft advisory', (backend) => {
  let desk: Desk;
  let sent: Sent[];
  /** Whether "GitHub" refuses CVSS 4.0 vectors (422 naming cvss_vector_string). */
  let refuses4: boolean;
  /** Requests GitHub performs whose answer is then lost, by method. */
  let loseAnswers: Map<string, number>;

  beforeEach(async () => {
    desk = await openDesk(await backend.open());
    desk.github.repos.set(`${ORG}/widget`, { private: false, archived: false });
    sent = [];
    refuses4 = false;
    loseAnswers = new Map();
    // Between the job and the in-memory advisories: records what is sent, refuses 4.0
    // vectors when told to (nothing written), and loses answers to performed writes.
    const inner = desk.github.advisories.bind(desk.github);
    desk.github.advisories = async (installationId: number): Promise<AdvisoryPort> => {
      const port = await inner(installationId);
      const afterWrite = (method: string) => {
        const left = loseAnswers.get(method) ?? 0;
        if (left === 0) return;
        loseAnswers.set(method, left - 1);
        throw new TransientError(`${method}: network error`, null);
      };
      return {
        findAdvisoryByMarker: (owner, repo, marker) => port.findAdvisoryByMarker(owner, repo, marker),
        async createAdvisory(owner, repo, advisory) {
          sent.push({ method: 'createAdvisory', cvssVector: advisory.cvssVector, severity: advisory.severity, cweIds: advisory.cweIds });
          if (refuses4 && advisory.cvssVector?.startsWith('CVSS:4.0/') === true) throw refusal('create advisory');
          const ref = await port.createAdvisory(owner, repo, advisory);
          afterWrite('createAdvisory');
          return ref;
        },
        async updateAdvisory(owner, repo, ghsaId, update) {
          if (update.collaboratingUsers === undefined) sent.push({ method: 'updateAdvisory', cvssVector: update.cvssVector, severity: update.severity, cweIds: update.cweIds });
          if (refuses4 && update.cvssVector?.startsWith('CVSS:4.0/') === true) throw refusal('update advisory');
          await port.updateAdvisory(owner, repo, ghsaId, update);
          const stored = desk.github.advisory(owner, repo, ghsaId);
          if (stored !== undefined && update.cvssVector !== undefined) stored.cvssVector = update.cvssVector;
          if (stored !== undefined && update.severity !== undefined) stored.severity = update.severity;
          afterWrite('updateAdvisory');
        },
      };
    };
  });

  function refusal(what: string): CvssVectorRefusedError {
    return new CvssVectorRefusedError(`${what}: CVSS vector refused (422)`, { detail: GITHUB_SAYS });
  }

  async function fileReport(input: Partial<ReportInputRaw> = {}): Promise<FiledReport> {
    const report = await desk.file({ contact: { github: RESEARCHER }, credit: 'name', ...input });
    desk.github.calls.length = 0;
    return report;
  }

  function advisoriesIn(repo = 'widget'): FakeAdvisory[] {
    return desk.github.advisoryState.get(`${ORG}/${repo}`) ?? [];
  }

  /** The app's comments, without their hidden job marker line. */
  function replies(report: FiledReport): string[] {
    return desk.commentsOn(report.issueNumber).map((body) => body.split('\n').slice(1).join('\n'));
  }

  function notes(report: FiledReport): string[] {
    return replies(report).filter((reply) => reply.startsWith('GitHub refused the CVSS vector'));
  }

  function creates(): Sent[] {
    return sent.filter((s) => s.method === 'createAdvisory');
  }

  function later(): void {
    desk.setNow(new Date(desk.now().getTime() + AFTER_BACKOFF_MS));
  }

  async function accept(report: FiledReport, commentId?: number): Promise<void> {
    await desk.comment(report.issueNumber, '/accept acme/widget', commentId === undefined ? {} : { commentId });
    await desk.core.worker.runOnce();
  }

  it("opens the draft with the researcher's CVSS 4.0 vector as the vector, without a severity", async () => {
    const report = await fileReport({ cvss: CVSS4 });

    await accept(report);

    expect(creates()).toEqual([{ method: 'createAdvisory', cvssVector: CVSS4, severity: null, cweIds: [] }]);
    const [advisory] = advisoriesIn() as [FakeAdvisory];
    expect(advisory.cvssVector).toBe(CVSS4);
    expect(advisory.severity).toBeNull();
    expect((await desk.store.getTriage(report.id))?.ghsaId).toBe(advisory.ghsaId);
    expect(notes(report)).toEqual([]);
  });

  it('opens the draft with the 4.0 vector staff set with /severity', async () => {
    const report = await fileReport();
    await desk.comment(report.issueNumber, `/severity ${CVSS4_MEDIUM}`);
    await desk.core.worker.runOnce();

    await accept(report);

    expect(creates()).toEqual([{ method: 'createAdvisory', cvssVector: CVSS4_MEDIUM, severity: null, cweIds: [] }]);
  });

  it('sends a 3.1 vector as before, and a 3.0 vector as its severity as before', async () => {
    const with31 = await fileReport({ cvss: CVSS31 });
    const with30 = await fileReport({ cvss: CVSS30 });

    await accept(with31);
    await accept(with30);

    expect(creates()).toEqual([
      { method: 'createAdvisory', cvssVector: CVSS31, severity: null, cweIds: [] },
      { method: 'createAdvisory', cvssVector: null, severity: 'high', cweIds: [] },
    ]);
  });

  it('sends the 4.0 vector again with a /cwe update, and no severity', async () => {
    const report = await fileReport({ cvss: CVSS4 });
    await accept(report);

    await desk.comment(report.issueNumber, '/cwe CWE-79');
    await desk.core.worker.runOnce();

    expect(sent.filter((s) => s.method === 'updateAdvisory')).toEqual([{ method: 'updateAdvisory', cvssVector: CVSS4, severity: undefined, cweIds: ['CWE-79'] }]);
  });

  it('brings an open draft up to a later /severity: a new vector, or a plain severity without one', async () => {
    const report = await fileReport({ cvss: CVSS4 });
    await accept(report);

    await desk.comment(report.issueNumber, `/severity ${CVSS4_MEDIUM}`);
    await desk.core.worker.runOnce();
    await desk.comment(report.issueNumber, '/severity critical');
    await desk.core.worker.runOnce();

    const updates = sent.filter((s) => s.method === 'updateAdvisory');
    expect(updates.map(({ cvssVector, severity }) => ({ cvssVector, severity }))).toEqual([
      { cvssVector: CVSS4_MEDIUM, severity: undefined },
      { cvssVector: null, severity: 'critical' },
    ]);
    const [advisory] = advisoriesIn() as [FakeAdvisory];
    expect(advisory.severity).toBe('critical');
  });

  it('opens the draft with the severity of the score when GitHub refuses the vector, and notes it on the issue once', async () => {
    refuses4 = true;
    const report = await fileReport({ cvss: CVSS4 });

    await accept(report, 81);

    expect(creates().map((s) => [s.cvssVector, s.severity])).toEqual([
      [CVSS4, null],
      [null, 'critical'],
    ]);
    const [advisory] = advisoriesIn() as [FakeAdvisory];
    expect(advisoriesIn()).toHaveLength(1);
    expect(advisory.cvssVector).toBeNull();
    expect(advisory.severity).toBe('critical');
    expect(notes(report)).toEqual([
      `GitHub refused the CVSS vector \`${CVSS4}\` for the draft advisory. GitHub says: \`${GITHUB_SAYS}\`. The advisory was sent with the severity \`critical\` (from this score) instead. Set the vector on the advisory on GitHub once GitHub accepts it.`,
    ]);
    // The draft is linked as ever, and tracking goes on.
    expect(replies(report).filter((reply) => reply.startsWith('Draft advisory'))).toHaveLength(1);
    expect(desk.issue(report.issueNumber).labels).toContain('advisory:draft');
    expect((await desk.store.getTriage(report.id))?.ghsaId).toBe(advisory.ghsaId);
    expect((await desk.store.getJob('advisory:81'))?.state).toBe('done');
  });

  it('opens one advisory and notes the refusal once when the answer to the severity create is lost', async () => {
    refuses4 = true;
    loseAnswers.set('createAdvisory', 1);
    const report = await fileReport({ cvss: CVSS4 });

    await accept(report, 82);

    // GitHub opened the draft, the job did not hear it: it retries later.
    expect(advisoriesIn()).toHaveLength(1);
    expect((await desk.store.getJob('advisory:82'))?.state).toBe('pending');
    expect(notes(report)).toHaveLength(1);

    later();
    await desk.core.worker.runOnce();

    const [advisory] = advisoriesIn() as [FakeAdvisory];
    expect(advisoriesIn()).toHaveLength(1);
    expect(advisory.severity).toBe('critical');
    expect(advisory.collaboratingUsers).toEqual([RESEARCHER]);
    // Found by its marker: no third create.
    expect(creates()).toHaveLength(2);
    expect(desk.github.calls.filter((call) => call.startsWith('findAdvisoryByMarker '))).toHaveLength(1);
    expect(notes(report)).toHaveLength(1);
    expect(replies(report).filter((reply) => reply.startsWith('Draft advisory'))).toHaveLength(1);
    expect((await desk.store.getTriage(report.id))?.ghsaId).toBe(advisory.ghsaId);
    expect((await desk.store.getJob('advisory:82'))?.state).toBe('done');
  });

  it('opens one advisory and notes the refusal once when the severity create meets a 5xx', async () => {
    refuses4 = true;
    desk.github.failNext('createAdvisory', new TransientError('create advisory: server error (502)', 502));
    const report = await fileReport({ cvss: CVSS4 });

    await accept(report, 83);
    expect(advisoriesIn()).toEqual([]);
    expect((await desk.store.getJob('advisory:83'))?.state).toBe('pending');

    later();
    await desk.core.worker.runOnce();

    // The retry found nothing, was refused again, and sent the severity: still one note.
    expect(creates().map((s) => s.cvssVector ?? s.severity)).toEqual([CVSS4, 'critical', CVSS4, 'critical']);
    expect(advisoriesIn()).toHaveLength(1);
    expect(advisoriesIn()[0]?.severity).toBe('critical');
    expect(notes(report)).toHaveLength(1);
    expect((await desk.store.getJob('advisory:83'))?.state).toBe('done');
  });

  it('sends a /cwe update with the severity when GitHub refuses its vector, without a second note', async () => {
    refuses4 = true;
    const report = await fileReport({ cvss: CVSS4 });
    await accept(report);

    await desk.comment(report.issueNumber, '/cwe CWE-79');
    await desk.core.worker.runOnce();

    expect(sent.filter((s) => s.method === 'updateAdvisory')).toEqual([
      { method: 'updateAdvisory', cvssVector: CVSS4, severity: undefined, cweIds: ['CWE-79'] },
      { method: 'updateAdvisory', cvssVector: null, severity: 'critical', cweIds: ['CWE-79'] },
    ]);
    const [advisory] = advisoriesIn() as [FakeAdvisory];
    expect(advisory.cweIds).toEqual(['CWE-79']);
    expect(advisory.severity).toBe('critical');
    // The same vector of the same report was already noted when the draft was opened.
    expect(notes(report)).toHaveLength(1);
    expect(replies(report).some((reply) => reply.includes('stays as it was'))).toBe(false);
  });

  it('notes a refused vector on a /cwe update once, through a lost answer', async () => {
    const report = await fileReport({ cvss: CVSS4 });
    await accept(report);
    refuses4 = true;
    loseAnswers.set('updateAdvisory', 1);

    await desk.comment(report.issueNumber, '/cwe CWE-79', { commentId: 84 });
    await desk.core.worker.runOnce();
    later();
    await desk.core.worker.runOnce();

    expect(sent.filter((s) => s.method === 'updateAdvisory').map((s) => s.cvssVector ?? s.severity)).toEqual([CVSS4, 'critical', CVSS4, 'critical']);
    expect(advisoriesIn()[0]?.severity).toBe('critical');
    expect(advisoriesIn()[0]?.cvssVector).toBeNull();
    expect(notes(report)).toHaveLength(1);
    expect((await desk.store.getJob('advisory-update:84'))?.state).toBe('done');
  });

  it('opens the draft without a severity when a refused vector scores 0.0, and says so', async () => {
    refuses4 = true;
    const report = await fileReport();
    await desk.comment(report.issueNumber, `/severity ${CVSS4_NONE}`);
    await desk.core.worker.runOnce();

    await accept(report);

    expect(creates().map((s) => [s.cvssVector, s.severity])).toEqual([
      [CVSS4_NONE, null],
      [null, null],
    ]);
    expect(advisoriesIn()).toHaveLength(1);
    expect(notes(report)).toHaveLength(1);
    expect(notes(report)[0]).toContain('The advisory was sent without a severity: set one on GitHub.');
  });

  it('keeps the handling of any other 422: no second create, the refusal on the issue', async () => {
    desk.github.failNext('createAdvisory', new RefusedError('create advisory: refused (422)', 422, { detail: 'Validation Failed: Summary is too long' }));
    const report = await fileReport({ cvss: CVSS4 });

    await accept(report, 85);

    expect(creates()).toHaveLength(1);
    expect(advisoriesIn()).toEqual([]);
    expect(notes(report)).toEqual([]);
    expect(replies(report).at(-1)).toContain('No draft advisory was opened: GitHub refused the request (422).');
    expect((await desk.store.getJob('advisory:85'))?.state).toBe('done');
  });

  it('writes the note in the tracking language', async () => {
    desk.configure({ tracking: { language: 'nl' } });
    refuses4 = true;
    const report = await fileReport({ cvss: CVSS4 });

    await accept(report);

    const note = replies(report).find((reply) => reply.startsWith('GitHub weigerde de CVSS-vector'));
    expect(note).toBe(
      `GitHub weigerde de CVSS-vector \`${CVSS4}\` voor de concept-advisory. GitHub zegt: \`${GITHUB_SAYS}\`. De advisory is in plaats daarvan verstuurd met de ernst \`critical\` (uit deze score). Zet de vector zelf op de advisory op GitHub zodra GitHub hem accepteert.`,
    );
  });
});
