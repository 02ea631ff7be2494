import { createHash } from 'node:crypto';
import { ConflictError, NotFoundError, RefusedError } from '../../src/errors.js';
import type {
  CheckPort,
  CheckRunResult,
  AdvisoryPort,
  CloseReason,
  FilePort,
  GitHubPort,
  IssueRef,
  LabelSpec,
  NewAdvisory,
  NewIssue,
  RepoFile,
  RepoPermission,
  RepositoryInfo,
  IssuePort,
} from '../../src/ports/github.js';
import type { PinPort } from '../../src/ports/issue-pins.js';

/** An issue as the in-memory fake keeps it. */
export interface FakeTrackedIssue extends NewIssue {
  number: number;
  url: string;
  createdAt: Date;
  state: 'open' | 'closed';
  /** Why it was closed; 'reopened' once reopened; null while it was never closed. */
  stateReason: CloseReason | 'reopened' | null;
}

/** A repository security advisory as the in-memory fake keeps it. */
export interface FakeAdvisory extends NewAdvisory {
  ghsaId: string;
  /** `https://github.com/{owner}/{repo}/security/advisories/{ghsaId}` */
  url: string;
  state: 'triage' | 'draft' | 'published' | 'closed';
  /** Logins, as last set (GitHub replaces the whole list on update). */
  collaboratingUsers: string[];
}

/** Every port method the fake records and can be told to fail. */
export type FakeMethod = keyof IssuePort | keyof AdvisoryPort | keyof FilePort | keyof CheckPort | keyof PinPort;

/** A check run as the fake keeps it. */
export interface FakeCheckRun {
  id: number;
  name: string;
  sha: string;
  result: CheckRunResult;
}

/** An in-memory GitHub for domain tests: ports, not HTTP. */
export interface FakeGitHub extends GitHubPort {
  repos: Map<string, RepositoryInfo>;
  labels: Map<string, LabelSpec[]>;
  /** By 'owner/repo'. */
  filedIssues: Map<string, FakeTrackedIssue[]>;
  installations: Map<string, number>;
  files: Map<string, string>;
  comments: Map<string, string[]>;
  configs: Map<string, unknown>;
  /** By 'owner/repo:login'; a login without an entry has 'none'. */
  permissions: Map<string, RepoPermission>;
  /** Every call, in order, as "method owner/repo". */
  calls: string[];
  /** Repository security advisories by 'owner/repo', oldest first. */
  advisoryState: Map<string, FakeAdvisory[]>;
  /** Text files of the FilePort by 'owner/repo/path' (separate from `files`, which holds putFile's base64 attachments). */
  repoFileState: Map<string, RepoFile>;
  /** Check runs by 'owner/repo', oldest first. */
  checkRuns: Map<string, FakeCheckRun[]>;
  /** When true, creating a check run is refused as without the `checks: write` permission (403). */
  checksRefused: boolean;
  /** Pinned issues as 'owner/repo#number'. */
  pinned: Set<string>;
  /** When set, pinning throws it (e.g. a RefusedError as GitHub's FORBIDDEN, or three pinned already). */
  pinRefusal: Error | null;
  /** Make the next calls of a method throw this error. */
  failNext(method: FakeMethod, error: Error, times?: number): void;
  /**
   * Makes GitHub refuse advisories in a repository: each call of `methods` (default only
   * createAdvisory) throws `error` until called again with null, e.g.
   * `new RefusedError('create advisory: forbidden (403)', 403, { detail: '…' })`, or a
   * NotFoundError as GitHub answers for a private repository without advisories.
   */
  refuseAdvisories(owner: string, repo: string, error: Error | null, methods?: Array<keyof AdvisoryPort>): void;
  /** Seeds an advisory (a draft unless `state` says otherwise), as if created earlier or reported privately. */
  addAdvisory(owner: string, repo: string, advisory: Partial<Omit<FakeAdvisory, 'url'>>): FakeAdvisory;
  /** The advisory as it stands now, or undefined. */
  advisory(owner: string, repo: string, ghsaId: string): FakeAdvisory | undefined;
  /** Seeds a text file for the FilePort; returns its sha. */
  setRepoFile(owner: string, repo: string, path: string, text: string): string;
  /** Seeds an issue, as if filed earlier (open unless `state` says otherwise). */
  addIssue(owner: string, repo: string, issue: Partial<Omit<FakeTrackedIssue, 'number' | 'url'>>): FakeTrackedIssue;
  /** The issue as it stands now, or undefined. */
  issue(owner: string, repo: string, issueNumber: number): FakeTrackedIssue | undefined;
  setPermission(owner: string, repo: string, login: string, permission: RepoPermission): void;
}

