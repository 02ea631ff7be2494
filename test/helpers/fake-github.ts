/**
 * A local GitHub for tests and benchmarks: a real HTTP server on 127.0.0.1 that the app
 * reaches the standard Probot way (`GHE_HOST=127.0.0.1:<port>`, `GHE_PROTOCOL=http`, so
 * the API base is `http://127.0.0.1:<port>/api/v3`).
 *
 * Routing comes from GitHub's OpenAPI description (test/helpers/openapi.ts): a request
 * the spec does not know is a 404 and recorded as invalid, a body that does not match
 * the operation's schema is a 422 and recorded as invalid. Tests assert
 * `state.invalidRequests` stays empty. Response bodies start from the spec's own
 * examples, so they have GitHub's shapes.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash, randomBytes } from 'node:crypto';
import { findGitHubOperation, gitHubResponseExample, validateGitHubRequest } from './openapi.js';
import { scoreCvss } from '../../src/report/cvss.js';

/** An organisation with the app installed. */
export interface FakeOrg {
  login: string;
  id: number;
  installationId: number;
  /** The installation's "Repository security advisories" permission; default 'write'. */
  advisoryPermission: 'write' | 'read' | 'none';
  /** Whether the organisation approved the app's `checks: write` permission; default true. */
  checksGranted: boolean;
}

/** A check run as the fake keeps it. */
export interface FakeCheckRun {
  id: number;
  name: string;
  headSha: string;
  conclusion: string | null;
  output: { title: string; summary: string; annotations: Array<{ path: string; start_line: number; message: string }> };
}

export interface FakeLabel {
  id: number;
  name: string;
  /** Six hex digits, no '#'. */
  color: string;
  description: string | null;
}

export interface FakeComment {
  id: number;
  body: string;
  createdAt: Date;
}

export interface FakeIssue {
  id: number;
  number: number;
  title: string;
  body: string | null;
  /** Label names. */
  labels: string[];
  state: 'open' | 'closed';
  stateReason: string | null;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
  comments: FakeComment[];
}

/**
 * A user's role on a repository: one of GitHub's five roles, or a custom role with the
 * base permission it builds on.
 */
export type FakeRole = 'admin' | 'maintain' | 'write' | 'triage' | 'read' | { roleName: string; permission: 'admin' | 'write' | 'read' };

/** A user credited on an advisory, and whether they accepted. */
export interface FakeAdvisoryCredit {
  login: string;
  type: string;
  state: 'accepted' | 'declined' | 'pending';
}

export interface FakeAdvisoryVulnerability {
  ecosystem: string;
  name: string | null;
  vulnerableRange: string | null;
  patchedVersions: string | null;
}

/** A repository security advisory. */
export interface FakeAdvisory {
  ghsaId: string;
  cveId: string | null;
  summary: string;
  description: string | null;
  /** As GitHub shows it: `medium`, never `moderate`. Derived from the vector when one is set. */
  severity: 'critical' | 'high' | 'medium' | 'low' | null;
  /** A CVSS 3.x or 4.0 vector; GitHub keeps one version at a time. */
  cvssVector: string | null;
  cweIds: string[];
  vulnerabilities: FakeAdvisoryVulnerability[];
  credits: FakeAdvisoryCredit[];
  /** Logins. */
  collaboratingUsers: string[];
  state: 'triage' | 'draft' | 'published' | 'closed' | 'withdrawn';
  /** Who created it: the app's bot, or the reporter of a private vulnerability report. */
  author: string;
  /** A private vulnerability report (GitHub shows `submission: { accepted }`). */
  external: boolean;
  accepted: boolean;
  createdAt: Date;
  updatedAt: Date;
  publishedAt: Date | null;
  closedAt: Date | null;
}

/** A committed file: its bytes and git blob sha. */
export interface FakeFile {
  content: Buffer;
  sha: string;
}

export interface FakeRepo {
  id: number;
  owner: string;
  name: string;
  private: boolean;
  archived: boolean;
  labels: FakeLabel[];
  issues: FakeIssue[];
  /** Files by path, e.g. `.github/disclosure.yml`. */
  files: Map<string, FakeFile>;
  /** Granted roles by lower-case login (direct, team or org grants folded together). */
  collaborators: Map<string, FakeRole>;
  /**
   * GitHub Advanced Security (with the org's innersource advisory grant). Without it a
   * private repository has no repository advisories: every advisory endpoint answers 404.
   */
  advancedSecurity: boolean;
  /** Repository security advisories, oldest first. */
  advisories: FakeAdvisory[];
  /** Check runs on the repository's commits, oldest first. */
  checkRuns: FakeCheckRun[];
}

/** A request the spec does not allow: unknown route, undeclared parameter or bad body. */
export interface InvalidRequest {
  method: string;
  url: string;
  body: unknown;
  problems: string[];
}

export interface RecordedRequest {
  method: string;
  /** Path without the `/api/v3` prefix and without the query, e.g. `/repos/acme/x/issues`. */
  path: string;
  query: Record<string, string>;
  body: unknown;
  headers: IncomingHttpHeaders;
  time: Date;
  /** `METHOD /template` from the spec, e.g. `POST /repos/{owner}/{repo}/issues`; null if unknown. */
  route: string | null;
  operationId: string | null;
  auth: 'jwt' | 'token' | 'none';
  /** The status sent; null when the connection was dropped or never answered. */
  status: number | null;
  /** Set when the answer was an injected failure, or a refusal by the enforced secondary limits. */
  injected?: FailureKind;
  /** The secondary limit this write broke, when limits are enforced (see SecondaryLimits). */
  limitRule?: LimitViolation['rule'];
  /**
   * For `lost-answer`: the status of the answer GitHub computed (and never sent). The write
   * took effect when this is 2xx.
   */
  performedStatus?: number;
  /** The JSON body sent, if any, e.g. to check it against the spec's response schema. */
  response?: unknown;
  /** The body as received (text), for matching. */
  rawBody?: string;
}

export interface FakeGitHubState {
  /** By lower-case login. */
  orgs: Map<string, FakeOrg>;
  /** By lower-case `owner/name`. */
  repos: Map<string, FakeRepo>;
  /** Must stay empty in tests: requests GitHub's spec does not allow. */
  invalidRequests: InvalidRequest[];
  /** Valid by the spec, but this fake does not implement them (answered 404). */
  unhandledRequests: RecordedRequest[];
  /** Installation access tokens handed out, to the installation id. */
  tokens: Map<string, number>;
  /** Lower-case logins of accounts that do not exist (the permission endpoint answers 404). */
  missingUsers: Set<string>;
}

/**
 * - `5xx`: a server error (`status`, default 502). Nothing was changed.
 * - `drop`: the socket is destroyed without an answer, before anything was changed.
 * - `lost-answer`: the request is PERFORMED (the issue, comment, advisory or file exists,
 *   the state changed) and then the socket is destroyed without an answer, as GitHub does
 *   at scale. A client that repeats such a create makes a second object.
 * - `secondary-rate-limit`: 403 with `retry-after` and GitHub's message.
 * - `timeout`: never answered until the fake is closed.
 */
export type FailureKind = '5xx' | 'drop' | 'lost-answer' | 'secondary-rate-limit' | 'timeout';

/** Which requests a failure, hold or count applies to; every field given must match. */
export interface RequestMatch {
  /** Only requests with this method (any when omitted). */
  method?: string;
  /** Only requests whose path (without `/api/v3` and query) matches (any when omitted). */
  path?: RegExp;
  /** Only requests whose raw body text matches, e.g. `/disclosure-desk:continuation=/`. */
  body?: RegExp;
  /**
   * Only content writes: any method but GET and HEAD, except the app's installation-token
   * request (`POST /app/installations/{id}/access_tokens`), which changes nothing on GitHub.
   */
  writes?: boolean;
}

export interface FailureSpec extends RequestMatch {
  /** How many matching requests fail; default 1. */
  times?: number;
  /** Let this many matching requests through first ("fail the 3rd write from now": `after: 2`); default 0. */
  after?: number;
  kind: FailureKind;
  /** For `secondary-rate-limit`: the `retry-after` header; default 60. */
  retryAfterSeconds?: number;
  /** For `5xx`: the status; default 502. */
  status?: number;
  /**
   * Called once the failure is applied: for `lost-answer` after the write took effect and
   * before the socket is destroyed, e.g. to SIGKILL the app process that sent it, so it
   * dies "right after the write" without ever hearing the answer.
   */
  then?: (request: RecordedRequest) => void;
}

/**
 * Seeded random faults, so "GitHub fails 30 % of requests and loses 10 % of the answers to
 * writes it performed" is one line and the same on every run: each decision is a hash of
 * (seed, method and path, how many times that method and path were seen), not of timing.
 */
export interface ChaosOptions {
  seed: number;
  /** Share of requests answered 500, 502 or 503 (nothing changed). */
  serverErrorRate?: number;
  /** Share of requests performed and then left without an answer (`lost-answer`). */
  lostAnswerRate?: number;
  /** Share of requests answered with a secondary rate limit (403 + `retry-after`). */
  secondaryRateLimitRate?: number;
  /** Which requests are subject to faults; default 'writes' (see RequestMatch.writes). */
  only?: 'writes' | 'all';
  /**
   * At most this many faults for the same request (method, path and body), so every
   * request eventually goes through; default 3.
   */
  maxFaultsPerRequest?: number;
  /** The `retry-after` of an injected secondary rate limit; default 1. */
  retryAfterSeconds?: number;
}

/** A request held by `hold()`: it waits until released (or the fake is closed). */
export interface HeldRequest {
  /** Resolves when a matching request arrives (for 'after-perform': once it took effect). */
  readonly seen: Promise<RecordedRequest>;
  /** Lets the held request go on (or, if none arrived yet, lets the next one through). */
  release(): void;
}

export interface HoldSpec extends RequestMatch {
  /**
   * 'before': the request waits before anything happens. 'after-perform' (default): the
   * write takes effect at once and only the answer waits, e.g. to hold the app right
   * after GitHub created its issue.
   */
  phase?: 'before' | 'after-perform';
}

export interface FakeGitHubOptions {
  /** The fake's clock for created_at/updated_at and token expiry; default the real time. */
  now?: () => Date;
  /** The app's slug, for the bot user that authors issues; default `disclosure-desk`. */
  appSlug?: string;
  /**
   * Enforce GitHub's documented secondary limits on content writes (see SecondaryLimits);
   * `true` for GitHub's figures. Default off: a write is never refused for its pace.
   */
  secondaryLimits?: boolean | SecondaryLimits;
}

