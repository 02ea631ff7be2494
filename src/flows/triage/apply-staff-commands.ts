import type { Clock } from '../../clock/clock.js';
import { businessCalendar } from '../../clock/holiday-calendar.js';
import { nextCheckAt } from '../../clock/sla-clock.js';
import type { OrgDirectory } from '../org-directory.js';
import { describeProblems } from '../../config/parse-config.js';
import type { DisclosureConfig } from '../../config/schema.js';
import type { Logger } from '../../log.js';
import { issueUpdateJob, type IssueUpdatePayload } from './queue-issue-update.js';
import { createAdvisoryJob, resolvedCreditJob, updateAdvisoryJob } from '../advisory/queue-advisory-jobs.js';
import { mailJobsFor } from '../researcher/queue-message-mail.js';
import type { GitHubPort, RepoPermission } from '../../ports/github.js';
import { researcherMessage } from '../../researcher/message-text.js';
import type { ReportEvent, Store } from '../../store/store.js';
import type { TriageChange, TriageFields, TriageRecord } from '../../store/triage-records.js';
import { saveTriageRetrying, triageFieldsOf } from '../../store/save-triage.js';
import { confirmationLine, refusalLine, usageLine } from '../../issue-text/command-replies.js';
import { applyCommand, type PlannedMessage } from '../../triage/apply-command.js';
import { parseCommands } from '../../triage/parse-commands.js';
import { CLOSING_STATUSES, TRIAGE_STATUSES } from '../../triage/triage-status.js';
import type { QueuedComment } from '../../jobs/queued-comment.js';
import { type Metrics, noMetrics } from '../../metrics/metrics.js';
import { deadlineTally } from '../../metrics/sla-outcomes.js';

/** A comment on an issue, as the webhook tells it. */
export interface CommentFacts {
  org: string;
  repo: string;
  issueNumber: number;
  commentId: number;
  body: string;
  author: string;
  /** Bots (this app included) never run commands: no loops, no spoofing through integrations. */
  authorIsBot: boolean;
  /** The issue's body as the webhook carries it: its report marker names the report before filing records the issue. */
  issueBody?: string | null;
}

/** A comment as the outbox keeps it (the `triage-comment` job's payload): the report it was found to track, without the issue body. */
export type { QueuedComment } from '../../jobs/queued-comment.js';

export interface CommandDeps {
  store: Store;
  github: GitHubPort;
  orgs: OrgDirectory;
  clock: Clock;
  log: Logger;
  /** Ask the outbox worker to run soon. */
  kick: () => void;
  metrics?: Metrics;
}

/** `not-filed-yet`: the tracking issue exists but filing has not recorded it; run again later. */
export type CommentOutcome = 'ignored' | 'refused' | 'applied' | 'already-applied' | 'not-filed-yet';

const WRITERS: ReadonlySet<RepoPermission> = new Set(['admin', 'maintain', 'write']);

/**
 * Runs the slash commands in a comment on a tracking issue. The whole comment is one
 * change: state, events, researcher messages and one outbox job (labels, state, Deadlines
 * section, one reply) are committed together, keyed by the comment id, so a redelivered
 * webhook changes nothing twice.
 */
export async function handleCommandComment(deps: CommandDeps, facts: QueuedComment): Promise<CommentOutcome> {
  if (facts.authorIsBot) return 'ignored';
  const lines = parseCommands(facts.body);
  if (lines.length === 0) return 'ignored';
  const meta = { reportId: facts.reportId, commentId: facts.commentId, issueNumber: facts.issueNumber };
  const found = facts.reportId === undefined ? await deps.store.findTriageByIssue(facts.org, facts.repo, facts.issueNumber) : await deps.store.getTriage(facts.reportId);
  if (found === null) {
    if (facts.reportId !== undefined && (await deps.store.getReport(facts.reportId)) !== null) return 'not-filed-yet';
    deps.log.warn(meta, 'triage commands dropped: the report is gone');
    return 'ignored';
  }
  if (!sameIssue(found, facts)) {
    // The marker was copied into another issue: commands act on the tracking issue only.
    deps.log.warn({ ...meta, trackedAs: found.issueNumber }, 'triage commands ignored: the issue is not the report\'s tracking issue');
    return 'ignored';
  }
  const settings = await deps.orgs.get(facts.org);
  if (settings === null) {
    deps.log.warn(meta, 'triage commands ignored: the app is not installed on this organisation');
    return 'ignored';
  }
  const key = `comment:${facts.commentId}`;
  const lang = settings.config.ok ? settings.config.config.tracking.language : 'en';

  const issues = await deps.github.issues(settings.installationId);
  const permission = await issues.permissionOf(facts.org, facts.repo, facts.author);
  if (!WRITERS.has(permission)) {
    // The refusal and its event are one change, so a redelivery neither repeats nor loses them.
    const now = deps.clock();
    const refusal = (triage: TriageRecord): TriageChange => ({
      reportId: triage.reportId,
      expectedVersion: triage.version,
      fields: triageFieldsOf(triage),
      events: [{ reportId: triage.reportId, type: 'command-refused', at: now, data: { by: facts.author, permission } }],
      jobs: [issueUpdateJob(key, facts.org, reply(triage, refusalLine(lang, facts.author)), now)],
      messages: [],
    });
    const outcome = await saveTriageRetrying(deps.store, found.reportId, refusal);
    if (outcome === 'saved') deps.kick();
    deps.log.info({ reportId: found.reportId, commentId: facts.commentId, permission }, 'triage command refused: no write access');
    return outcome === 'saved' ? 'refused' : 'already-applied';
  }
  if (!settings.config.ok) {
    // In a code span: a YAML key quoted by the problem (`@team`, say) must not mention anyone.
    const line = `Disclosure Desk's config is invalid (\`${describeProblems(settings.config).replace(/[`\r\n]+/g, ' ')}\`). Fix it, then repeat the command.`;
    await deps.store.enqueue(issueUpdateJob(key, facts.org, reply(found, line), deps.clock()));
    deps.kick();
    return 'refused';
  }
  const { config } = settings.config;
  const tally = deadlineTally(deps.metrics ?? noMetrics);
  const outcome = await saveTriageRetrying(deps.store, found.reportId, tally.watch(async (triage) => {
    const now = deps.clock();
    const change = planChange(triage, lines, config, now, facts, key);
    return { ...change, jobs: [...change.jobs, ...(await mailJobsFor(deps.store, triage, change.messages, now))] };
  }));
  if (outcome === 'saved') {
    tally.saved();
    deps.kick();
  }
  deps.log.info({ reportId: found.reportId, commentId: facts.commentId, commands: lines.length }, outcome === 'saved' ? 'triage commands applied' : 'triage comment already handled');
  return outcome === 'saved' ? 'applied' : 'already-applied';
}