export function createFakeGitHub(now: () => Date): FakeGitHub {
  const failures: Array<{ method: FakeMethod; error: Error }> = [];
  const refusals = new Map<string, { error: Error; methods: Array<keyof AdvisoryPort> }>();
  let advisoryCount = 0;
  const fake: FakeGitHub = {
    repos: new Map(),
    labels: new Map(),
    filedIssues: new Map(),
    installations: new Map(),
    files: new Map(),
    comments: new Map(),
    configs: new Map(),
    permissions: new Map(),
    advisoryState: new Map(),
    repoFileState: new Map(),
    checkRuns: new Map(),
    checksRefused: false,
    pinned: new Set(),
    pinRefusal: null,
    calls: [],
    failNext(method, error, times = 1) {
      for (let i = 0; i < times; i += 1) failures.push({ method, error });
    },
    refuseAdvisories(owner, repo, error, methods = ['createAdvisory']) {
      if (error === null) refusals.delete(`${owner}/${repo}`);
      else refusals.set(`${owner}/${repo}`, { error, methods });
    },
    addAdvisory(owner, repo, advisory) {
      return storeAdvisory(owner, repo, {
        summary: '',
        description: '',
        vulnerabilities: [],
        cvssVector: null,
        severity: null,
        cweIds: [],
        credits: [],
        state: 'draft',
        collaboratingUsers: [],
        ...advisory,
      });
    },
    advisory(owner, repo, ghsaId) {
      return findAdvisory(owner, repo, ghsaId);
    },
    setRepoFile(owner, repo, path, text) {
      const file = { text, sha: blobSha(text) };
      fake.repoFileState.set(`${owner}/${repo}/${path}`, file);
      return file.sha;
    },
    addIssue(owner, repo, issue) {
      return store(owner, repo, { title: '', body: '', labels: [], createdAt: now(), state: 'open', stateReason: null, ...issue });
    },
    issue(owner, repo, issueNumber) {
      return find(owner, repo, issueNumber);
    },
    setPermission(owner, repo, login, permission) {
      fake.permissions.set(`${owner}/${repo}:${login}`, permission);
    },
    async installationFor(org) {
      return fake.installations.get(org) ?? null;
    },
    forgetInstallation() {},
    async loadRawConfig(_id, org) {
      return fake.configs.get(org) ?? null;
    },
    async issues() {
      return issues;
    },
    async advisories() {
      return advisories;
    },
    async repoFiles() {
      return repoFiles;
    },
    async checks() {
      return checks;
    },
    async pins() {
      return pins;
    },
  };

  function enter(method: FakeMethod, owner: string, repo: string): void {
    fake.calls.push(`${method} ${owner}/${repo}`);
    const index = failures.findIndex((failure) => failure.method === method);
    if (index >= 0) {
      const [failure] = failures.splice(index, 1);
      if (failure) throw failure.error;
    }
  }

  function find(owner: string, repo: string, issueNumber: number): FakeTrackedIssue | undefined {
    return (fake.filedIssues.get(`${owner}/${repo}`) ?? []).find((candidate) => candidate.number === issueNumber);
  }

  function store(owner: string, repo: string, issue: Omit<FakeTrackedIssue, 'number' | 'url'>): FakeTrackedIssue {
    const list = fake.filedIssues.get(`${owner}/${repo}`) ?? [];
    const number = list.length + 1;
    const stored = { ...issue, labels: [...issue.labels], number, url: `https://github.com/${owner}/${repo}/issues/${number}` };
    list.push(stored);
    fake.filedIssues.set(`${owner}/${repo}`, list);
    return stored;
  }

  function findAdvisory(owner: string, repo: string, ghsaId: string): FakeAdvisory | undefined {
    return (fake.advisoryState.get(`${owner}/${repo}`) ?? []).find((candidate) => candidate.ghsaId === ghsaId);
  }

  function storeAdvisory(owner: string, repo: string, advisory: Omit<FakeAdvisory, 'url' | 'ghsaId'> & { ghsaId?: string }): FakeAdvisory {
    advisoryCount += 1;
    const ghsaId = advisory.ghsaId ?? fakeGhsaId(advisoryCount);
    const stored: FakeAdvisory = {
      ...advisory,
      ghsaId,
      url: `https://github.com/${owner}/${repo}/security/advisories/${ghsaId}`,
      vulnerabilities: advisory.vulnerabilities.map((v) => ({ ...v })),
      cweIds: [...advisory.cweIds],
      credits: advisory.credits.map((c) => ({ ...c })),
      collaboratingUsers: [...advisory.collaboratingUsers],
    };
    fake.advisoryState.set(`${owner}/${repo}`, [...(fake.advisoryState.get(`${owner}/${repo}`) ?? []), stored]);
    return stored;
  }

  function enterAdvisory(method: keyof AdvisoryPort, owner: string, repo: string): void {
    enter(method, owner, repo);
    const refusal = refusals.get(`${owner}/${repo}`);
    if (refusal?.methods.includes(method)) throw refusal.error;
  }

  const advisories: AdvisoryPort = {
    async createAdvisory(owner, repo, advisory) {
      enterAdvisory('createAdvisory', owner, repo);
      const stored = storeAdvisory(owner, repo, { ...advisory, state: 'draft', collaboratingUsers: [] });
      return { ghsaId: stored.ghsaId, url: stored.url };
    },
    async updateAdvisory(owner, repo, ghsaId, update) {
      enterAdvisory('updateAdvisory', owner, repo);
      const advisory = findAdvisory(owner, repo, ghsaId);
      if (!advisory) throw new NotFoundError(`update advisory: no advisory ${ghsaId} in ${owner}/${repo}`);
      if (update.collaboratingUsers !== undefined) advisory.collaboratingUsers = [...update.collaboratingUsers];
      if (update.cweIds !== undefined) advisory.cweIds = [...update.cweIds];
      if (update.credits !== undefined) advisory.credits = update.credits.map((c) => ({ ...c }));
      if (update.vulnerabilities !== undefined) advisory.vulnerabilities = update.vulnerabilities.map((v) => ({ ...v }));
    },
    async findAdvisoryByMarker(owner, repo, marker) {
      enterAdvisory('findAdvisoryByMarker', owner, repo);
      const found = (fake.advisoryState.get(`${owner}/${repo}`) ?? []).find(
        (advisory) => advisory.state === 'draft' && advisory.description.includes(marker),
      );
      return found ? { ghsaId: found.ghsaId, url: found.url } : null;
    },
  };

  const repoFiles: FilePort = {
    async readFile(owner, repo, path) {
      enter('readFile', owner, repo);
      const file = fake.repoFileState.get(`${owner}/${repo}/${path}`);
      return file ? { ...file } : null;
    },
    async writeFile(owner, repo, file) {
      enter('writeFile', owner, repo);
      const key = `${owner}/${repo}/${file.path}`;
      // As GitHub: a create over an existing file, or an update with a stale sha, loses the race.
      if ((fake.repoFileState.get(key)?.sha ?? null) !== file.sha) {
        throw new ConflictError('write file: the file changed since it was read');
      }
      fake.repoFileState.set(key, { text: file.text, sha: blobSha(file.text) });
    },
  };

  let checkRunCount = 0;
  const checks: CheckPort = {
    async findCheckRun(owner, repo, sha, name) {
      enter('findCheckRun', owner, repo);
      return (fake.checkRuns.get(`${owner}/${repo}`) ?? []).find((run) => run.sha === sha && run.name === name)?.id ?? null;
    },
    async createCheckRun(owner, repo, run) {
      enter('createCheckRun', owner, repo);
      if (fake.checksRefused) throw new RefusedError('create check run: Resource not accessible by integration (403)', 403);
      const list = fake.checkRuns.get(`${owner}/${repo}`) ?? [];
      list.push({ id: (checkRunCount += 1), name: run.name, sha: run.sha, result: run.result });
      fake.checkRuns.set(`${owner}/${repo}`, list);
    },
    async updateCheckRun(owner, repo, id, result) {
      enter('updateCheckRun', owner, repo);
      const found = (fake.checkRuns.get(`${owner}/${repo}`) ?? []).find((run) => run.id === id);
      if (found === undefined) throw new NotFoundError('update check run: not found');
      found.result = result;
    },
  };

  const pins: PinPort = {
    async findPinnedByMarker(owner, repo, marker) {
      enter('findPinnedByMarker', owner, repo);
      return (fake.filedIssues.get(`${owner}/${repo}`) ?? []).find((issue) => fake.pinned.has(`${owner}/${repo}#${issue.number}`) && issue.body.includes(marker))?.number ?? null;
    },
    async isPinned(owner, repo, issueNumber) {
      enter('isPinned', owner, repo);
      if (!find(owner, repo, issueNumber)) throw new NotFoundError(`get issue pin: no issue ${issueNumber}`);
      return fake.pinned.has(`${owner}/${repo}#${issueNumber}`);
    },
    async pinIssue(owner, repo, issueNumber) {
      enter('pinIssue', owner, repo);
      if (fake.pinRefusal !== null) throw fake.pinRefusal;
      fake.pinned.add(`${owner}/${repo}#${issueNumber}`);
    },
  };

  const issues: IssuePort = {
    async getRepository(owner, repo) {
      enter('getRepository', owner, repo);
      return fake.repos.get(`${owner}/${repo}`) ?? null;
    },
    async listLabels(owner, repo) {
      enter('listLabels', owner, repo);
      return (fake.labels.get(`${owner}/${repo}`) ?? []).map((label) => label.name);
    },
    async createLabel(owner, repo, label) {
      enter('createLabel', owner, repo);
      const list = fake.labels.get(`${owner}/${repo}`) ?? [];
      if (!list.some((existing) => existing.name === label.name)) list.push(label);
      fake.labels.set(`${owner}/${repo}`, list);
    },
    async createIssue(owner, repo, issue): Promise<IssueRef> {
      enter('createIssue', owner, repo);
      const stored = store(owner, repo, { ...issue, createdAt: now(), state: 'open', stateReason: null });
      return { number: stored.number, url: stored.url, labels: [...issue.labels] };
    },
    async findIssueByMarker(owner, repo, marker, since) {
      enter('findIssueByMarker', owner, repo);
      const found = (fake.filedIssues.get(`${owner}/${repo}`) ?? []).find(
        (issue) => issue.createdAt >= since && issue.body.includes(marker),
      );
      return found ? { number: found.number, url: found.url, labels: [...found.labels] } : null;
    },
    async addLabels(owner, repo, issueNumber, labels) {
      enter('addLabels', owner, repo);
      const issue = find(owner, repo, issueNumber);
      if (issue) issue.labels.push(...labels);
    },
    async getIssue(owner, repo, issueNumber) {
      enter('getIssue', owner, repo);
      const issue = find(owner, repo, issueNumber);
      return issue ? { title: issue.title, body: issue.body, state: issue.state, labels: [...issue.labels] } : null;
    },
    async updateIssue(owner, repo, issueNumber, update) {
      enter('updateIssue', owner, repo);
      const issue = find(owner, repo, issueNumber);
      if (!issue) throw new NotFoundError(`update issue: no issue ${owner}/${repo}#${issueNumber}`);
      if (update.body !== undefined) issue.body = update.body;
      if (update.labels !== undefined) issue.labels = [...update.labels];
      // As GitHub: the reason only counts when the state changes.
      if (update.state !== undefined && update.state !== issue.state) {
        issue.state = update.state;
        issue.stateReason = update.state === 'closed' ? (update.stateReason ?? 'completed') : 'reopened';
      }
    },
    async removeLabel(owner, repo, issueNumber, label) {
      enter('removeLabel', owner, repo);
      const issue = find(owner, repo, issueNumber);
      if (!issue) throw new NotFoundError(`remove label: no issue ${owner}/${repo}#${issueNumber}`);
      issue.labels = issue.labels.filter((name) => name.toLowerCase() !== label.toLowerCase());
    },
    async permissionOf(owner, repo, login) {
      enter('permissionOf', owner, repo);
      return fake.permissions.get(`${owner}/${repo}:${login}`) ?? 'none';
    },
    async createComment(owner, repo, issueNumber, body) {
      enter('createComment', owner, repo);
      const key = `${owner}/${repo}#${issueNumber}`;
      fake.comments.set(key, [...(fake.comments.get(key) ?? []), body]);
    },
    async listCommentBodies(owner, repo, issueNumber) {
      enter('listCommentBodies', owner, repo);
      return [...(fake.comments.get(`${owner}/${repo}#${issueNumber}`) ?? [])];
    },
    async putFile(owner, repo, file) {
      enter('putFile', owner, repo);
      const key = `${owner}/${repo}/${file.path}`;
      if (!fake.files.has(key)) fake.files.set(key, file.contentBase64);
      return { url: `https://github.com/${owner}/${repo}/blob/main/${file.path}` };
    },
  };
  return fake;
}

/** A git blob sha, as `git hash-object` computes it. */
function blobSha(text: string): string {
  const content = Buffer.from(text, 'utf8');
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
}

/** GHSA ids use this alphabet: `GHSA-xxxx-xxxx-xxxx`. */
const GHSA_ALPHABET = '23456789cfghjmpqrvwx';

/** A stable, well-formed GHSA id for the n-th advisory. */
export function fakeGhsaId(n: number): string {
  let rest = n;
  let chars = '';
  for (let i = 0; i < 12; i += 1) {
    chars = (GHSA_ALPHABET[rest % GHSA_ALPHABET.length] ?? '2') + chars;
    rest = Math.floor(rest / GHSA_ALPHABET.length);
  }
  return `GHSA-${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}
