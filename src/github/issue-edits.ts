import type { IssueState, IssuePort } from '../ports/github.js';
import { NotFoundError } from '../errors.js';
import type { DomainCall } from './errors.js';
import { type Octokit, timeout } from './octokit.js';

/** The IssuePort methods that read and edit an existing issue. */
export type IssueEdits = Pick<IssuePort, 'getIssue' | 'updateIssue' | 'removeLabel'>;

export function createIssueEdits(octokit: Octokit, call: DomainCall): IssueEdits {
  return {
    async getIssue(owner, repo, issueNumber): Promise<IssueState | null> {
      try {
        const { data } = await call('get issue', () =>
          octokit.rest.issues.get({ owner, repo, issue_number: issueNumber, request: timeout() }),
        );
        return { title: data.title, body: data.body ?? '', state: data.state === 'closed' ? 'closed' : 'open', labels: labelNames(data.labels) };
      } catch (error) {
        // 404: no such issue (or not visible); 410: deleted. Both mean "not there".
        if (error instanceof NotFoundError) return null;
        throw error;
      }
    },

    async updateIssue(owner, repo, issueNumber, update) {
      await call('update issue', () =>
        octokit.rest.issues.update({
          owner,
          repo,
          issue_number: issueNumber,
          ...(update.body === undefined ? {} : { body: update.body }),
          ...(update.labels === undefined ? {} : { labels: update.labels }),
          ...(update.state === undefined ? {} : { state: update.state }),
          // GitHub ignores a reason unless the state changes; we only send one with a close.
          ...(update.state === 'closed' && update.stateReason !== undefined ? { state_reason: update.stateReason } : {}),
          request: timeout(),
        }),
      );
    },

    async removeLabel(owner, repo, issueNumber, label) {
      try {
        await call('remove label', () =>
          octokit.rest.issues.removeLabel({ owner, repo, issue_number: issueNumber, name: label, request: timeout() }),
        );
      } catch (error) {
        // GitHub answers 404 "Label does not exist" when the issue does not carry the label:
        // already the state we want. Any other 404 (no such issue or repository) is an error.
        // https://docs.github.com/rest/issues/labels#remove-a-label-from-an-issue
        if (error instanceof NotFoundError && isLabelMissing(error.cause)) return;
        throw error;
      }
    },
  };
}

function isLabelMissing(cause: unknown): boolean {
  const e = cause as { response?: { data?: { message?: unknown } } } | undefined;
  return e?.response?.data?.message === 'Label does not exist';
}

/** Label names from an issue's labels, which GitHub gives as strings or objects. */
export function labelNames(labels: ReadonlyArray<string | { name?: string | undefined }>): string[] {
  return labels.map((label) => (typeof label === 'string' ? label : (label.name ?? ''))).filter((name) => name !== '');
}
