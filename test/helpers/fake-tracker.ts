import type { GitHubPort, IssueRef, LabelSpec, NewIssue, RepositoryInfo, TrackerPort } from '../../src/ports.js';

/** An in-memory GitHub for domain tests: ports, not HTTP (STYLE.md §9, level one). */
export interface FakeGitHub extends GitHubPort {
  repos: Map<string, RepositoryInfo>;
  labels: Map<string, LabelSpec[]>;
  issues: Map<string, Array<NewIssue & { number: number; url: string; createdAt: Date }>>;
  installations: Map<string, number>;
  files: Map<string, string>;
  comments: Map<string, string[]>;
  configs: Map<string, unknown>;
  /** Every call, in order, as "method owner/repo". */
  calls: string[];
  /** Make the next calls of a method throw this error. */
  failNext(method: keyof TrackerPort, error: Error, times?: number): void;
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
    calls: [],
    failNext(method, error, times = 1) {
      for (let i = 0; i < times; i += 1) failures.push({ method, error });
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
      const list = fake.issues.get(`${owner}/${repo}`) ?? [];
      const number = list.length + 1;
      const url = `https://github.com/${owner}/${repo}/issues/${number}`;
      list.push({ ...issue, number, url, createdAt: now() });
      fake.issues.set(`${owner}/${repo}`, list);
      return { number, url, labels: [...issue.labels] };
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
      const issue = (fake.issues.get(`${owner}/${repo}`) ?? []).find((candidate) => candidate.number === issueNumber);
      if (issue) issue.labels.push(...labels);
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
