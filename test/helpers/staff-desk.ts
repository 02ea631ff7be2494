/**
 * A desk with its staff pages switched on, for the staff page tests: the whole core from
 * `createCore` (its HTTP routes served on 127.0.0.1), the in-memory fake GitHub for the
 * installation's ports, the fake GitHub OAuth server for sign-in, and a clock the test
 * moves. Like `openDesk` (filed-report.ts), with the environment the staff pages need.
 *
 * ```ts
 * const desk = await openStaffDesk(await backend.open());
 * const { id } = await desk.file({ contact: { email: 'r@example.net' } });
 * const browser = staffBrowser(desk.base);
 * await browser.signIn(desk.oauth, WRITER, desk.pagePath(id));
 * ```
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';
import { createCore, type Core } from '../../src/app.js';
import { createReportIntake } from '../../src/flows/intake/accept-report.js';
import { createStatusDesk } from '../../src/flows/intake/status-desk.js';
import type { StatusDesk } from '../../src/flows/intake/intake-ports.js';
import { type Logger, silentLogger } from '../../src/log.js';
import type { RepoPermission } from '../../src/ports/github.js';
import { ReportInput, type ReportInputRaw } from '../../src/report/report.js';
import type { Store } from '../../src/store/store.js';
import { createFakeGitHub, type FakeGitHub } from './fake-issues.js';
import { type FakeGitHubOAuth, startFakeGitHubOAuth } from './fake-github-oauth.js';
import { MONDAY_MORNING, ORG, SAMPLE_REPORT, TRACKING_REPO, WRITER } from './filed-report.js';

export { MONDAY_MORNING, ORG, TRACKING_REPO, WRITER } from './filed-report.js';

/** The desk's public address in these tests (the callback is `<it>/staff/callback`). */
export const STAFF_PUBLIC_URL = 'https://desk.acme.example';

export interface StaffDesk {
  github: FakeGitHub;
  oauth: FakeGitHubOAuth;
  core: Core;
  store: Store;
  statusDesk: StatusDesk;
  /** `http://127.0.0.1:<port>`, where the core's routes are served. */
  base: string;
  now(): Date;
  setNow(date: Date | string): void;
  /** Accepts a report and runs the worker, so it is filed. */
  file(input?: Partial<ReportInputRaw>): Promise<{ id: string; issueNumber: number; statusToken: string }>;
  /** `/staff/orgs/acme/reports/{id}` */
  pagePath(id: string): string;
  setPermission(login: string, permission: RepoPermission): void;
  /** Comment bodies on a tracking issue, oldest first. */
  commentsOn(issueNumber: number): string[];
}

const servers: Server[] = [];
const closers: Array<() => Promise<void>> = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => {
    server.closeAllConnections();
    server.close(resolve);
  })));
  for (const close of closers.splice(0)) await close();
});

export async function openStaffDesk(store: Store, options: { env?: Record<string, string>; now?: Date; oauth?: FakeGitHubOAuth; log?: Logger } = {}): Promise<StaffDesk> {
  let now = options.now ?? MONDAY_MORNING;
  const clock = () => now;
  const github = createFakeGitHub(clock);
  github.installations.set(ORG, 7);
  github.repos.set(`${ORG}/${TRACKING_REPO}`, { private: true, archived: false });
  github.setPermission(ORG, TRACKING_REPO, WRITER, 'write');
  const oauth = options.oauth ?? (await startFakeGitHubOAuth());
  if (options.oauth === undefined) closers.push(() => oauth.close());
  const env = { ...oauth.env, PUBLIC_URL: STAFF_PUBLIC_URL, INTAKE_RATE_LIMIT: '0', READ_RATE_LIMIT: '0', ...options.env };
  const core = await createCore({ github, store, log: options.log ?? silentLogger, clock, sleep: async () => undefined, env });
  const intake = createReportIntake({ store, orgs: core.orgs, clock });
  const statusDesk = createStatusDesk({ store, orgs: core.orgs, clock, log: silentLogger, kick: () => core.worker.kick() });

  const server = createServer((req, res) => {
    void core.http(req, res).then((handled) => {
      if (!handled) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('unhandled');
      }
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    github,
    oauth,
    core,
    store,
    statusDesk,
    base: `http://127.0.0.1:${port}`,
    now: clock,
    setNow(date) {
      now = new Date(date);
    },
    async file(input = {}) {
      const { id, statusToken } = await intake.accept(ORG, 'api', ReportInput.parse({ ...SAMPLE_REPORT, ...input }));
      await core.worker.runOnce();
      const report = await store.getReport(id);
      if (report?.issueNumber == null) throw new Error(`report ${id} was not filed: ${report?.holdReason ?? report?.status ?? 'missing'}`);
      return { id, issueNumber: report.issueNumber, statusToken };
    },
    pagePath: (id) => `/staff/orgs/${ORG}/reports/${id}`,
    setPermission(login, permission) {
      github.setPermission(ORG, TRACKING_REPO, login, permission);
    },
    commentsOn(issueNumber) {
      return [...(github.comments.get(`${ORG}/${TRACKING_REPO}#${issueNumber}`) ?? [])];
    },
  };
}
