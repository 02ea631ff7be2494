import type { DisclosureConfig } from '../config/schema.js';
import type { BusinessCalendar } from '../clock/business-days.js';
import { movedDeadlines, pauseClock, resolutionDue, resumeClock } from '../clock/sla-clock.js';
import type { DeadlineKind, SlaState } from '../clock/sla-state.js';
import type { CloseReason } from '../ports/github.js';
import type { TriageFields } from './triage-record.js';
import type { Command } from './command.js';
import { scoreCvss } from '../report/cvss.js';
import type { Severity } from '../report/severity.js';
import { CLOSING_STATUSES, type TriageStatus } from './triage-status.js';
import { formatMoney, suggestReward } from './rewards.js';

/** What a command needs besides the report's state. */
export interface CommandContext {
  config: DisclosureConfig;
  calendar: BusinessCalendar;
  now: Date;
  /** The tracking issue the command was typed in. */
  issueNumber: number;
}

/** An event to record, without the report id (the caller adds it). */
export interface PlannedEvent {
  type: string;
  data?: Record<string, string | number | boolean | null>;
}

/** A message for the researcher, by template kind with its parameters (rendered in their language later). */
export interface PlannedMessage {
  kind: 'needs-info' | 'out-of-scope' | 'known' | 'duplicate' | 'rejected' | 'assessment' | 'accepted' | 'resolved' | 'info-received' | 'published' | 'reply';
  params: Record<string, string>;
}

/** A confirmation line for staff, by kind with its parameters (rendered in the tracking language). */
export interface Confirmation {
  kind: string;
  params: Record<string, string>;
}

/** The outcome of one command: the new state and what it implies, or why it was refused. */
export type CommandResult =
  | {
      ok: true;
      fields: TriageFields;
      events: PlannedEvent[];
      /** Labels to add and remove (severity, scope, pause); status labels are derived from `fields.status`. */
      addLabels: string[];
      removeLabels: string[];
      /** Close (with a reason) or reopen the issue. */
      issueState: { state: 'closed'; reason: CloseReason } | { state: 'open' } | null;
      deadlinesChanged: boolean;
      confirmation: Confirmation;
      message: PlannedMessage | null;
      /** Open a draft advisory in this repository (`/accept owner/repo`, `/advisory owner/repo`). */
      openAdvisory: { owner: string; repo: string } | null;
      /** CWE ids or packages changed: bring an existing draft advisory up to date. */
      updateAdvisory: boolean;
    }
  | { ok: false; error: string; usage: string };

/**
 * Applies one triage command to a report's state (plan, then execute). Pure:
 * the caller saves the result and turns labels, state and comments into outbox jobs.
 */
