import type { ApplicationFunction, Probot } from 'probot';
import { type Core, type CoreOptions, createCore } from '../app.js';
import { createGitHubPort } from './github-port.js';

export interface AppOptions extends Omit<CoreOptions, 'github' | 'log'> {
  /** Start the outbox worker's polling loop (off in tests, which drive it by hand). */
  startWorker?: boolean;
  /** Receives the wired core, e.g. for tests or a graceful shutdown. */
  onReady?: (core: Core) => void;
}

/**
 * The Probot app function: wiring only (STYLE.md §6). Routes go to the core's HTTP
 * handler; installation events invalidate what the core cached.
 */
export function disclosureDesk(options: AppOptions = {}): ApplicationFunction {
  return async (app: Probot, { addHandler }) => {
    const clock = options.clock ?? (() => new Date());
    const core = await createCore({ ...options, clock, github: createGitHubPort(app, clock), log: app.log });
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
    app.on('repository_advisory', async (context) => {
      await core.advisoryEvent(context.payload);
    });
    if (options.startWorker ?? true) {
      core.worker.start();
      core.sweep.start();
      core.mailbox?.start();
    }
    options.onReady?.(core);
  };
}