function planChange(triage: TriageRecord, lines: ReturnType<typeof parseCommands>, config: DisclosureConfig, now: Date, facts: QueuedComment, key: string): TriageChange {
  const lang = config.tracking.language;
  const calendar = businessCalendar(config.sla);
  let fields: TriageFields = triageFieldsOf(triage);
  const replies: string[] = [];
  const events: ReportEvent[] = [];
  const messages: PlannedMessage[] = [];
  const add = new Set<string>();
  const remove = new Set<string>();
  let issueState: IssueUpdatePayload['issueState'] = null;
  let deadlinesChanged = false;
  let openAdvisory: { owner: string; repo: string } | null = null;
  let updateAdvisory = false;
  let credit = false;

  for (const line of lines) {
    if (!line.ok) {
      replies.push(usageLine(lang, line.name, line.error, line.usage));
      continue;
    }
    const result = applyCommand(fields, line.command, { config, calendar, now, issueNumber: facts.issueNumber });
    if (!result.ok) {
      replies.push(usageLine(lang, line.command.name, result.error, result.usage));
      continue;
    }
    fields = result.fields;
    events.push({ reportId: triage.reportId, type: 'command', at: now, data: { name: line.command.name, by: facts.author } });
    for (const event of result.events) events.push({ reportId: triage.reportId, at: now, ...event });
    // A later command wins: adding a label cancels its earlier removal, and the reverse.
    for (const label of result.addLabels) {
      remove.delete(label);
      add.add(label);
    }
    for (const label of result.removeLabels) {
      add.delete(label);
      remove.add(label);
    }
    issueState = result.issueState ?? issueState;
    deadlinesChanged ||= result.deadlinesChanged;
    if (result.message !== null) messages.push(result.message);
    openAdvisory = result.openAdvisory ?? openAdvisory;
    updateAdvisory ||= result.updateAdvisory;
    credit ||= result.credit;
    replies.push(confirmationLine(lang, result.confirmation));
  }

  if (fields.status !== triage.status) {
    for (const status of TRIAGE_STATUSES) if (status !== fields.status) remove.add(`status:${status}`);
    add.add(`status:${fields.status}`);
  }
  if (CLOSING_STATUSES.has(fields.status)) remove.add('sla:overdue');
  fields = { ...fields, nextCheckAt: CLOSING_STATUSES.has(fields.status) ? null : nextCheckAt(fields.sla, triage.remindLeadMs, []) };

  const payload: IssueUpdatePayload = {
    reportId: triage.reportId,
    repo: triage.repo,
    issueNumber: triage.issueNumber,
    addLabels: [...add],
    removeLabels: [...remove].filter((label) => !add.has(label)),
    syncDeadlines: deadlinesChanged,
    comment: replies.join('\n'),
    issueState,
  };
  return {
    reportId: triage.reportId,
    expectedVersion: triage.version,
    fields,
    events,
    jobs: [
      issueUpdateJob(key, triage.org, payload, now),
      ...(openAdvisory === null ? [] : [createAdvisoryJob(triage, openAdvisory, facts.commentId, now, facts.author)]),
      ...(updateAdvisory && openAdvisory === null && triage.ghsaId !== null ? [updateAdvisoryJob(triage, facts.commentId, now)] : []),
      // Credit on `/resolved` when no advisory will give it on publication (the job checks again when it runs).
      ...(credit && fields.status === 'resolved' && triage.ghsaId === null ? [resolvedCreditJob(triage, facts.commentId, now)] : []),
    ],
    messages: messages.map((m) => ({ reportId: triage.reportId, kind: m.kind, body: researcherMessage(m, triage.language, config), at: now })),
  };
}

function sameIssue(triage: TriageRecord, facts: QueuedComment): boolean {
  return (
    triage.org.toLowerCase() === facts.org.toLowerCase() && triage.repo.toLowerCase() === facts.repo.toLowerCase() && triage.issueNumber === facts.issueNumber
  );
}

function reply(triage: TriageRecord, comment: string): IssueUpdatePayload {
  return { reportId: triage.reportId, repo: triage.repo, issueNumber: triage.issueNumber, addLabels: [], removeLabels: [], syncDeadlines: false, comment, issueState: null };
}
