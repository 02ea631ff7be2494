/**
 * A desk with filed reports, for triage and SLA domain tests: the
 * whole core from `createCore`, the in-memory fake GitHub, a store from the backend and a
 * clock the test moves. Comments go straight to `handleCommandComment` (however the app
 * delivers them to it), so its outcome is what the test sees.
 *
 * ```ts
 * const desk = await openDesk(await backend.open());
 * const report = await desk.file();
 * await desk.comment(report.issueNumber, '/severity high');
 * await desk.core.worker.runOnce();
 * ```
 */
import { createCore, type Core } from '../../src/app.js';
import { createReportIntake } from '../../src/flows/intake/accept-report.js';
import type { PublicPages, ReportIntake, StatusDesk } from '../../src/flows/intake/intake-ports.js';
import { createPublicPages } from '../../src/flows/intake/public-pages.js';
import { createStatusDesk } from '../../src/flows/intake/status-desk.js';
import { silentLogger } from '../../src/log.js';
import type { RepoPermission } from '../../src/ports/github.js';
import { ReportInput, type ReportInputRaw } from '../../src/report/report.js';
import type { Store } from '../../src/store/store.js';
import { handleCommandComment, type CommentOutcome } from '../../src/flows/triage/apply-staff-commands.js';
import { createFakeGitHub, type FakeGitHub, type FakeTrackedIssue } from './fake-issues.js';

/** Monday 2 March 2026, 09:00 UTC: receipt is due end of Tuesday, assessment end of Monday 9 March (UTC, weekends only). */
export const MONDAY_MORNING = new Date('2026-03-02T09:00:00Z');

/** The org every desk serves, and its tracking repository. */
export const ORG = 'acme';
export const TRACKING_REPO = 'security-reports';

/** A staff member with write access to the tracking repository. */
export const WRITER = 'alice';

export interface FiledReport {
  id: string;
  issueNumber: number;
}

export interface Desk {
  github: FakeGitHub;
  core: Core;
  store: Store;
  intake: ReportIntake;
  /** The status page's port, as the researcher reaches it with their token. */
  statusDesk: StatusDesk;
  /** The public pages' port. */
  pages: PublicPages;
  now(): Date;
  setNow(date: Date | string): void;
  /** Moves the clock past the worker's backoff (`stepMs`, default 20 min) and runs it, `times` over: as often as a retry needs. */
  runLater(times?: number, stepMs?: number): Promise<void>;
  /** Replaces the org config (a yaml-like object) and forgets the cached one. */
  configure(config: unknown): void;
  /** Accepts a report and runs the worker, so it is filed. */
  file(input?: Partial<ReportInputRaw>): Promise<FiledReport>;
  /** A comment created on a tracking issue (defaults: by the writer, a fresh comment id, a user). */
  comment(issueNumber: number, body: string, options?: { author?: string; commentId?: number; bot?: boolean }): Promise<CommentOutcome>;
  /** The tracking issue as it stands. */
  issue(issueNumber: number): FakeTrackedIssue;
  /** Comment bodies on a tracking issue, oldest first. */
  commentsOn(issueNumber: number): string[];
  setPermission(login: string, permission: RepoPermission): void;
}

export const SAMPLE_REPORT: ReportInputRaw = {
  title: 'Stored XSS in profile name',
  description: 'The profile name is rendered without escaping on the team page.',
  affected: 'https://app.example.org/team',
};

/** Opens a desk on `store`: the app installed on `acme`, a private tracking repository, alice a writer. */
export async function openDesk(store: Store, options: { config?: unknown; now?: Date } = {}): Promise<Desk> {
  let now = options.now ?? MONDAY_MORNING;
  const clock = () => now;
  const github = createFakeGitHub(clock);
  github.installations.set(ORG, 7);
  github.repos.set(`${ORG}/${TRACKING_REPO}`, { private: true, archived: false });
  if (options.config !== undefined) github.configs.set(ORG, options.config);
  github.setPermission(ORG, TRACKING_REPO, WRITER, 'write');
  // The writer may also write to the repository drafts go to in these tests.
  github.setPermission(ORG, 'widget', WRITER, 'write');
  github.setPermission(ORG, 'internal', WRITER, 'write');
  const core = await createCore({ github, store, log: silentLogger, clock, sleep: async () => undefined, env: {} });
  const intake = createReportIntake({ store, orgs: core.orgs, clock });
  const pages = createPublicPages({ store, orgs: core.orgs });
  const statusDesk = createStatusDesk({ store, orgs: core.orgs, clock, log: silentLogger, kick: () => core.worker.kick() });
  let commentIds = 1000;

  const desk: Desk = {
    github,
    core,
    store,
    intake,
    statusDesk,
    pages,
    now: clock,
    setNow(date) {
      now = new Date(date);
    },
    async runLater(times = 3, stepMs = 20 * 60_000) {
      for (let i = 0; i < times; i += 1) {
        now = new Date(now.getTime() + stepMs);
        await core.worker.runOnce();
      }
    },
    configure(config) {
      github.configs.set(ORG, config);
      core.installationChanged(ORG);
    },
    async file(input = {}) {
      const { id } = await intake.accept(ORG, 'api', ReportInput.parse({ ...SAMPLE_REPORT, ...input }));
      await core.worker.runOnce();
      const report = await store.getReport(id);
      if (report?.issueNumber == null) throw new Error(`report ${id} was not filed: ${report?.holdReason ?? report?.status ?? 'missing'}`);
      return { id, issueNumber: report.issueNumber };
    },
    comment(issueNumber, body, options = {}) {
      commentIds += 1;
      const deps = { store, github, orgs: core.orgs, clock, log: silentLogger, kick: () => core.worker.kick() };
      return handleCommandComment(deps, {
        org: ORG,
        repo: TRACKING_REPO,
        issueNumber,
        commentId: options.commentId ?? commentIds,
        body,
        author: options.author ?? WRITER,
        authorIsBot: options.bot ?? false,
      });
    },
    issue(issueNumber) {
      const issue = github.issue(ORG, TRACKING_REPO, issueNumber);
      if (issue === undefined) throw new Error(`no issue #${issueNumber}`);
      return issue;
    },
    commentsOn(issueNumber) {
      return [...(github.comments.get(`${ORG}/${TRACKING_REPO}#${issueNumber}`) ?? [])];
    },
    setPermission(login, permission) {
      github.setPermission(ORG, TRACKING_REPO, login, permission);
    },
  };
  return desk;
}
