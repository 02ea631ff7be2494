import { NotFoundError } from '../../src/errors.js';
import type { CloseReason, GitHubPort, IssueRef, LabelSpec, NewIssue, RepoPermission, RepositoryInfo, TrackerPort } from '../../src/ports.js';

/** An issue as the in-memory fake keeps it. */
export interface FakeTrackedIssue extends NewIssue {
  number: number;
  url: string;
  createdAt: Date;
  state: 'open' | 'closed';
  /** Why it was closed; 'reopened' once reopened; null while it was never closed. */
  stateReason: CloseReason | 'reopened' | null;
}

/** An in-memory GitHub for domain tests: ports, not HTTP (STYLE.md §9, level one). */
export interface FakeGitHub extends GitHubPort {
  repos: Map<string, RepositoryInfo>;
  labels: Map<string, LabelSpec[]>;
  /** By 'owner/repo'. */
  issues: Map<string, FakeTrackedIssue[]>;
  installations: Map<string, number>;
  files: Map<string, string>;
  comments: Map<string, string[]>;
  configs: Map<string, unknown>;
  /** By 'owner/repo:login'; a login without an entry has 'none'. */
  permissions: Map<string, RepoPermission>;
  /** Every call, in order, as "method owner/repo". */
  calls: string[];
  /** Make the next calls of a method throw this error. */
  failNext(method: keyof TrackerPort, error: Error, times?: number): void;
  /** Seeds an issue, as if filed earlier (open unless `state` says otherwise). */
  addIssue(owner: string, repo: string, issue: Partial<Omit<FakeTrackedIssue, 'number' | 'url'>>): FakeTrackedIssue;
  /** The issue as it stands now, or undefined. */
  issue(owner: string, repo: string, issueNumber: number): FakeTrackedIssue | undefined;
  setPermission(owner: string, repo: string, login: string, permission: RepoPermission): void;
}

export function createFakeGitHub(now: () => Date): FakeGitHub {
  const failures: Array<{ method: keyof TrackerPort; error: Error }> = [];
  const fake: FakeGitHub = {
    repos: new Map(),
    labels: new Map(),
    issues: new Map(),
    installations: new Map(),
    files: new Map(),
    comments: new Map(),
    configs: new Map(),
    permissions: new Map(),
    calls: [],
    failNext(method, error, times = 1) {
      for (let i = 0; i < times; i += 1) failures.push({ method, error });
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
    async tracker() {
      return tracker;
    },
  };

  function enter(method: keyof TrackerPort, owner: string, repo: string): void {
    fake.calls.push(`${method} ${owner}/${repo}`);
    const index = failures.findIndex((failure) => failure.method === method);
    if (index >= 0) {
      const [failure] = failures.splice(index, 1);
      if (failure) throw failure.error;
    }
  }

  function find(owner: string, repo: string, issueNumber: number): FakeTrackedIssue | undefined {
    return (fake.issues.get(`${owner}/${repo}`) ?? []).find((candidate) => candidate.number === issueNumber);
  }

  function store(owner: string, repo: string, issue: Omit<FakeTrackedIssue, 'number' | 'url'>): FakeTrackedIssue {
    const list = fake.issues.get(`${owner}/${repo}`) ?? [];
    const number = list.length + 1;
    const stored = { ...issue, labels: [...issue.labels], number, url: `https://github.com/${owner}/${repo}/issues/${number}` };
    list.push(stored);
    fake.issues.set(`${owner}/${repo}`, list);
    return stored;
  }

  const tracker: TrackerPort = {
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
      const found = (fake.issues.get(`${owner}/${repo}`) ?? []).find(
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
      return issue ? { body: issue.body, state: issue.state, labels: [...issue.labels] } : null;
    },
    async updateIssue(owner, repo, issueNumber, update) {
      enter('updateIssue', owner, repo);
      const issue = find(owner, repo, issueNumber);
      if (!issue) throw new NotFoundError(`update issue: no issue ${owner}/${repo}#${issueNumber}`);
      if (update.body !== undefined) issue.body = update.body;
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
