import type { Store } from '../store/store.js';
import type { Clock } from '../clock/clock.js';
import type { CommentFacts } from './handle-command-comment.js';
import { parseCommands } from './parse-commands.js';

export type QueueOutcome = 'ignored' | 'queued';

/**
 * The webhook's part: keep a comment with commands durably, then answer. GitHub does not
 * redeliver a failed webhook by itself, so the permission check and the change run from
 * the outbox, which retries through GitHub outages; nothing a staff member typed is lost.
 * Comments without commands, by bots, or on issues that are not tracking issues cost one
 * store read and no GitHub request.
 */
export async function queueCommandComment(deps: { store: Store; clock: Clock; kick: () => void }, facts: CommentFacts): Promise<QueueOutcome> {
  if (facts.authorIsBot || parseCommands(facts.body).length === 0) return 'ignored';
  const triage = await deps.store.findTriageByIssue(facts.org, facts.repo, facts.issueNumber);
  if (triage === null) return 'ignored';
  await deps.store.enqueue({
    key: `triage-comment:${facts.commentId}`,
    kind: 'triage-comment',
    org: facts.org,
    payload: JSON.stringify(facts),
    runAfter: deps.clock(),
  });
  deps.kick();
  return 'queued';
}
