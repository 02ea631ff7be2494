/**
 * A staff comment as GitHub delivers it: GitHub's own `issue_comment.created` example
 * (@octokit/webhooks-examples), pointed at a tracking issue, with the issue's body as it
 * stands (so its hidden report marker travels with the event), signed like GitHub signs it.
 */
import { createRequire } from 'node:module';
import { signWebhook } from './probot-server.js';

const require = createRequire(import.meta.url);
const examples = require('@octokit/webhooks-examples/api.github.com/index.json') as Array<{ name: string; examples: Array<Record<string, unknown>> }>;

export interface CommentEvent {
  org: string;
  repo: string;
  installationId: number;
  issueNumber: number;
  /** The issue body as GitHub has it (with the report marker), or null. */
  issueBody: string | null;
  commentId: number;
  body: string;
  login: string;
}

/** The JSON body of an `issue_comment` webhook with action `created`. */
export function issueCommentPayload(event: CommentEvent): string {
  const example = examples
    .find((e) => e.name === 'issue_comment')
    ?.examples.find((e) => e.action === 'created' && (e.issue as { pull_request?: unknown }).pull_request === undefined);
  if (example === undefined) throw new Error('no issue_comment.created example in @octokit/webhooks-examples');
  const payload = structuredClone(example) as {
    issue: { number: number; body: string | null };
    comment: { id: number; body: string; user: { login: string; type: string } };
    repository: { name: string; full_name: string; owner: { login: string } };
    installation?: { id: number };
  };
  payload.issue.number = event.issueNumber;
  payload.issue.body = event.issueBody;
  payload.comment.id = event.commentId;
  payload.comment.body = event.body;
  payload.comment.user.login = event.login;
  payload.comment.user.type = 'User';
  payload.repository.name = event.repo;
  payload.repository.full_name = `${event.org}/${event.repo}`;
  payload.repository.owner.login = event.org;
  payload.installation = { id: event.installationId };
  return JSON.stringify(payload);
}

/** POSTs a signed webhook to an app at `base` (`http://127.0.0.1:<port>`). */
export function deliverWebhook(base: string, event: string, body: string, deliveryId: string): Promise<Response> {
  return fetch(`${base}/api/github/webhooks`, {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/json',
      'x-github-event': event,
      'x-github-delivery': deliveryId,
      'x-hub-signature-256': signWebhook(body),
    },
    signal: AbortSignal.timeout(15_000),
  });
}
