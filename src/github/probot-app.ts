import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApplicationFunction, Probot } from 'probot';
import type { Clock } from '../clock/clock.js';
import type { InstallationChange } from '../flows/org-directory.js';
import type { CommentFacts } from '../flows/triage/apply-staff-commands.js';
import type { IssueEventFacts } from '../flows/triage/follow-issue-event.js';
import type { CommitFacts } from '../flows/alerts/config-pushed.js';
import type { Logger } from '../log.js';
import type { GitHubPort } from '../ports/github.js';
import { createGitHubPort } from './github-port.js';

/** What the GitHub side delivers to: the web routes and one call per webhook the app takes. */
export interface WebhookTargets {
  http: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
  installationEvent(change: InstallationChange): Promise<void>;
  commentCreated(facts: CommentFacts): Promise<unknown>;
  issueChanged(facts: IssueEventFacts): Promise<unknown>;
  configCommitted(facts: CommitFacts): Promise<unknown>;
  /** A `repository_advisory` webhook, payload as delivered (validated by the flow). */
  advisoryEvent(payload: unknown): Promise<unknown>;
}

/**
 * The Probot app function: translation only. `start` (the composition root's) builds the
 * desk from the GitHub port made of this Probot; routes go to its HTTP handler and each
 * webhook to the call that takes it.
 */
export function probotApp<D extends WebhookTargets>(
  start: (github: GitHubPort, log: Logger, clock: Clock) => Promise<D>,
  options: { clock?: Clock; onReady?: (desk: D) => void } = {},
): ApplicationFunction {
  return async (app: Probot, { addHandler }) => {
    const clock = options.clock ?? (() => new Date());
    const core = await start(createGitHubPort(app, clock), app.log, clock);
    addHandler(core.http);
    app.on(['installation', 'installation_repositories'], async ({ payload: { action, installation } }) => {
      const account = installation.account;
      if (account && 'login' in account) await core.installationEvent({ org: account.login, installationId: installation.id, action });
    });
    app.on('issue_comment.created', async (context) => {
      const { comment, issue, repository } = context.payload;
      // Comments on pull requests arrive as issue comments too; triage lives in issues only.
      if (issue.pull_request !== undefined && issue.pull_request !== null) return;
      await core.commentCreated({
        org: repository.owner.login,
        repo: repository.name,
        issueNumber: issue.number,
        commentId: comment.id,
        body: comment.body,
        author: comment.user?.login ?? '',
        authorIsBot: comment.user?.type === 'Bot',
        issueBody: issue.body ?? null,
      });
    });
    app.on('issues.closed', async ({ payload: { issue, repository, sender } }) => {
      await core.issueChanged({
        action: 'closed',
        org: repository.owner.login,
        repo: repository.name,
        issueNumber: issue.number,
        stateReason: issue.state_reason ?? null,
        closedAt: issue.closed_at ?? '',
        by: sender.login,
      });
    });
    app.on('issues.reopened', async ({ payload: { issue, repository, sender } }) => {
      await core.issueChanged({ action: 'reopened', org: repository.owner.login, repo: repository.name, issueNumber: issue.number, updatedAt: issue.updated_at, by: sender.login });
    });
    app.on('issues.deleted', async ({ payload: { issue, repository, sender } }) => {
      await core.issueChanged({ action: 'deleted', org: repository.owner.login, repo: repository.name, issueNumber: issue.number, by: sender.login });
    });
    app.on('issues.transferred', async ({ payload: { issue, repository, sender, changes } }) => {
      await core.issueChanged({
        action: 'transferred',
        org: repository.owner.login,
        repo: repository.name,
        issueNumber: issue.number,
        by: sender.login,
        to: {
          owner: changes.new_repository.owner?.login ?? '',
          repo: changes.new_repository.name,
          number: changes.new_issue.number,
          url: changes.new_issue.html_url,
          private: changes.new_repository.private,
        },
      });
    });
    app.on('push', async ({ payload }) => {
      const org = payload.repository.owner?.login;
      if (org === undefined) return;
      const paths = payload.commits.flatMap((commit) => [...(commit.added ?? []), ...(commit.modified ?? []), ...(commit.removed ?? [])]);
      const toDefaultBranch = payload.ref === `refs/heads/${payload.repository.default_branch}`;
      await core.configCommitted({ org, repo: payload.repository.name, sha: payload.after, push: { paths, toDefaultBranch } });
    });
    app.on(['pull_request.opened', 'pull_request.synchronize', 'pull_request.reopened'], async ({ payload }) => {
      const org = payload.repository.owner.login;
      await core.configCommitted({ org, repo: payload.repository.name, sha: payload.pull_request.head.sha, push: null });
    });
    app.on('repository_advisory', async (context) => {
      await core.advisoryEvent(context.payload);
    });
    options.onReady?.(core);
  };
}
