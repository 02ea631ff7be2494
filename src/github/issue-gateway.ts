import type { IssueRef, LabelSpec, NewIssue, RepoPermission, RepositoryInfo, IssuePort } from '../ports/github.js';
import { NotFoundError } from '../errors.js';
import { domainCalls, toDomainError } from './errors.js';
import { createIssueEdits, labelNames } from './issue-edits.js';
import { type Octokit, timeout } from './octokit.js';

/** The IssuePort over one installation's Octokit. Domain errors only leave this file. */
export function createIssueGateway(octokit: Octokit, now: () => Date): IssuePort {
  const call = domainCalls(now);

  return {
    ...createIssueEdits(octokit, call),

    async getRepository(owner, repo): Promise<RepositoryInfo | null> {
      try {
        const { data } = await call('get repository', () => octokit.rest.repos.get({ owner, repo, request: timeout() }));
        return { private: data.private, archived: data.archived };
      } catch (error) {
        if (error instanceof NotFoundError) return null;
        throw error;
      }
    },

    async listLabels(owner, repo) {
      const labels = await call('list labels', () =>
        octokit.paginate(octokit.rest.issues.listLabelsForRepo, { owner, repo, per_page: 100, request: timeout() }),
      );
      return labels.map((label) => label.name);
    },

    async createLabel(owner, repo, label: LabelSpec) {
      try {
        await octokit.rest.issues.createLabel({ owner, repo, ...label, request: timeout() });
      } catch (error) {
        // 422 already_exists: another instance (or a human) created it first; that is fine.
        if (isAlreadyExists(error)) return;
        throw toDomainError(error, now(), 'create label');
      }
    },

    async createIssue(owner, repo, issue: NewIssue): Promise<IssueRef> {
      const { data } = await call('create issue', () =>
        octokit.rest.issues.create({ owner, repo, title: issue.title, body: issue.body, labels: issue.labels, request: timeout() }),
      );
      return { number: data.number, url: data.html_url, labels: labelNames(data.labels) };
    },

    async findIssueByMarker(owner, repo, marker, since) {
      // The issues list is consistent at once, unlike search, which lags behind a fresh
      // issue: exactly what a restart right after a crash needs. `since` filters on
      // updated_at, which is never before created_at.
      const iterator = octokit.paginate.iterator(octokit.rest.issues.listForRepo, {
        owner,
        repo,
        state: 'all',
        since: since.toISOString(),
        sort: 'created',
        direction: 'asc',
        per_page: 100,
        request: timeout(),
      });
      try {
        for await (const page of iterator) {
          for (const issue of page.data) {
            if (issue.pull_request === undefined && (issue.body ?? '').includes(marker)) {
              return { number: issue.number, url: issue.html_url, labels: labelNames(issue.labels) };
            }
          }
        }
      } catch (error) {
        throw toDomainError(error, now(), 'find issue by marker');
      }
      return null;
    },

    async addLabels(owner, repo, issueNumber, labels) {
      await call('add labels', () =>
        octokit.rest.issues.addLabels({ owner, repo, issue_number: issueNumber, labels, request: timeout() }),
      );
    },

    async createComment(owner, repo, issueNumber, body) {
      await call('create comment', () =>
        octokit.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body, request: timeout() }),
      );
    },

    async listCommentBodies(owner, repo, issueNumber) {
      const comments = await call('list comments', () =>
        octokit.paginate(octokit.rest.issues.listComments, { owner, repo, issue_number: issueNumber, per_page: 100, request: timeout() }),
      );
      return comments.map((comment) => comment.body ?? '');
    },

    async permissionOf(owner, repo, login): Promise<RepoPermission> {
      try {
        const { data } = await call('get permission', () =>
          octokit.rest.repos.getCollaboratorPermissionLevel({ owner, repo, username: login, request: timeout() }),
        );
        return toRepoPermission(data.role_name, data.permission);
      } catch (error) {
        // 404: not a collaborator, or no such user; either way, no access.
        if (error instanceof NotFoundError) return 'none';
        throw error;
      }
    },

    async orgRoleOf(org, login) {
      try {
        const { data } = await call('get membership', () => octokit.rest.orgs.getMembershipForUser({ org, username: login, request: timeout() }));
        // A pending invitation is not membership yet.
        return data.state === 'active' && data.role === 'admin' ? 'admin' : data.state === 'active' ? 'member' : 'none';
      } catch (error) {
        // 404: not a member (or not visible to the app); either way, not an owner.
        if (error instanceof NotFoundError) return 'none';
        throw error;
      }
    },

    async putFile(owner, repo, file) {
      try {
        const { data } = await octokit.rest.repos.createOrUpdateFileContents({
          owner,
          repo,
          path: file.path,
          message: file.message,
          content: file.contentBase64,
          request: timeout(),
        });
        return { url: data.content?.html_url ?? `${file.path}` };
      } catch (error) {
        // 422 without a sha: the file is already there (a retry after a lost answer).
        if ((error as { status?: number }).status !== 422) throw toDomainError(error, now(), 'put file');
        const { data } = await call('get file', () => octokit.rest.repos.getContent({ owner, repo, path: file.path, request: timeout() }));
        if (Array.isArray(data) || data.html_url === null) throw toDomainError(error, now(), 'put file');
        return { url: data.html_url };
      }
    },
  };
}

const LEVELS = new Map<string, RepoPermission>(
  (['admin', 'maintain', 'write', 'triage', 'read'] as const).map((level) => [level, level]),
);

/**
 * `role_name` names the role itself (maintain and triage included, or a custom role's
 * name); `permission` is the legacy base level (admin, write, read, none) that a custom
 * role falls back to.
 * https://docs.github.com/rest/collaborators/collaborators#get-repository-permissions-for-a-user
 */
function toRepoPermission(roleName: string, permission: string): RepoPermission {
  return LEVELS.get(roleName) ?? LEVELS.get(permission) ?? 'none';
}

function isAlreadyExists(error: unknown): boolean {
  const e = error as { status?: number; response?: { data?: { errors?: Array<{ code?: string }> } } };
  return e.status === 422 && (e.response?.data?.errors ?? []).some((item) => item.code === 'already_exists');
}