export function applyCommand(fields: TriageFields, command: Command, ctx: CommandContext): CommandResult {
  const result = base(fields, ctx.now);
  const { config, now } = ctx;
  switch (command.name) {
    case 'severity': {
      const rated = rateSeverity(command.rating);
      if (!rated.ok) return { ok: false, error: rated.error, usage: 'usage: /severity <none|low|medium|high|critical|CVSS:vector>' };
      const sla = withResolution(result.fields.sla, rated.severity, config);
      const previous = fields.severity;
      result.fields = { ...result.fields, severity: rated.severity, cvssVector: rated.vector, sla, status: advance(result.fields.status) };
      if (previous !== null && previous !== rated.severity) result.removeLabels.push(`severity:${previous}`);
      result.addLabels.push(`severity:${rated.severity}`);
      result.events.push({ type: 'severity-set', data: { severity: rated.severity, vector: rated.vector, score: rated.score } });
      if (sla.resolutionDue?.getTime() !== fields.sla.resolutionDue?.getTime()) {
        result.deadlinesChanged = true;
        // `due: null` removes the deadline (severity none has no resolution target).
        result.events.push(deadlineSet('resolution', sla.resolutionDue));
      }
      result.confirmation = { kind: 'severity', params: { severity: rated.severity, score: rated.score === null ? '' : rated.score.toFixed(1), vector: rated.vector ?? '' } };
      return result;
    }
    case 'scope': {
      result.removeLabels.push('scope:unclear');
      if (command.verdict.inScope) {
        // Back in scope after a closing decision: triage starts again.
        const status = CLOSING_STATUSES.has(fields.status) ? 'triaged' : advance(result.fields.status);
        result.fields = { ...result.fields, status };
        reopenIfClosed(result, fields);
        result.events.push({ type: 'scope-in' });
        result.confirmation = { kind: 'scope-in', params: {} };
        return result;
      }
      const { categoryId } = command.verdict;
      const category = config.scope.out_of_scope.find((c) => c.id === categoryId);
      if (category === undefined) {
        return { ok: false, error: `unknown out-of-scope category "${categoryId}"`, usage: `usage: /scope out <${config.scope.out_of_scope.map((c) => c.id).join('|')}>` };
      }
      close(result, 'rejected', 'not_planned', now);
      assessed(result, fields, now);
      result.events.push({ type: 'scope-out', data: { category: category.id } });
      result.message = { kind: 'out-of-scope', params: { category: category.id } };
      result.confirmation = { kind: 'scope-out', params: { category: category.id } };
      return result;
    }
    case 'duplicate': {
      if (command.issueNumber === ctx.issueNumber) return { ok: false, error: 'a report cannot duplicate itself', usage: 'usage: /duplicate #<issue-number>' };
      close(result, 'duplicate', 'duplicate', now);
      assessed(result, fields, now);
      result.events.push({ type: 'duplicate', data: { of: command.issueNumber } });
      result.message = { kind: 'duplicate', params: {} };
      result.confirmation = { kind: 'duplicate', params: { of: String(command.issueNumber) } };
      return result;
    }
    case 'known': {
      const known = config.known_issues.find((k) => k.id === command.id);
      if (known === undefined) {
        const ids = config.known_issues.map((k) => k.id);
        return { ok: false, error: `unknown known issue "${command.id}"`, usage: ids.length === 0 ? 'no known issues are configured (known_issues in .github/disclosure.yml)' : `usage: /known <${ids.join('|')}>` };
      }
      close(result, 'known', 'not_planned', now);
      assessed(result, fields, now);
      result.events.push({ type: 'known', data: { id: known.id } });
      result.message = { kind: 'known', params: { id: known.id } };
      result.confirmation = { kind: 'known', params: { id: known.id, title: known.title } };
      return result;
    }
    case 'needs-info': {
      const wasPaused = fields.sla.pausedAt !== null;
      result.fields = { ...result.fields, sla: pauseClock(result.fields.sla, now) };
      result.addLabels.push('sla:paused');
      if (!wasPaused) result.events.push({ type: 'paused' });
      result.deadlinesChanged ||= !wasPaused;
      result.message = { kind: 'needs-info', params: { question: command.question } };
      result.confirmation = { kind: wasPaused ? 'needs-info-again' : 'needs-info', params: {} };
      return result;
    }
    case 'info-received': {
      if (fields.sla.pausedAt === null) return { ok: false, error: 'the clock is not paused', usage: 'usage: /info-received (after /needs-info)' };
      const sla = resumeClock(result.fields.sla, now, ctx.calendar);
      result.fields = { ...result.fields, sla };
      result.removeLabels.push('sla:paused');
      result.events.push({ type: 'resumed' });
      for (const moved of movedDeadlines(fields.sla, sla)) result.events.push(deadlineSet(moved.deadline, moved.due));
      result.deadlinesChanged = true;
      result.message = { kind: 'info-received', params: {} };
      result.confirmation = { kind: 'info-received', params: {} };
      return result;
    }
    case 'accept': {
      const repository = command.repository === null ? fields.acceptedRepository : `${command.repository.owner}/${command.repository.repo}`;
      result.fields = { ...result.fields, status: 'accepted', acceptedRepository: repository };
      reopenIfClosed(result, fields);
      result.events.push({ type: 'accepted', data: { repository } });
      result.message = { kind: 'accepted', params: {} };
      const range = suggestReward(fields.severity, config.rewards);
      result.confirmation = {
        kind: 'accepted',
        params: { repository: repository ?? '', reward: range === null ? '' : `${formatMoney(range.min, range.currency, config.tracking.language)} – ${formatMoney(range.max, range.currency, config.tracking.language)}` },
      };
      if (command.repository !== null) result.openAdvisory = { ...command.repository };
      return result;
    }
    case 'advisory': {
      if (fields.status !== 'accepted' && fields.status !== 'resolved') {
        return { ok: false, error: 'accept the report first', usage: 'usage: /accept owner/repo, or /accept then /advisory owner/repo' };
      }
      const repository = `${command.repository.owner}/${command.repository.repo}`;
      result.fields = { ...result.fields, acceptedRepository: repository };
      result.openAdvisory = { ...command.repository };
      result.events.push({ type: 'advisory-requested', data: { repository } });
      result.confirmation = { kind: 'advisory', params: { repository } };
      return result;
    }
    case 'cwe': {
      const cweIds = [...new Set([...fields.cweIds, ...command.ids])];
      result.fields = { ...result.fields, cweIds };
      result.updateAdvisory = true;
      result.events.push({ type: 'cwe', data: { ids: command.ids.join(' ') } });
      result.confirmation = { kind: 'cwe', params: { ids: cweIds.join(', ') } };
      return result;
    }
    case 'package': {
      const entry = { ecosystem: command.ecosystem, name: command.packageName, vulnerableRange: command.vulnerableRange, patchedVersions: command.patchedVersions };
      // The same package again replaces its ranges.
      const packages = [...fields.packages.filter((p) => p.ecosystem !== entry.ecosystem || p.name !== entry.name), entry];
      result.fields = { ...result.fields, packages };
      result.updateAdvisory = true;
      result.events.push({ type: 'package', data: { ecosystem: entry.ecosystem, name: entry.name } });
      result.confirmation = { kind: 'package', params: { ecosystem: entry.ecosystem, name: entry.name, vulnerable: entry.vulnerableRange ?? '', patched: entry.patchedVersions ?? '' } };
      return result;
    }
    case 'reply': {
      result.events.push({ type: 'reply-sent', data: { characters: command.message.length } });
      result.message = { kind: 'reply', params: { text: command.message } };
      result.confirmation = { kind: 'reply', params: {} };
      return result;
    }
    case 'reward': {
      const reward = { amount: command.amount, currency: command.currency, note: command.note };
      result.fields = { ...result.fields, reward };
      result.events.push({ type: 'reward', data: { amount: reward.amount, currency: reward.currency } });
      result.confirmation = { kind: 'reward', params: { amount: formatMoney(reward.amount, reward.currency, config.tracking.language) } };
      return result;
    }
    case 'reject': {
      close(result, 'rejected', 'not_planned', now);
      assessed(result, fields, now);
      result.events.push({ type: 'rejected' });
      result.message = { kind: 'rejected', params: { reason: command.reason } };
      result.confirmation = { kind: 'rejected', params: {} };
      return result;
    }
    case 'fix-by': {
      const { year, month, day } = command.date;
      const iso = `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: config.sla.time_zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
      if (iso < today) return { ok: false, error: `${iso} is in the past`, usage: 'usage: /fix-by YYYY-MM-DD (today or later)' };
      result.fields = { ...result.fields, fixBy: iso, status: advance(result.fields.status) };
      assessed(result, fields, now);
      result.events.push({ type: 'fix-by', data: { date: iso } });
      result.deadlinesChanged = true;
      result.message = { kind: 'assessment', params: { date: iso } };
      result.confirmation = { kind: 'fix-by', params: { date: iso } };
      return result;
    }
    case 'resolved': {
      close(result, 'resolved', 'completed', now);
      if (fields.sla.resolutionMetAt === null) {
        result.fields = { ...result.fields, sla: { ...result.fields.sla, resolutionMetAt: now } };
        result.events.push({ type: 'resolved' });
        result.deadlinesChanged = true;
      }
      result.message = { kind: 'resolved', params: {} };
      result.confirmation = { kind: 'resolved', params: {} };
      return result;
    }
  }
}

type Success = Extract<CommandResult, { ok: true }>;

/** Every accepted command confirms receipt: a human has the report in hand. */
function base(fields: TriageFields, now: Date): Success {
  const result: Success = {
    ok: true,
    fields: { ...fields, sla: { ...fields.sla } },
    events: [],
    addLabels: [],
    removeLabels: [],
    issueState: null,
    deadlinesChanged: false,
    confirmation: { kind: '', params: {} },
    message: null,
    openAdvisory: null,
    updateAdvisory: false,
  };
  if (fields.sla.receiptMetAt === null) {
    result.fields.sla.receiptMetAt = now;
    result.events.push({ type: 'receipt-confirmed' });
    result.deadlinesChanged = true;
  }
  return result;
}

function rateSeverity(
  rating: Extract<Command, { name: 'severity' }>['rating'],
): { ok: true; severity: Severity; vector: string | null; score: number | null } | { ok: false; error: string } {
  if (rating.kind === 'level') return { ok: true, severity: rating.level, vector: null, score: null };
  const scored = scoreCvss(rating.vector);
  if (!scored.ok) return { ok: false, error: scored.error };
  return { ok: true, severity: scored.severity, vector: scored.vector, score: scored.score };
}

function withResolution(sla: SlaState, severity: Severity, config: DisclosureConfig): SlaState {
  if (sla.resolutionMetAt !== null) return sla;
  return { ...sla, resolutionDue: resolutionDue(sla.receivedAt, severity, config.sla, sla.pausedCalendarDays) };
}

/** new → triaged; later statuses stay where they are. */
function advance(status: TriageStatus): TriageStatus {
  return status === 'new' ? 'triaged' : status;
}

function close(result: Success, status: TriageStatus, reason: CloseReason, now: Date): void {
  result.fields = { ...result.fields, status, closedAt: result.fields.closedAt ?? now };
  result.issueState = { state: 'closed', reason };
}

function reopenIfClosed(result: Success, before: TriageFields): void {
  if (before.closedAt === null && !CLOSING_STATUSES.has(before.status)) return;
  result.fields = { ...result.fields, closedAt: null };
  result.issueState = { state: 'open' };
}

/** The assessment promise is kept by a fix date or by a decision that ends the report. */
function assessed(result: Success, before: TriageFields, now: Date): void {
  if (before.sla.assessmentMetAt !== null) return;
  result.fields = { ...result.fields, sla: { ...result.fields.sla, assessmentMetAt: now } };
  result.events.push({ type: 'assessed' });
  result.deadlinesChanged = true;
}

function deadlineSet(deadline: DeadlineKind, due: Date | null): PlannedEvent {
  return { type: 'deadline-set', data: { deadline, due: due === null ? null : due.getTime() } };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