/**
 * GitHub's documented secondary rate limits for content-creating requests, per
 * installation: at most 80 a minute and 500 an hour, and at least one second between two
 * of them ("If you are making a large number of POST, PATCH, PUT, or DELETE requests …,
 * wait at least one second between each request"). A write that breaks one is answered
 * 403 with `retry-after` and GitHub's secondary-rate-limit message, performs nothing, and
 * is recorded in `limitViolations`. Content writes are those of RequestMatch.writes (every
 * method but GET and HEAD, except the installation-token request), counted per
 * installation (the installation of the access token; another credential counts apart).
 * Only writes let through count towards the gap and the windows. Time is the fake's clock.
 * https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits
 */
export interface SecondaryLimits {
  /** Least time between two content writes of one installation; default 1000 ms. */
  minGapMs?: number;
  /** Content writes in any 60 s; default 80. */
  perMinute?: number;
  /** Content writes in any hour; default 500. */
  perHour?: number;
  /** The `retry-after` of the 403; default: the whole seconds until the write would have been allowed (at least 1). */
  retryAfterSeconds?: number;
}

type EnforcedLimits = Required<Omit<SecondaryLimits, 'retryAfterSeconds'>> & Pick<SecondaryLimits, 'retryAfterSeconds'>;

/** A content write refused by the enforced secondary limits. */
export interface LimitViolation {
  /** `installation <id>`, or the credential's kind when the token is not one the fake issued. */
  installation: string;
  /** `gap`: under `minGapMs` after the previous write; `minute` / `hour`: the window was full. */
  rule: 'gap' | 'minute' | 'hour';
  method: string;
  path: string;
  time: Date;
  /** Since the previous content write of the installation that was let through; null when none. */
  gapMs: number | null;
  retryAfterSeconds: number;
}

export interface FakeRepoOptions {
  private: boolean;
  archived?: boolean;
  /** Default false: a private repository then has no advisories (404), as on github.com since 2024. */
  advancedSecurity?: boolean;
}

export interface FakeGitHub {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** `127.0.0.1:<port>`, for `GHE_HOST`. */
  host: string;
  /** `http://127.0.0.1:<port>/api/v3`, for Probot's `baseUrl`. */
  baseUrl: string;
  state: FakeGitHubState;
  requests: RecordedRequest[];
  /** Content writes refused by the enforced secondary limits (see SecondaryLimits), in order. */
  limitViolations: LimitViolation[];
  /** Enforces GitHub's secondary limits from now on (`true`: GitHub's figures); null or false switches them off. */
  enforceSecondaryLimits(limits: boolean | SecondaryLimits | null): void;
  failNext(spec: FailureSpec): void;
  /** Seeded random faults from now on (see ChaosOptions); null switches them off. */
  chaos(options: ChaosOptions | null): void;
  /** Holds the next matching request (see HoldSpec) until `release()`. */
  hold(spec: HoldSpec): HeldRequest;
  /** Requests that took effect: answered 2xx, or performed with a lost answer whose status was 2xx. */
  performed(match?: RequestMatch): RecordedRequest[];
  /** Issues whose body contains `marker` (e.g. `reportMarker(id)`), in creation order. */
  issuesWithMarker(owner: string, repo: string, marker: string): FakeIssue[];
  /** All comments of one issue, oldest first; empty when there is no such issue. */
  commentsOf(owner: string, repo: string, issueNumber: number): FakeComment[];
  /** Every comment on every issue of a repository, with its issue number. */
  allComments(owner: string, repo: string): Array<FakeComment & { issueNumber: number }>;
  /** Every security advisory of a repository, oldest first; empty when there is no such repository. */
  advisoriesOf(owner: string, repo: string): FakeAdvisory[];
  addOrg(login: string, installationId: number): FakeOrg;
  addRepo(owner: string, name: string, options: FakeRepoOptions): FakeRepo;
  /** Creates the repository (public, as `.github` repositories usually are) if missing. */
  setFile(owner: string, repo: string, path: string, text: string): void;
  addLabel(owner: string, repo: string, label: { name: string; color?: string; description?: string | null }): FakeLabel;
  addIssue(owner: string, repo: string, issue: { title: string; body?: string; labels?: string[]; createdAt?: Date }): FakeIssue;
  /** Adds a comment to an existing issue, as if someone wrote it. */
  addComment(owner: string, repo: string, issueNumber: number, body: string): FakeComment;
  /**
   * Grants `login` a role on the repository; null takes it away. Without a grant a user
   * has 'read' on a public repository and 'none' on a private one.
   */
  setPermission(owner: string, repo: string, login: string, role: FakeRole | null): void;
  /** Makes `login` an account that does not exist: the permission endpoint answers 404. */
  removeUser(login: string): void;
  /**
   * Seeds an advisory, e.g. a private vulnerability report (`state: 'triage'`,
   * `external: true`, `author: reporter`). Defaults: a draft by the app's bot.
   */
  addAdvisory(owner: string, repo: string, advisory: Partial<FakeAdvisory> & { summary: string }): FakeAdvisory;
  /** The advisory as it stands now, or undefined. */
  advisory(owner: string, repo: string, ghsaId: string): FakeAdvisory | undefined;
  /**
   * The installation's "Repository security advisories" permission. Without write,
   * creating or updating answers 403 with GitHub's message (404 in a private repository);
   * without any, drafts are invisible.
   */
  setAdvisoryPermission(org: string, level: FakeOrg['advisoryPermission']): void;
  /** The issue as it stands now (state, stateReason, closedAt, labels, body), or undefined. */
  issue(owner: string, repo: string, issueNumber: number): FakeIssue | undefined;
  repo(owner: string, name: string): FakeRepo | undefined;
  /**
   * Stops the server, then fails the test (throws) when the app made a request GitHub would
   * refuse or this fake does not know, or when an armed failure (`failNext`) never met its
   * request: the test did not test what it says. `expectProblems` is for tests of the fake.
   */
  close(options?: { expectProblems?: boolean }): Promise<void>;
}

interface Ctx {
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
  headers: IncomingHttpHeaders;
  /** The installation of the access token used, or null (JWT, or a token not issued here). */
  installationId: number | null;
}

interface Reply {
  status: number;
  json?: unknown;
  text?: string;
  headers?: Record<string, string>;
}

type Handler = (ctx: Ctx) => Reply;

const DOCS = 'https://docs.github.com/rest';
const SECONDARY_RATE_LIMIT_DOCS =
  'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits';

/** Operations GitHub only allows with the app's JWT. */
const JWT_OPERATIONS = new Set([
  'apps/get-authenticated',
  'apps/list-installations',
  'apps/get-installation',
  'apps/get-org-installation',
  'apps/get-repo-installation',
  'apps/create-installation-access-token',
]);

/** Starts the fake on 127.0.0.1 on a free port. */
export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const fake = new Fake(options);
  const server = createServer((req, res) => {
    fake.handle(req, res).catch((cause: unknown) => {
      // A bug in the fake must fail the test loudly, not hang it.
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ message: `fake GitHub failed: ${cause instanceof Error ? cause.message : String(cause)}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  fake.setOrigin(`http://127.0.0.1:${port}`);

  return {
    url: fake.origin,
    host: `127.0.0.1:${port}`,
    baseUrl: `${fake.origin}/api/v3`,
    state: fake.state,
    requests: fake.requests,
    limitViolations: fake.limitViolations,
    enforceSecondaryLimits: (limits) => fake.setSecondaryLimits(limits),
    failNext: (spec) => fake.failures.push({ ...spec, times: spec.times ?? 1, after: spec.after ?? 0, seen: false }),
    chaos: (chaosOptions) => fake.setChaos(chaosOptions),
    hold: (spec) => fake.addHold(spec),
    performed: (match = {}) =>
      fake.requests.filter((r) => matches(match, r, r.rawBody) && isSuccess(r.injected === 'lost-answer' ? r.performedStatus : r.status)),
    issuesWithMarker: (owner, repo, marker) => (fake.findRepo(owner, repo)?.issues ?? []).filter((issue) => (issue.body ?? '').includes(marker)),
    commentsOf: (owner, repo, issueNumber) => [...(fake.findRepo(owner, repo)?.issues.find((issue) => issue.number === issueNumber)?.comments ?? [])],
    allComments: (owner, repo) =>
      (fake.findRepo(owner, repo)?.issues ?? []).flatMap((issue) => issue.comments.map((comment) => ({ ...comment, issueNumber: issue.number }))),
    advisoriesOf: (owner, repo) => [...(fake.findRepo(owner, repo)?.advisories ?? [])],
    addOrg: (login, installationId) => fake.addOrg(login, installationId),
    addRepo: (owner, name, repoOptions) => fake.addRepo(owner, name, repoOptions),
    setFile: (owner, repo, path, text) => {
      (fake.findRepo(owner, repo) ?? fake.addRepo(owner, repo, { private: false })).files.set(path, fakeFile(Buffer.from(text, 'utf8')));
    },
    addLabel: (owner, repo, label) => fake.createLabel(fake.mustFindRepo(owner, repo), label),
    addIssue: (owner, repo, issue) => fake.createIssue(fake.mustFindRepo(owner, repo), issue),
    addComment: (owner, repo, issueNumber, body) => fake.addComment(fake.mustFindIssue(owner, repo, issueNumber), body),
    setPermission: (owner, repo, login, role) => {
      const { collaborators } = fake.mustFindRepo(owner, repo);
      if (role === null) collaborators.delete(login.toLowerCase());
      else collaborators.set(login.toLowerCase(), role);
    },
    removeUser: (login) => fake.state.missingUsers.add(login.toLowerCase()),
    addAdvisory: (owner, repo, advisory) => fake.createAdvisory(fake.mustFindRepo(owner, repo), advisory),
    advisory: (owner, repo, ghsaId) => fake.findRepo(owner, repo)?.advisories.find((a) => a.ghsaId === ghsaId),
    setAdvisoryPermission: (org, level) => {
      const found = fake.state.orgs.get(org.toLowerCase());
      if (found === undefined) throw new Error(`fake GitHub: no org ${org}; addOrg first`);
      found.advisoryPermission = level;
    },
    issue: (owner, repo, issueNumber) => fake.findRepo(owner, repo)?.issues.find((issue) => issue.number === issueNumber),
    repo: (owner, name) => fake.findRepo(owner, name),
    close: async (closeOptions) => {
      await new Promise<void>((resolve) => {
        fake.releaseAll();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      if (closeOptions?.expectProblems === true) return;
      const problems = [
        ...fake.state.invalidRequests.map((r) => `refused by the spec: ${r.method} ${r.url} (${r.problems.join('; ')})`),
        ...fake.state.unhandledRequests.map((r) => `not expected by the fake: ${r.method} ${r.path}`),
        ...fake.failures.filter((f) => !f.seen).map((f) => `armed but never met: ${f.kind} ${f.method ?? 'any'} ${f.path?.source ?? (f.writes === true ? 'write' : 'request')}`),
      ];
      if (problems.length > 0) throw new Error(`fake GitHub:\n  ${problems.join('\n  ')}`);
    },
  };
}

/** The fake's state and request handling; `startFakeGitHub` wraps it in a server. */
class Fake {
  readonly state: FakeGitHubState = {
    orgs: new Map(),
    repos: new Map(),
    invalidRequests: [],
    unhandledRequests: [],
    tokens: new Map(),
    missingUsers: new Set(),
  };
  readonly requests: RecordedRequest[] = [];
  readonly failures: Array<FailureSpec & { times: number; after: number; seen: boolean }> = [];
  private chaosOptions: ChaosOptions | null = null;
  /** How often each `METHOD path` was seen under chaos: the decision's sequence number. */
  private readonly chaosSeen = new Map<string, number>();
  /** Faults injected per request (method, path, body), bounded by maxFaultsPerRequest. */
  private readonly chaosFaults = new Map<string, number>();
  private readonly holds: Array<{ spec: HoldSpec; taken: boolean; released: boolean; seen: (r: RecordedRequest) => void; gate: Promise<void>; open: () => void }> = [];
  origin = 'http://127.0.0.1';
  private nextId = 1000;
  private readonly now: () => Date;
  private readonly appSlug: string;
  private readonly used = new Map<string, number>();
  readonly limitViolations: LimitViolation[] = [];
  private limits: EnforcedLimits | null = null;
  /** Times (ms) of the content writes let through, per installation, oldest first, within the last hour. */
  private readonly writeTimes = new Map<string, number[]>();

  constructor(options: FakeGitHubOptions) {
    this.now = options.now ?? (() => new Date());
    this.appSlug = options.appSlug ?? 'disclosure-desk';
    this.setSecondaryLimits(options.secondaryLimits ?? null);
  }

  setSecondaryLimits(limits: boolean | SecondaryLimits | null): void {
    if (limits === null || limits === false) {
      this.limits = null;
      return;
    }
    const given = limits === true ? {} : limits;
    this.limits = {
      minGapMs: given.minGapMs ?? 1000,
      perMinute: given.perMinute ?? 80,
      perHour: given.perHour ?? 500,
      retryAfterSeconds: given.retryAfterSeconds,
    };
  }

  /**
   * The secondary limit this write breaks, if limits are enforced; otherwise the write is
   * counted against its installation's gap and windows and null is returned.
   */
  private limitViolation(record: RecordedRequest): LimitViolation | null {
    const limits = this.limits;
    if (limits === null || !isWrite(record)) return null;
    const token = bearer(record.headers.authorization);
    const installationId = this.state.tokens.get(token);
    const installation = installationId === undefined ? `${record.auth} credential` : `installation ${installationId}`;
    const now = record.time.getTime();
    const times = (this.writeTimes.get(installation) ?? []).filter((t) => t > now - 3_600_000);
    this.writeTimes.set(installation, times);
    const last = times[times.length - 1];
    const gapMs = last === undefined ? null : now - last;
    const inMinute = times.filter((t) => t > now - 60_000);
    // When the write would have been allowed, for each rule it breaks.
    let rule: LimitViolation['rule'] | null = null;
    let allowedAt = now;
    if (gapMs !== null && gapMs < limits.minGapMs) {
      rule = 'gap';
      allowedAt = (last ?? now) + limits.minGapMs;
    } else if (inMinute.length >= limits.perMinute) {
      rule = 'minute';
      allowedAt = (inMinute[inMinute.length - limits.perMinute] ?? now) + 60_000;
    } else if (times.length >= limits.perHour) {
      rule = 'hour';
      allowedAt = (times[times.length - limits.perHour] ?? now) + 3_600_000;
    }
    if (rule === null) {
      times.push(now);
      return null;
    }
    const retryAfterSeconds = limits.retryAfterSeconds ?? Math.max(1, Math.ceil((allowedAt - now) / 1000));
    const violation: LimitViolation = { installation, rule, method: record.method, path: record.path, time: record.time, gapMs, retryAfterSeconds };
    this.limitViolations.push(violation);
    return violation;
  }

  setOrigin(origin: string): void {
    this.origin = origin;
  }

  get apiBase(): string {
    return `${this.origin}/api/v3`;
  }

  id(): number {
    this.nextId += 1;
    return this.nextId;
  }

  addOrg(login: string, installationId: number): FakeOrg {
    const org: FakeOrg = { login, id: this.id(), installationId, advisoryPermission: 'write', checksGranted: true };
    this.state.orgs.set(login.toLowerCase(), org);
    return org;
  }

  addRepo(owner: string, name: string, options: FakeRepoOptions): FakeRepo {
    const repo: FakeRepo = {
      id: this.id(),
      owner,
      name,
      private: options.private,
      archived: options.archived ?? false,
      labels: [],
      issues: [],
      files: new Map(),
      collaborators: new Map(),
      advancedSecurity: options.advancedSecurity ?? false,
      advisories: [],
      checkRuns: [],
    };
    this.state.repos.set(`${owner}/${name}`.toLowerCase(), repo);
    return repo;
  }

  findRepo(owner: string, name: string): FakeRepo | undefined {
    return this.state.repos.get(`${owner}/${name}`.toLowerCase());
  }

  mustFindRepo(owner: string, name: string): FakeRepo {
    const repo = this.findRepo(owner, name);
    if (repo === undefined) throw new Error(`fake GitHub: no repository ${owner}/${name}; addRepo first`);
    return repo;
  }

  mustFindIssue(owner: string, repo: string, issueNumber: number): FakeIssue {
    const issue = this.mustFindRepo(owner, repo).issues.find((candidate) => candidate.number === issueNumber);
    if (issue === undefined) throw new Error(`fake GitHub: no issue ${owner}/${repo}#${issueNumber}; addIssue first`);
    return issue;
  }

  addComment(issue: FakeIssue, body: string): FakeComment {
    const comment = { id: this.id(), body, createdAt: this.now() };
    issue.comments.push(comment);
    issue.updatedAt = comment.createdAt;
    return comment;
  }

  createLabel(repo: FakeRepo, label: { name: string; color?: string; description?: string | null }): FakeLabel {
    const created = { id: this.id(), name: label.name, color: label.color ?? 'ededed', description: label.description ?? null };
    repo.labels.push(created);
    return created;
  }

  createIssue(repo: FakeRepo, issue: { title: string; body?: string | null; labels?: string[]; createdAt?: Date }): FakeIssue {
    const at = issue.createdAt ?? this.now();
    const labels = [...new Set(issue.labels ?? [])].map((name) => this.labelFor(repo, name).name);
    const created: FakeIssue = {
      id: this.id(),
      number: repo.issues.length + 1,
      title: issue.title,
      body: issue.body ?? null,
      labels,
      state: 'open',
      stateReason: null,
      createdAt: at,
      updatedAt: at,
      closedAt: null,
      comments: [],
    };
    repo.issues.push(created);
    return created;
  }

  createAdvisory(repo: FakeRepo, advisory: Partial<FakeAdvisory> & { summary: string }): FakeAdvisory {
    const at = this.now();
    const created: FakeAdvisory = {
      ghsaId: this.ghsaId(),
      cveId: null,
      description: null,
      severity: null,
      cvssVector: null,
      cweIds: [],
      vulnerabilities: [],
      credits: [],
      collaboratingUsers: [],
      state: 'draft',
      author: `${this.appSlug}[bot]`,
      external: false,
      accepted: false,
      createdAt: at,
      updatedAt: at,
      publishedAt: null,
      closedAt: null,
      ...advisory,
    };
    repo.advisories.push(created);
    return created;
  }

  /** `GHSA-xxxx-xxxx-xxxx` in GitHub's alphabet, distinct per fake. */
  private ghsaId(): string {
    let rest = this.id();
    let chars = '';
    for (let i = 0; i < 12; i += 1) {
      chars = (GHSA_ALPHABET[rest % GHSA_ALPHABET.length] ?? '2') + chars;
      rest = Math.floor(rest / GHSA_ALPHABET.length);
    }
    return `GHSA-${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
  }

  /** GitHub creates a label that does not exist yet when an issue uses it. */
  labelFor(repo: FakeRepo, name: string): FakeLabel {
    return repo.labels.find((label) => label.name.toLowerCase() === name.toLowerCase()) ?? this.createLabel(repo, { name });
  }

  setChaos(options: ChaosOptions | null): void {
    this.chaosOptions = options;
  }

  addHold(spec: HoldSpec): HeldRequest {
    let seen: (r: RecordedRequest) => void = () => undefined;
    let open: () => void = () => undefined;
    const seenPromise = new Promise<RecordedRequest>((resolve) => (seen = resolve));
    const gate = new Promise<void>((resolve) => (open = resolve));
    const hold = { spec, taken: false, released: false, seen, gate, open };
    this.holds.push(hold);
    return {
      seen: seenPromise,
      release: () => {
        hold.released = true;
        hold.open();
      },
    };
  }

  /** Closing the fake lets every held request go, so the server can close. */
  releaseAll(): void {
    for (const hold of this.holds) hold.open();
  }

  private async waitIfHeld(record: RecordedRequest, raw: string, phase: 'before' | 'after-perform'): Promise<void> {
    const hold = this.holds.find((h) => !h.taken && !h.released && (h.spec.phase ?? 'after-perform') === phase && matches(h.spec, record, raw));
    if (hold === undefined) return;
    hold.taken = true;
    hold.seen(record);
    await hold.gate;
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const parsed = new URL(req.url ?? '/', this.origin);
    const path = parsed.pathname.replace(/^\/api\/v3(?=\/|$)/, '') || '/';
    const method = (req.method ?? 'GET').toUpperCase();
    const match = findGitHubOperation(method, path);
    const record: RecordedRequest = {
      method,
      path,
      query: Object.fromEntries(parsed.searchParams.entries()),
      body: parseJson(raw) ?? (raw === '' ? undefined : raw),
      headers: req.headers,
      time: this.now(),
      route: match === null ? null : `${method} ${match.template}`,
      operationId: match?.operationId ?? null,
      auth: authKind(req.headers.authorization),
      status: null,
      rawBody: raw,
    };
    this.requests.push(record);

    await this.waitIfHeld(record, raw, 'before');
    // GitHub counts the write when it arrives, whatever happens to it next.
    const violation = this.limitViolation(record);
    if (violation !== null) {
      record.injected = 'secondary-rate-limit';
      record.limitRule = violation.rule;
      this.send(res, record, secondaryRateLimitReply(violation.retryAfterSeconds));
      return;
    }
    const failure = this.takeFailure(record, raw) ?? this.chaosFailure(record, raw);
    if (failure !== null && failure.kind !== 'lost-answer') {
      record.injected = failure.kind;
      this.fail(failure, req, res, record);
      failure.then?.(record);
      return;
    }
    const reply = this.answer(record, raw, `${path}${parsed.search}`, match?.pathParams ?? {});
    if (failure !== null) {
      // Performed, then the connection dies: the client never learns that it worked.
      record.injected = 'lost-answer';
      record.performedStatus = reply.status;
      failure.then?.(record);
      req.socket.destroy();
      return;
    }
    await this.waitIfHeld(record, raw, 'after-perform');
    this.send(res, record, reply);
  }

  private takeFailure(record: RecordedRequest, raw: string): FailureSpec | null {
    const index = this.failures.findIndex((f) => matches(f, record, raw));
    const failure = this.failures[index];
    if (failure === undefined) return null;
    if (failure.after > 0) {
      failure.after -= 1;
      return null;
    }
    failure.seen = true;
    failure.times -= 1;
    if (failure.times <= 0) this.failures.splice(index, 1);
    return failure;
  }

  /** The seeded random fault for this request, if any (see ChaosOptions). */
  private chaosFailure(record: RecordedRequest, raw: string): FailureSpec | null {
    const options = this.chaosOptions;
    if (options === null) return null;
    if ((options.only ?? 'writes') === 'writes' && !isWrite(record)) return null;
    const requestKey = `${record.method} ${record.path} ${createHash('sha1').update(raw).digest('hex')}`;
    const faults = this.chaosFaults.get(requestKey) ?? 0;
    if (faults >= (options.maxFaultsPerRequest ?? 3)) return null;
    const sequenceKey = `${record.method} ${record.path}`;
    const sequence = this.chaosSeen.get(sequenceKey) ?? 0;
    this.chaosSeen.set(sequenceKey, sequence + 1);
    const roll = seededUnit(options.seed, `${sequenceKey}#${sequence}`);
    const serverError = options.serverErrorRate ?? 0;
    const lost = serverError + (options.lostAnswerRate ?? 0);
    const limited = lost + (options.secondaryRateLimitRate ?? 0);
    let failure: FailureSpec | null = null;
    if (roll < serverError) failure = { kind: '5xx', status: [500, 502, 503][Math.floor((roll / serverError) * 3)] ?? 502 };
    else if (roll < lost) failure = { kind: 'lost-answer' };
    else if (roll < limited) failure = { kind: 'secondary-rate-limit', retryAfterSeconds: options.retryAfterSeconds ?? 1 };
    if (failure !== null) this.chaosFaults.set(requestKey, faults + 1);
    return failure;
  }

  private fail(failure: FailureSpec, req: IncomingMessage, res: ServerResponse, record: RecordedRequest): void {
    if (failure.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    if (failure.kind === 'timeout') return; // answered never; close() ends the connection
    if (failure.kind === '5xx') {
      const status = failure.status ?? 502;
      this.send(res, record, { status, json: { message: 'Server Error', documentation_url: DOCS, status: String(status) } });
      return;
    }
    this.send(res, record, secondaryRateLimitReply(failure.retryAfterSeconds ?? 60));
  }

  /** Auth, spec validation, then the handler. */
  private answer(record: RecordedRequest, raw: string, url: string, params: Record<string, string>): Reply {
    if (record.auth === 'none') return error(401, 'Requires authentication');
    const body = raw === '' ? undefined : parseJson(raw);
    if (raw !== '' && body === undefined) return this.invalid(record, url, ['body is not JSON'], error(400, 'Problems parsing JSON'));
    const problems = validateGitHubRequest(record.method, url, body);
    if (record.operationId === null) return this.invalid(record, url, problems, error(404, 'Not Found'));
    if (problems.length > 0) return this.invalid(record, url, problems, error(422, `Invalid request.\n\n${problems.join('\n')}`));
    const jwtOnly = JWT_OPERATIONS.has(record.operationId);
    if (jwtOnly !== (record.auth === 'jwt')) {
      // This fake's rule: app endpoints take the app's JWT; everything else an installation token.
      return error(401, jwtOnly ? 'A JSON web token is required to access this endpoint.' : 'Bad credentials');
    }
    const handler = this.handlers[record.operationId];
    if (handler === undefined) {
      this.state.unhandledRequests.push(record);
      return error(404, 'Not Found');
    }
    const token = bearer(record.headers.authorization);
    return handler({
      params,
      query: record.query,
      body,
      headers: record.headers,
      installationId: this.state.tokens.get(token) ?? null,
    });
  }

  private invalid(record: RecordedRequest, url: string, problems: string[], reply: Reply): Reply {
    this.state.invalidRequests.push({ method: record.method, url, body: record.body, problems });
    return reply;
  }

  private send(res: ServerResponse, record: RecordedRequest, reply: Reply): void {
    record.status = reply.status;
    if (reply.json !== undefined) record.response = reply.json;
    const key = record.headers.authorization ?? '';
    const used = (this.used.get(key) ?? 0) + 1;
    this.used.set(key, used);
    const headers: Record<string, string> = {
      'x-github-request-id': randomBytes(8).toString('hex').toUpperCase(),
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': String(Math.max(0, 5000 - used)),
      'x-ratelimit-reset': String(Math.floor(this.now().getTime() / 1000) + 3600),
      'x-ratelimit-used': String(used),
      'x-ratelimit-resource': 'core',
      ...reply.headers,
    };
    if (reply.text !== undefined) {
      res.writeHead(reply.status, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
      res.end(reply.text);
      return;
    }
    if (reply.json === undefined) {
      res.writeHead(reply.status, headers);
      res.end();
      return;
    }
    res.writeHead(reply.status, { ...headers, 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(reply.json));
  }

  // ---- routes, by OpenAPI operationId -------------------------------------------------

  private readonly handlers: Record<string, Handler> = {
    'apps/list-installations': () => ({
      status: 200,
      json: [...this.state.orgs.values()].map((org) => this.installationJson(org)),
    }),
    'apps/get-org-installation': ({ params }) => {
      const org = this.state.orgs.get((params.org ?? '').toLowerCase());
      return org === undefined ? error(404, 'Not Found') : { status: 200, json: this.installationJson(org) };
    },
    'apps/get-repo-installation': ({ params }) => {
      const org = this.state.orgs.get((params.owner ?? '').toLowerCase());
      const repo = this.findRepo(params.owner ?? '', params.repo ?? '');
      return org === undefined || repo === undefined ? error(404, 'Not Found') : { status: 200, json: this.installationJson(org) };
    },
    'apps/create-installation-access-token': ({ params }) => {
      const installationId = Number(params.installation_id);
      const installed = [...this.state.orgs.values()].some((org) => org.installationId === installationId);
      if (!installed) return error(404, 'Not Found');
      const token = `ghs_${randomBytes(18).toString('hex')}`;
      this.state.tokens.set(token, installationId);
      return { status: 201, json: this.tokenJson(token) };
    },
    'apps/get-authenticated': () => ({ status: 200, json: { ...this.example('apps/get-authenticated', 200), slug: this.appSlug } }),
    'checks/create': (ctx) => this.withChecks(ctx, (repo) => this.createCheckRunReply(repo, ctx.body)),
    'checks/update': (ctx) =>
      this.withChecks(ctx, (repo) => {
        const run = repo.checkRuns.find((candidate) => candidate.id === Number(ctx.params.check_run_id));
        return run === undefined ? error(404, 'Not Found') : this.updateCheckRunReply(repo, run, ctx.body);
      }),
    'checks/list-for-ref': (ctx) =>
      this.withRepo(ctx, (repo) => {
        const runs = repo.checkRuns.filter((run) => run.headSha === ctx.params.ref && (ctx.query.check_name === undefined || run.name === ctx.query.check_name));
        return { status: 200, json: { total_count: runs.length, check_runs: runs.map((run) => this.checkRunJson(repo, run)) } };
      }),
    'repos/get': (ctx) => this.withRepo(ctx, (repo) => ({ status: 200, json: this.repoJson(repo) })),
    'repos/get-content': (ctx) => this.withRepo(ctx, (repo) => this.contentReply(repo, ctx)),
    'repos/create-or-update-file-contents': (ctx) => this.withWritableRepo(ctx, (repo) => this.putFileReply(repo, ctx)),
    'issues/list-labels-for-repo': (ctx) =>
      this.withRepo(ctx, (repo) => this.page(ctx, `/repos/${repo.owner}/${repo.name}/labels`, repo.labels.map((l) => this.labelJson(repo, l)))),
    'issues/create-label': (ctx) => this.withWritableRepo(ctx, (repo) => this.createLabelReply(repo, ctx.body)),
    'issues/create': (ctx) => this.withWritableRepo(ctx, (repo) => this.createIssueReply(repo, ctx.body)),
    'issues/list-for-repo': (ctx) => this.withRepo(ctx, (repo) => this.listIssuesReply(repo, ctx)),
    'issues/get': (ctx) => this.withIssue(ctx, (repo, issue) => ({ status: 200, json: this.issueJson(repo, issue) })),
    'issues/update': (ctx) => this.withIssue(ctx, (repo, issue) => this.updateIssueReply(repo, issue, ctx.body), true),
    'issues/add-labels': (ctx) => this.withIssue(ctx, (repo, issue) => this.addLabelsReply(repo, issue, ctx.body), true),
    'issues/remove-label': (ctx) => this.withIssue(ctx, (repo, issue) => this.removeLabelReply(repo, issue, ctx.params.name ?? ''), true),
    'issues/create-comment': (ctx) => this.withIssue(ctx, (repo, issue) => this.createCommentReply(repo, issue, ctx.body), true),
    'issues/list-comments': (ctx) => this.withIssue(ctx, (repo, issue) => this.listCommentsReply(repo, issue, ctx)),
    'repos/get-collaborator-permission-level': (ctx) => this.withRepo(ctx, (repo) => this.permissionReply(repo, ctx.params.username ?? '')),
    'security-advisories/create-repository-advisory': (ctx) => this.withAdvisories(ctx, (repo, level) => this.createAdvisoryReply(repo, level, ctx.body)),
    'security-advisories/list-repository-advisories': (ctx) => this.withAdvisories(ctx, (repo, level) => this.listAdvisoriesReply(repo, level, ctx)),
    'security-advisories/get-repository-advisory': (ctx) =>
      this.withAdvisory(ctx, (repo, advisory) => ({ status: 200, json: this.advisoryJson(repo, advisory) })),
    'security-advisories/update-repository-advisory': (ctx) =>
      this.withAdvisory(ctx, (repo, advisory, level) => this.updateAdvisoryReply(repo, advisory, level, ctx.body)),
  };

  /**
   * 404 unless the repository has advisories: a private repository needs Advanced
   * Security (and the org's innersource grant); GitHub checks this before anything else.
   */
  private withAdvisories(ctx: Ctx, fn: (repo: FakeRepo, level: FakeOrg['advisoryPermission']) => Reply): Reply {
    return this.withRepo(ctx, (repo) => {
      if (repo.private && !repo.advancedSecurity) return error(404, 'Not Found');
      return fn(repo, this.state.orgs.get(repo.owner.toLowerCase())?.advisoryPermission ?? 'none');
    });
  }

  /** 404 for an advisory that does not exist or that the installation may not read. */
  private withAdvisory(ctx: Ctx, fn: (repo: FakeRepo, advisory: FakeAdvisory, level: FakeOrg['advisoryPermission']) => Reply): Reply {
    return this.withAdvisories(ctx, (repo, level) => {
      const advisory = repo.advisories.find((candidate) => candidate.ghsaId === ctx.params.ghsa_id);
      if (advisory === undefined || (level === 'none' && advisory.state !== 'published')) return error(404, 'Not Found');
      return fn(repo, advisory, level);
    });
  }

  /** 404 unless the repository exists and the token's installation may see it. */
  private withRepo(ctx: Ctx, fn: (repo: FakeRepo) => Reply): Reply {
    const repo = this.findRepo(ctx.params.owner ?? '', ctx.params.repo ?? '');
    if (repo === undefined) return error(404, 'Not Found');
    const org = this.state.orgs.get(repo.owner.toLowerCase());
    if (ctx.installationId !== null && org?.installationId !== ctx.installationId) return error(404, 'Not Found');
    return fn(repo);
  }

  /** As GitHub without the `checks: write` permission: 403 "Resource not accessible by integration". */
  private withChecks(ctx: Ctx, fn: (repo: FakeRepo) => Reply): Reply {
    return this.withRepo(ctx, (repo) =>
      this.state.orgs.get(repo.owner.toLowerCase())?.checksGranted === false ? error(403, 'Resource not accessible by integration') : fn(repo),
    );
  }

  private createCheckRunReply(repo: FakeRepo, body: unknown): Reply {
    const input = record(body);
    const output = record(input.output);
    const run: FakeCheckRun = {
      id: this.id(),
      name: String(input.name ?? ''),
      headSha: String(input.head_sha ?? ''),
      conclusion: typeof input.conclusion === 'string' ? input.conclusion : null,
      output: { title: String(output.title ?? ''), summary: String(output.summary ?? ''), annotations: Array.isArray(output.annotations) ? (output.annotations as FakeCheckRun['output']['annotations']) : [] },
    };
    repo.checkRuns.push(run);
    return { status: 201, json: this.checkRunJson(repo, run) };
  }

  private updateCheckRunReply(repo: FakeRepo, run: FakeCheckRun, body: unknown): Reply {
    const input = record(body);
    const output = record(input.output);
    if (typeof input.conclusion === 'string') run.conclusion = input.conclusion;
    if (input.output !== undefined) {
      run.output = { title: String(output.title ?? ''), summary: String(output.summary ?? ''), annotations: Array.isArray(output.annotations) ? (output.annotations as FakeCheckRun['output']['annotations']) : [] };
    }
    return { status: 200, json: this.checkRunJson(repo, run) };
  }

  private checkRunJson(repo: FakeRepo, run: FakeCheckRun): unknown {
    const json = this.example('checks/get', 200);
    return this.rewrite({ ...json, id: run.id, name: run.name, head_sha: run.headSha, status: 'completed', conclusion: run.conclusion, output: { ...record(json.output), title: run.output.title, summary: run.output.summary, annotations_count: run.output.annotations.length } }, repo.owner, repo.name);
  }

  private withWritableRepo(ctx: Ctx, fn: (repo: FakeRepo) => Reply): Reply {
    return this.withRepo(ctx, (repo) => (repo.archived ? error(403, 'Repository was archived so is read-only.') : fn(repo)));
  }

  private withIssue(ctx: Ctx, fn: (repo: FakeRepo, issue: FakeIssue) => Reply, write = false): Reply {
    const run = (repo: FakeRepo) => {
      const issue = repo.issues.find((candidate) => candidate.number === Number(ctx.params.issue_number));
      return issue === undefined ? error(404, 'Not Found') : fn(repo, issue);
    };
    return write ? this.withWritableRepo(ctx, run) : this.withRepo(ctx, run);
  }

  private contentReply(repo: FakeRepo, ctx: Ctx): Reply {
    const path = ctx.params.path ?? '';
    const file = repo.files.get(path);
    if (file === undefined) {
      const inside = [...repo.files.entries()].filter(([candidate]) => candidate.startsWith(`${path}/`));
      if (inside.length === 0) return error(404, 'Not Found');
      // A directory: GitHub lists its entries (files only here; nested paths as their own entries).
      return { status: 200, json: inside.map(([candidate, entry]) => this.directoryEntryJson(repo, candidate, entry)) };
    }
    // https://docs.github.com/rest/repos/contents#get-repository-content (custom media types)
    if (/application\/vnd\.github(\.v3)?\.raw/.test(String(ctx.headers.accept ?? ''))) return { status: 200, text: file.content.toString('utf8') };
    return { status: 200, json: this.fileJson(repo, path, file) };
  }

  /** Create, or update when `sha` names the current blob; GitHub's 422 / 409 otherwise. */
  private putFileReply(repo: FakeRepo, ctx: Ctx): Reply {
    const path = ctx.params.path ?? '';
    const input = record(ctx.body);
    const content = (stringField(input, 'content') ?? '').replace(/\s/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(content)) return validationFailed([{ resource: 'Blob', code: 'invalid', field: 'content' }]);
    const existing = repo.files.get(path);
    const sha = stringField(input, 'sha');
    if (existing !== undefined && sha === undefined) return error(422, 'Invalid request.\n\n"sha" wasn\'t supplied.');
    if (existing !== undefined && sha !== existing.sha) return error(409, `${path} does not match ${sha ?? ''}`);
    const file = fakeFile(Buffer.from(content, 'base64'));
    repo.files.set(path, file);
    return { status: existing === undefined ? 201 : 200, json: this.commitJson(repo, path, file, stringField(input, 'message') ?? '') };
  }

  /** https://docs.github.com/rest/security-advisories/repository-advisories#create-a-repository-security-advisory */
  private createAdvisoryReply(repo: FakeRepo, level: FakeOrg['advisoryPermission'], body: unknown): Reply {
    // GitHub only says 403 where the repository is public; elsewhere it does not admit the endpoint exists.
    if (level !== 'write') return repo.private ? error(404, 'Not Found') : error(403, CREATE_ADVISORY_FORBIDDEN);
    const input = record(body);
    const scored = this.scoreAdvisoryInput(input);
    if ('reply' in scored) return scored.reply;
    const credits: FakeAdvisoryCredit[] = [];
    for (const credit of arrayOf(input.credits)) {
      const login = stringField(credit, 'login') ?? '';
      const refused = this.refuseCredit(login, 'credit cannot be created');
      if (refused !== null) return refused;
      credits.push({ login, type: stringField(credit, 'type') ?? 'other', state: 'pending' });
    }
    const advisory = this.createAdvisory(repo, {
      summary: stringField(input, 'summary') ?? '',
      description: stringField(input, 'description') ?? null,
      cveId: stringField(input, 'cve_id') ?? null,
      severity: scored.severity,
      cvssVector: scored.cvssVector,
      cweIds: knownCwes(input.cwe_ids),
      vulnerabilities: arrayOf(input.vulnerabilities).map(toFakeVulnerability),
      credits,
    });
    return { status: 201, json: this.advisoryJson(repo, advisory) };
  }

  /**
   * Severity or a CVSS vector, never both; GitHub derives the severity from a vector
   * (3.x or 4.0) and keeps only one vector version.
   */
  private scoreAdvisoryInput(input: Record<string, unknown>): { severity: FakeAdvisory['severity']; cvssVector: string | null } | { reply: Reply } {
    const vector = stringField(input, 'cvss_vector_string');
    const severity = stringField(input, 'severity');
    if (vector !== undefined && vector !== '' && severity !== undefined && severity !== '') {
      return { reply: error(422, 'Cannot define both severity and cvss_vector_string') };
    }
    if (vector === undefined || vector === '') return { severity: asSeverity(severity), cvssVector: null };
    const scored = scoreCvss(vector);
    if (!scored.ok) return { reply: error(422, vector.startsWith('CVSS:4.0/') ? 'Not a valid CVSS 4 vector string' : 'Not a valid CVSS 3 vector string') };
    return { severity: asSeverity(scored.severity), cvssVector: scored.vector };
  }

  /** GitHub only credits existing user accounts. */
  private refuseCredit(login: string, consequence: string): Reply | null {
    if (this.state.missingUsers.has(login.toLowerCase())) return error(422, `User '${login}' not found, ${consequence}`);
    if (login.endsWith('[bot]')) return error(422, `Cannot create credit for '${login}', credits can only be given to users`);
    return null;
  }

  /** Newest first by default; cursor pagination (`after`/`before`), not `page`. */
  private listAdvisoriesReply(repo: FakeRepo, level: FakeOrg['advisoryPermission'], ctx: Ctx): Reply {
    const { state, sort = 'created', direction = 'desc', after, before } = ctx.query;
    if (after !== undefined && before !== undefined) return error(400, 'Cannot specify both before and after cursors');
    const visible = repo.advisories.filter((a) => (level !== 'none' || a.state === 'published') && (state === undefined || a.state === state));
    const key = (a: FakeAdvisory) => (sort === 'updated' ? a.updatedAt : sort === 'published' ? (a.publishedAt ?? a.createdAt) : a.createdAt).getTime();
    const sorted = visible
      .map((advisory, index) => ({ advisory, index }))
      .sort((a, b) => (key(a.advisory) - key(b.advisory) || a.index - b.index) * (direction === 'asc' ? 1 : -1))
      .map(({ advisory }) => advisory);
    const perPage = Math.min(Math.max(Number(ctx.query.per_page ?? 30) || 30, 1), 100);
    const start = after !== undefined ? decodeCursor(after) : before !== undefined ? Math.max(decodeCursor(before) - perPage, 0) : 0;
    const end = before !== undefined ? decodeCursor(before) : start + perPage;
    const path = `/repos/${repo.owner}/${repo.name}/security-advisories`;
    const link = (cursor: Record<string, string>, rel: string) => {
      const { after: _a, before: _b, ...rest } = ctx.query;
      return `<${this.apiBase}${path}?${new URLSearchParams({ ...rest, per_page: String(perPage), ...cursor }).toString()}>; rel="${rel}"`;
    };
    const links = [
      ...(end < sorted.length ? [link({ after: encodeCursor(end) }, 'next')] : []),
      ...(start > 0 ? [link({ before: encodeCursor(start) }, 'prev')] : []),
    ];
    const json = sorted.slice(start, end).map((advisory) => this.advisoryJson(repo, advisory));
    return { status: 200, json, headers: links.length > 0 ? { link: links.join(', ') } : {} };
  }

  /**
   * https://docs.github.com/rest/security-advisories/repository-advisories#update-a-repository-security-advisory
   * Lists (credits, collaborating_users, vulnerabilities, cwe_ids) replace the whole list.
   */
  private updateAdvisoryReply(repo: FakeRepo, advisory: FakeAdvisory, level: FakeOrg['advisoryPermission'], body: unknown): Reply {
    if (level !== 'write') return error(403, UPDATE_ADVISORY_FORBIDDEN);
    const input = record(body);
    if ('severity' in input && !('cvss_vector_string' in input) && advisory.cvssVector !== null && input.severity !== null) {
      return error(422, 'Cannot update severity value when CVSS is set.');
    }
    const scored = 'severity' in input || 'cvss_vector_string' in input ? this.scoreAdvisoryInput(input) : null;
    if (scored !== null && 'reply' in scored) return scored.reply;
    const users = input.collaborating_users === undefined || input.collaborating_users === null ? null : stringsOf(input.collaborating_users);
    for (const login of users ?? []) {
      // A collaborator must exist and be able to see the repository.
      const sees = !repo.private || repo.collaborators.has(login.toLowerCase());
      if (this.state.missingUsers.has(login.toLowerCase()) || !sees) return error(422, `User '${login}' not found, collaborating_users cannot be modified`);
    }
    const credits = input.credits === undefined || input.credits === null ? null : arrayOf(input.credits);
    for (const credit of credits ?? []) {
      const refused = this.refuseCredit(stringField(credit, 'login') ?? '', 'credits cannot be modified');
      if (refused !== null) return refused;
    }
    if (Array.isArray(input.vulnerabilities) && input.vulnerabilities.length === 0) return error(422, 'Advisory must have at least one vulnerability');
    const state = stringField(input, 'state');
    if (state !== undefined && state !== advisory.state) {
      const refused = this.refuseTransition(advisory, state);
      if (refused !== null) return refused;
    }

    if (typeof input.summary === 'string') advisory.summary = input.summary;
    if ('description' in input) advisory.description = stringField(input, 'description') ?? null;
    if ('cve_id' in input) advisory.cveId = stringField(input, 'cve_id') ?? null;
    if (scored !== null) Object.assign(advisory, scored);
    if (Array.isArray(input.cwe_ids)) advisory.cweIds = knownCwes(input.cwe_ids);
    if (Array.isArray(input.vulnerabilities)) advisory.vulnerabilities = arrayOf(input.vulnerabilities).map(toFakeVulnerability);
    if (users !== null) advisory.collaboratingUsers = [...new Set(users)];
    if (credits !== null) {
      advisory.credits = credits.map((credit) => {
        const login = stringField(credit, 'login') ?? '';
        const kept = advisory.credits.find((c) => c.login.toLowerCase() === login.toLowerCase());
        return { login, type: stringField(credit, 'type') ?? 'other', state: kept?.state ?? 'pending' };
      });
    }
    if (state !== undefined && state !== advisory.state) this.setAdvisoryState(advisory, state);
    advisory.updatedAt = this.now();
    return { status: 200, json: this.advisoryJson(repo, advisory) };
  }

  private refuseTransition(advisory: FakeAdvisory, state: string): Reply | null {
    const from = advisory.state;
    if (from === 'published' || from === 'withdrawn') return error(422, `Invalid state transition from \`${from}\` to \`${state}\`.`);
    if (state === 'published') {
      const publishable =
        (from === 'draft' || (from === 'triage' && advisory.accepted)) &&
        advisory.vulnerabilities.length > 0 &&
        advisory.vulnerabilities.every((v) => (v.vulnerableRange ?? '') !== '') &&
        (advisory.description ?? '') !== '' &&
        advisory.severity !== null;
      if (!publishable) {
        return error(422, 'Advisory is not publishable. Must be open with at least one affected product, a description, a severity, and a workspace with no open pull requests.');
      }
    }
    return null;
  }

  private setAdvisoryState(advisory: FakeAdvisory, state: string): void {
    const at = this.now();
    if (state === 'draft') {
      // Accepting a private vulnerability report turns it into a draft.
      if (advisory.state === 'triage') advisory.accepted = true;
      advisory.state = 'draft';
      advisory.closedAt = null;
    } else if (state === 'published') {
      advisory.state = 'published';
      advisory.publishedAt = at;
    } else if (state === 'closed') {
      advisory.state = 'closed';
      advisory.closedAt = at;
    }
  }

  private createLabelReply(repo: FakeRepo, body: unknown): Reply {
    const input = record(body);
    const name = stringField(input, 'name') ?? '';
    if (repo.labels.some((label) => label.name.toLowerCase() === name.toLowerCase())) {
      return validationFailed([{ resource: 'Label', code: 'already_exists', field: 'name' }]);
    }
    const color = stringField(input, 'color') ?? 'ededed';
    if (!/^[0-9a-fA-F]{6}$/.test(color)) return validationFailed([{ resource: 'Label', code: 'invalid', field: 'color' }]);
    const label = this.createLabel(repo, { name, color, description: stringField(input, 'description') ?? null });
    return { status: 201, json: this.labelJson(repo, label) };
  }

  private createIssueReply(repo: FakeRepo, body: unknown): Reply {
    const input = record(body);
    const title = input.title;
    if (typeof title !== 'string' && typeof title !== 'number') return validationFailed([{ resource: 'Issue', code: 'missing_field', field: 'title' }]);
    const issue = this.createIssue(repo, { title: String(title), body: stringField(input, 'body') ?? null, labels: labelNames(input.labels) });
    return { status: 201, json: this.issueJson(repo, issue) };
  }

  private listIssuesReply(repo: FakeRepo, ctx: Ctx): Reply {
    const { state = 'open', since, labels, sort = 'created', direction = 'desc' } = ctx.query;
    const wanted = labels === undefined ? [] : labels.split(',').map((l) => l.trim().toLowerCase()).filter(Boolean);
    const sinceMs = since === undefined ? null : Date.parse(since);
    const selected = repo.issues.filter(
      (issue) =>
        (state === 'all' || issue.state === state) &&
        (sinceMs === null || issue.updatedAt.getTime() >= sinceMs) &&
        wanted.every((name) => issue.labels.some((l) => l.toLowerCase() === name)),
    );
    const key = (issue: FakeIssue) => (sort === 'updated' ? issue.updatedAt.getTime() : sort === 'comments' ? issue.comments.length : issue.createdAt.getTime());
    const sorted = selected.sort((a, b) => (key(a) - key(b) || a.number - b.number) * (direction === 'asc' ? 1 : -1));
    return this.page(ctx, `/repos/${repo.owner}/${repo.name}/issues`, sorted.map((issue) => this.issueJson(repo, issue)));
  }

  private updateIssueReply(repo: FakeRepo, issue: FakeIssue, body: unknown): Reply {
    const input = record(body);
    if (typeof input.title === 'string' || typeof input.title === 'number') issue.title = String(input.title);
    if ('body' in input) issue.body = stringField(input, 'body') ?? null;
    if (input.labels !== undefined) issue.labels = labelNames(input.labels).map((name) => this.labelFor(repo, name).name);
    if (input.state === 'open' || input.state === 'closed') this.setIssueState(issue, input.state, stringField(input, 'state_reason'));
    issue.updatedAt = this.now();
    return { status: 200, json: this.issueJson(repo, issue) };
  }

  private setIssueState(issue: FakeIssue, state: 'open' | 'closed', reason: string | undefined): void {
    if (issue.state === state) return;
    issue.state = state;
    issue.closedAt = state === 'closed' ? this.now() : null;
    issue.stateReason = state === 'closed' ? (reason ?? 'completed') : 'reopened';
  }

  private addLabelsReply(repo: FakeRepo, issue: FakeIssue, body: unknown): Reply {
    const names = labelNames(record(body).labels);
    for (const name of names) {
      const label = this.labelFor(repo, name);
      if (!issue.labels.includes(label.name)) issue.labels.push(label.name);
    }
    issue.updatedAt = this.now();
    return { status: 200, json: issue.labels.map((name) => this.labelJson(repo, this.labelFor(repo, name))) };
  }

  /** https://docs.github.com/rest/issues/labels#remove-a-label-from-an-issue */
  private removeLabelReply(repo: FakeRepo, issue: FakeIssue, name: string): Reply {
    const index = issue.labels.findIndex((label) => label.toLowerCase() === name.toLowerCase());
    if (index < 0) return error(404, 'Label does not exist');
    issue.labels.splice(index, 1);
    issue.updatedAt = this.now();
    return { status: 200, json: issue.labels.map((label) => this.labelJson(repo, this.labelFor(repo, label))) };
  }

  private createCommentReply(repo: FakeRepo, issue: FakeIssue, body: unknown): Reply {
    const comment = this.addComment(issue, stringField(record(body), 'body') ?? '');
    return { status: 201, json: this.commentJson(repo, issue, comment) };
  }

  /** Oldest first (ascending id), `since` on updated_at, paginated. */
  private listCommentsReply(repo: FakeRepo, issue: FakeIssue, ctx: Ctx): Reply {
    const sinceMs = ctx.query.since === undefined ? null : Date.parse(ctx.query.since);
    const comments = issue.comments.filter((comment) => sinceMs === null || comment.createdAt.getTime() >= sinceMs);
    const path = `/repos/${repo.owner}/${repo.name}/issues/${issue.number}/comments`;
    return this.page(ctx, path, comments.map((comment) => this.commentJson(repo, issue, comment)));
  }

  /**
   * `role_name` is the role (custom roles by name); `permission` the legacy base level,
   * with maintain shown as write and triage as read.
   * https://docs.github.com/rest/collaborators/collaborators#get-repository-permissions-for-a-user
   */
  private permissionReply(repo: FakeRepo, login: string): Reply {
    if (this.state.missingUsers.has(login.toLowerCase())) return error(404, 'Not Found');
    const role = repo.collaborators.get(login.toLowerCase()) ?? (repo.private ? 'none' : 'read');
    const level = typeof role === 'string' ? role : role.permission;
    return { status: 200, json: this.permissionJson(login, typeof role === 'string' ? role : role.roleName, level) };
  }

  /** GitHub's pagination: `per_page` (default 30, at most 100), `page`, and a `link` header. */
  private page(ctx: Ctx, path: string, items: unknown[]): Reply {
    const perPage = Math.min(Math.max(Number(ctx.query.per_page ?? 30) || 30, 1), 100);
    const page = Math.max(Number(ctx.query.page ?? 1) || 1, 1);
    const last = Math.max(Math.ceil(items.length / perPage), 1);
    const link = (n: number, rel: string) => {
      const query = new URLSearchParams({ ...ctx.query, per_page: String(perPage), page: String(n) });
      return `<${this.apiBase}${path}?${query.toString()}>; rel="${rel}"`;
    };
    const links = [
      ...(page > 1 ? [link(page - 1, 'prev'), link(1, 'first')] : []),
      ...(page < last ? [link(page + 1, 'next'), link(last, 'last')] : []),
    ];
    const json = items.slice((page - 1) * perPage, page * perPage);
    return { status: 200, json, headers: links.length > 0 ? { link: links.join(', ') } : {} };
  }

  // ---- response bodies: the spec's examples with our data ------------------------------

  private example(operationId: string, status: number, name?: string): Record<string, unknown> {
    return record(gitHubResponseExample(operationId, status, name));
  }

  private rewrite<T>(value: T, owner: string, repo: string): T {
    return rewriteUrls(value, [
      ['https://api.github.com/repos/octocat/Hello-World', `${this.apiBase}/repos/${owner}/${repo}`],
      ['https://github.com/octocat/Hello-World', `${this.origin}/${owner}/${repo}`],
      ['https://api.github.com', this.apiBase],
      ['https://github.com', this.origin],
    ]);
  }

  private installationJson(org: FakeOrg): unknown {
    const json = this.example('apps/get-org-installation', 200);
    const account = record(json.account);
    return this.rewrite(
      {
        ...json,
        id: org.installationId,
        account: { ...account, login: org.login, id: org.id, url: `https://api.github.com/orgs/${org.login}`, html_url: `https://github.com/${org.login}` },
        access_tokens_url: `https://api.github.com/app/installations/${org.installationId}/access_tokens`,
        html_url: `https://github.com/organizations/${org.login}/settings/installations/${org.installationId}`,
        target_id: org.id,
        app_slug: this.appSlug,
        permissions: {
          issues: 'write',
          contents: 'read',
          metadata: 'read',
          ...(org.advisoryPermission === 'none' ? {} : { repository_advisories: org.advisoryPermission }),
        },
      },
      org.login,
      '',
    );
  }

  private tokenJson(token: string): unknown {
    const json = this.example('apps/create-installation-access-token', 201);
    const expires = new Date(this.now().getTime() + 3600_000);
    const { repositories: _repositories, ...rest } = json;
    return { ...rest, token, expires_at: isoSeconds(expires), repository_selection: 'all', permissions: { issues: 'write', contents: 'read', metadata: 'read' } };
  }

  private repoJson(repo: FakeRepo): unknown {
    const json = this.example('repos/get', 200);
    // A plain repository: the example's fork parent, source and template do not apply.
    const { parent: _p, source: _s, template_repository: _t, ...rest } = json;
    const org = this.state.orgs.get(repo.owner.toLowerCase());
    return this.rewrite(
      {
        ...rest,
        id: repo.id,
        node_id: nodeId('R', repo.id),
        name: repo.name,
        full_name: `${repo.owner}/${repo.name}`,
        owner: { ...record(json.owner), login: repo.owner, id: org?.id ?? 1, type: 'Organization' },
        organization: { ...record(json.organization), login: repo.owner, id: org?.id ?? 1 },
        private: repo.private,
        visibility: repo.private ? 'private' : 'public',
        archived: repo.archived,
        fork: false,
        // Required by the response schema, missing from the spec's example.
        language: null,
        open_issues: repo.issues.filter((issue) => issue.state === 'open').length,
        open_issues_count: repo.issues.filter((issue) => issue.state === 'open').length,
      },
      repo.owner,
      repo.name,
    );
  }

  private fileJson(repo: FakeRepo, path: string, file: FakeFile): unknown {
    const json = this.example('repos/get-content', 200, 'response-if-content-is-a-file');
    const base64 = file.content.toString('base64');
    return this.rewrite(
      {
        ...json,
        size: file.content.length,
        name: path.split('/').pop() ?? path,
        path,
        sha: file.sha,
        git_url: `https://api.github.com/repos/octocat/Hello-World/git/blobs/${file.sha}`,
        content: (base64.match(/.{1,60}/g) ?? []).join('\n'),
        url: `https://api.github.com/repos/octocat/Hello-World/contents/${path}`,
        html_url: `https://github.com/octocat/Hello-World/blob/main/${path}`,
        download_url: `${this.origin}/raw/${repo.owner}/${repo.name}/main/${path}`,
        _links: { ...record(json._links), self: `https://api.github.com/repos/octocat/Hello-World/contents/${path}`, html: `https://github.com/octocat/Hello-World/blob/main/${path}` },
      },
      repo.owner,
      repo.name,
    );
  }

  private directoryEntryJson(repo: FakeRepo, path: string, file: FakeFile): unknown {
    const { content: _content, encoding: _encoding, target: _target, submodule_git_url: _sub, ...entry } = record(this.fileJson(repo, path, file));
    return entry;
  }

  private commitJson(repo: FakeRepo, path: string, file: FakeFile, message: string): unknown {
    const json = this.example('repos/create-or-update-file-contents', 201);
    const commitSha = createHash('sha1').update(`${path}:${file.sha}:${this.id()}`).digest('hex');
    const content = record(json.content);
    const commit = record(json.commit);
    return this.rewrite(
      {
        content: {
          ...content,
          name: path.split('/').pop() ?? path,
          path,
          sha: file.sha,
          size: file.content.length,
          url: `https://api.github.com/repos/octocat/Hello-World/contents/${path}`,
          html_url: `https://github.com/octocat/Hello-World/blob/main/${path}`,
          git_url: `https://api.github.com/repos/octocat/Hello-World/git/blobs/${file.sha}`,
          download_url: `${this.origin}/raw/${repo.owner}/${repo.name}/main/${path}`,
          _links: {
            self: `https://api.github.com/repos/octocat/Hello-World/contents/${path}`,
            git: `https://api.github.com/repos/octocat/Hello-World/git/blobs/${file.sha}`,
            html: `https://github.com/octocat/Hello-World/blob/main/${path}`,
          },
        },
        commit: { ...commit, sha: commitSha, message, url: `https://api.github.com/repos/octocat/Hello-World/git/commits/${commitSha}` },
      },
      repo.owner,
      repo.name,
    );
  }

  /** The advisory as an installation with write access sees it (author, collaborators and all). */
  private advisoryJson(repo: FakeRepo, advisory: FakeAdvisory): unknown {
    const json = this.example('security-advisories/get-repository-advisory', 200);
    const userExample = record(json.author);
    const user = (login: string) => this.userJson(userExample, login);
    const scored = advisory.cvssVector === null ? null : scoreCvss(advisory.cvssVector);
    const v4 = scored?.ok === true && scored.version === '4.0' ? { vector_string: scored.vector, score: scored.score } : null;
    const v3 = scored?.ok === true && scored.version !== '4.0' ? { vector_string: scored.vector, score: scored.score } : null;
    const { private_fork: _fork, ...rest } = json;
    return {
      ...rest,
      ghsa_id: advisory.ghsaId,
      cve_id: advisory.cveId,
      url: `${this.apiBase}/repos/${repo.owner}/${repo.name}/security-advisories/${advisory.ghsaId}`,
      html_url: `${this.origin}/${repo.owner}/${repo.name}/security/advisories/${advisory.ghsaId}`,
      summary: advisory.summary,
      description: advisory.description,
      severity: advisory.severity,
      author: user(advisory.author),
      publisher: advisory.state === 'published' ? user(`${this.appSlug}[bot]`) : null,
      identifiers: [
        { type: 'GHSA', value: advisory.ghsaId },
        ...(advisory.cveId === null ? [] : [{ type: 'CVE', value: advisory.cveId }]),
      ],
      state: advisory.state,
      created_at: isoSeconds(advisory.createdAt),
      updated_at: isoSeconds(advisory.updatedAt),
      published_at: advisory.publishedAt === null ? null : isoSeconds(advisory.publishedAt),
      closed_at: advisory.closedAt === null ? null : isoSeconds(advisory.closedAt),
      withdrawn_at: null,
      submission: advisory.external ? { accepted: advisory.accepted } : null,
      vulnerabilities: advisory.vulnerabilities.map((v) => ({
        package: { ecosystem: v.ecosystem, name: v.name },
        vulnerable_version_range: v.vulnerableRange,
        patched_versions: v.patchedVersions,
        // GitHub no longer fills these in.
        vulnerable_functions: [],
      })),
      // Deprecated (the API version of 2026-03-10 drops it); only ever the CVSS 3 vector.
      cvss: { vector_string: v3?.vector_string ?? null, score: v3?.score ?? null },
      cvss_severities: {
        cvss_v3: v3 ?? { vector_string: null, score: null },
        cvss_v4: v4 ?? { vector_string: null, score: null },
      },
      cwes: advisory.cweIds.map((cweId) => ({ cwe_id: cweId, name: `The weakness ${cweId}` })),
      cwe_ids: [...advisory.cweIds],
      credits: advisory.credits.map((credit) => ({ login: credit.login, type: credit.type })),
      credits_detailed: advisory.credits.map((credit) => ({ user: user(credit.login), type: credit.type, state: credit.state })),
      collaborating_users: advisory.collaboratingUsers.map(user),
      collaborating_teams: [],
      private_fork: null,
    };
  }

  /** A user like the spec's example, for `login`. */
  private userJson(example: Record<string, unknown>, login: string): Record<string, unknown> {
    const base = this.rewrite(example, '', '');
    const api = `${this.apiBase}/users/${encodeURIComponent(login)}`;
    return {
      ...base,
      login,
      id: userId(login),
      node_id: nodeId('U', userId(login)),
      url: api,
      // A bot's page is its app's page.
      html_url: login.endsWith('[bot]') ? `${this.origin}/apps/${login.slice(0, -'[bot]'.length)}` : `${this.origin}/${login}`,
      followers_url: `${api}/followers`,
      following_url: `${api}/following{/other_user}`,
      gists_url: `${api}/gists{/gist_id}`,
      starred_url: `${api}/starred{/owner}{/repo}`,
      subscriptions_url: `${api}/subscriptions`,
      organizations_url: `${api}/orgs`,
      repos_url: `${api}/repos`,
      events_url: `${api}/events{/privacy}`,
      received_events_url: `${api}/received_events`,
      type: login.endsWith('[bot]') ? 'Bot' : 'User',
    };
  }

  private labelJson(repo: FakeRepo, label: FakeLabel): unknown {
    return {
      ...this.example('issues/create-label', 201),
      id: label.id,
      node_id: nodeId('LA', label.id),
      url: `${this.apiBase}/repos/${repo.owner}/${repo.name}/labels/${encodeURIComponent(label.name)}`,
      name: label.name,
      color: label.color,
      description: label.description,
      default: false,
    };
  }

  private issueJson(repo: FakeRepo, issue: FakeIssue): unknown {
    const json = this.example('issues/create', 201);
    // The spec's example issue carries `pull_request`, which marks a pull request: drop it.
    const { pull_request: _pr, milestone: _m, closed_by: _c, ...rest } = json;
    const base = this.rewrite(rest, repo.owner, repo.name);
    const api = `${this.apiBase}/repos/${repo.owner}/${repo.name}/issues/${issue.number}`;
    return {
      ...base,
      id: issue.id,
      node_id: nodeId('I', issue.id),
      url: api,
      labels_url: `${api}/labels{/name}`,
      comments_url: `${api}/comments`,
      events_url: `${api}/events`,
      html_url: `${this.origin}/${repo.owner}/${repo.name}/issues/${issue.number}`,
      number: issue.number,
      state: issue.state,
      state_reason: issue.stateReason,
      title: issue.title,
      body: issue.body,
      user: this.botUser(record(json.user)),
      labels: issue.labels.map((name) => this.labelJson(repo, this.labelFor(repo, name))),
      assignee: null,
      assignees: [],
      milestone: null,
      closed_by: issue.state === 'closed' ? this.botUser(record(json.user)) : null,
      comments: issue.comments.length,
      created_at: isoSeconds(issue.createdAt),
      updated_at: isoSeconds(issue.updatedAt),
      closed_at: issue.closedAt === null ? null : isoSeconds(issue.closedAt),
      author_association: 'NONE',
    };
  }

  private commentJson(repo: FakeRepo, issue: FakeIssue, comment: FakeComment): unknown {
    const json = this.example('issues/create-comment', 201);
    const issueUrl = `${this.apiBase}/repos/${repo.owner}/${repo.name}/issues/${issue.number}`;
    return {
      ...this.rewrite(json, repo.owner, repo.name),
      id: comment.id,
      node_id: nodeId('IC', comment.id),
      url: `${this.apiBase}/repos/${repo.owner}/${repo.name}/issues/comments/${comment.id}`,
      html_url: `${this.origin}/${repo.owner}/${repo.name}/issues/${issue.number}#issuecomment-${comment.id}`,
      issue_url: issueUrl,
      body: comment.body,
      user: this.botUser(record(json.user)),
      created_at: isoSeconds(comment.createdAt),
      updated_at: isoSeconds(comment.createdAt),
      author_association: 'NONE',
    };
  }

  private permissionJson(login: string, roleName: string, level: Level): unknown {
    const json = this.example('repos/get-collaborator-permission-level', 200);
    const rank = LEVELS.indexOf(level);
    const user = {
      ...this.rewrite(record(json.user), '', ''),
      login,
      id: userId(login),
      node_id: nodeId('U', userId(login)),
      url: `${this.apiBase}/users/${login}`,
      html_url: `${this.origin}/${login}`,
      // Required by the response schema, missing from the spec's example.
      role_name: roleName,
      permissions: { pull: rank >= 1, triage: rank >= 2, push: rank >= 3, maintain: rank >= 4, admin: rank >= 5 },
    };
    return { ...json, permission: BASE_PERMISSION[level], role_name: roleName, user };
  }

  private botUser(example: Record<string, unknown>): Record<string, unknown> {
    const login = `${this.appSlug}[bot]`;
    return { ...this.rewrite(example, '', ''), login, id: 41898282, type: 'Bot', url: `${this.apiBase}/users/${encodeURIComponent(login)}`, html_url: `${this.origin}/apps/${this.appSlug}` };
  }
}

// ---- small helpers -----------------------------------------------------------------------

/** GitHub's roles, lowest first, and 'none' for no access. */
const LEVELS = ['none', 'read', 'triage', 'write', 'maintain', 'admin'] as const;
type Level = (typeof LEVELS)[number];

/** The legacy `permission` for each level. */
const BASE_PERMISSION: Record<Level, string> = {
  admin: 'admin',
  maintain: 'write',
  write: 'write',
  triage: 'read',
  read: 'read',
  none: 'none',
};


/** GitHub's 403s for an installation without "Repository security advisories: write". */
const CREATE_ADVISORY_FORBIDDEN =
  'You must have the repository security advisories scope and administrative/security management rights to create an advisory.';
const UPDATE_ADVISORY_FORBIDDEN =
  'You must have the repository security advisories scope and be an advisory collaborator or have administrative/security management rights to update an advisory.';

/** The characters of a GHSA id's groups. */
const GHSA_ALPHABET = '23456789cfghjmpqrvwx';

function encodeCursor(index: number): string {
  return Buffer.from(`cursor:v2:${index}`).toString('base64url');
}

function decodeCursor(cursor: string): number {
  const match = /^cursor:v2:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match?.[1] === undefined ? 0 : Number(match[1]);
}

function arrayOf(value: unknown): Array<Record<string, unknown>> {
  return Array.isArray(value) ? value.map((item: unknown) => record(item)) : [];
}

function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item: unknown): item is string => typeof item === 'string') : [];
}

/** GitHub keeps only CWE ids it knows and drops the rest without a word. */
function knownCwes(value: unknown): string[] {
  return [...new Set(stringsOf(value).filter((id) => /^CWE-\d+$/.test(id)))];
}

function asSeverity(value: string | undefined): FakeAdvisory['severity'] {
  return value === 'critical' || value === 'high' || value === 'medium' || value === 'low' ? value : null;
}

function toFakeVulnerability(input: Record<string, unknown>): FakeAdvisoryVulnerability {
  const pkg = record(input.package);
  return {
    ecosystem: stringField(pkg, 'ecosystem') ?? 'other',
    name: stringField(pkg, 'name') ?? null,
    vulnerableRange: stringField(input, 'vulnerable_version_range') ?? null,
    patchedVersions: stringField(input, 'patched_versions') ?? null,
  };
}

/** A stable positive id for a login, so the same user has the same id in every answer. */
function userId(login: string): number {
  return createHash('sha1').update(login.toLowerCase()).digest().readUInt32BE(0) + 1;
}

/** The installation-token request: the app's own bookkeeping, not a change on GitHub. */
const TOKEN_ROUTE = 'POST /app/installations/{installation_id}/access_tokens';

/** A content write: any method but GET and HEAD, except the installation-token request. */
function isWrite(record: RecordedRequest): boolean {
  return record.method !== 'GET' && record.method !== 'HEAD' && record.route !== TOKEN_ROUTE;
}

function matches(match: RequestMatch, record: RecordedRequest, raw: string | undefined): boolean {
  return (
    (match.method === undefined || match.method.toUpperCase() === record.method) &&
    (match.path === undefined || match.path.test(record.path)) &&
    (match.body === undefined || match.body.test(raw ?? '')) &&
    (match.writes !== true || isWrite(record))
  );
}

function isSuccess(status: number | null | undefined): boolean {
  return typeof status === 'number' && status >= 200 && status < 300;
}

/** A number in [0, 1) from the seed and a key: the same on every run, whatever the timing. */
function seededUnit(seed: number, key: string): number {
  return createHash('sha256').update(`${seed}|${key}`).digest().readUInt32BE(0) / 2 ** 32;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJson(raw: string): unknown {
  if (raw === '') return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

function authKind(header: string | undefined): RecordedRequest['auth'] {
  if (header === undefined || header.trim() === '') return 'none';
  return /^bearer\s+[\w-]+\.[\w-]+\.[\w-]+$/i.test(header.trim()) ? 'jwt' : 'token';
}

function bearer(header: string | undefined): string {
  return (header ?? '').replace(/^(token|bearer)\s+/i, '').trim();
}

/** GitHub's answer to a secondary rate limit: 403, `retry-after` and its message. */
function secondaryRateLimitReply(retryAfterSeconds: number): Reply {
  return {
    status: 403,
    headers: { 'retry-after': String(retryAfterSeconds) },
    json: {
      message:
        'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. ' +
        'If you reach out to GitHub Support for help, please include the request ID 0000:0000:0000000:0000000:00000000.',
      documentation_url: SECONDARY_RATE_LIMIT_DOCS,
      status: '403',
    },
  };
}

function error(status: number, message: string): Reply {
  return { status, json: { message, documentation_url: DOCS, status: String(status) } };
}

/** GitHub's 422 for a semantically invalid request. */
function validationFailed(errors: Array<Record<string, string>>): Reply {
  return { status: 422, json: { message: 'Validation Failed', errors, documentation_url: DOCS, status: '422' } };
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...(value as Record<string, unknown>) } : {};
}

function stringField(input: Record<string, unknown>, key: string): string | undefined {
  const value = input[key];
  return typeof value === 'string' ? value : undefined;
}

/** Label names from `["a", {name: "b"}]`, the shapes GitHub accepts. */
function labelNames(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const names = value.map((item: unknown) => (typeof item === 'string' ? item : stringField(record(item), 'name')));
  return names.filter((name): name is string => typeof name === 'string' && name !== '');
}

/** A file with its git blob sha, as `git hash-object` computes it. */
function fakeFile(content: Buffer): FakeFile {
  const sha = createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
  return { content, sha };
}

function nodeId(prefix: string, id: number): string {
  return `${prefix}_${Buffer.from(`fake:${id}`).toString('base64url')}`;
}

/** GitHub's timestamps have whole seconds: `2024-01-02T03:04:05Z`. */
function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Rewrites the example URLs (octocat/Hello-World on github.com) to this fake. */
function rewriteUrls<T>(value: T, replacements: Array<[string, string]>): T {
  const visit = (node: unknown): unknown => {
    if (typeof node === 'string') {
      const hit = replacements.find(([from]) => node.startsWith(from));
      return hit === undefined ? node : hit[1] + node.slice(hit[0].length);
    }
    if (Array.isArray(node)) return node.map(visit);
    if (typeof node === 'object' && node !== null) {
      return Object.fromEntries(Object.entries(node).map(([key, child]) => [key, visit(child)]));
    }
    return node;
  };
  return visit(value) as T;
}
