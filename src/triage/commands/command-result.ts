import type { DisclosureConfig } from '../../config/schema.js';
import type { BusinessCalendar } from '../../clock/business-days.js';
import type { CloseReason } from '../../ports/github.js';
import type { Command } from '../command.js';
import type { TriageFields } from '../triage-record.js';

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
  kind: 'needs-info' | 'out-of-scope' | 'known' | 'duplicate' | 'rejected' | 'assessment' | 'accepted' | 'resolved' | 'info-received' | 'published' | 'reply' | 'verify-fix' | 'disclosure-date' | 'disclosure-withdrawn';
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
      /**
       * Credit the researcher now (`/resolved`): the credit record, the hall of fame and the
       * reward record, as the researcher chose. Given only to a report that ends resolved and
       * has no GitHub advisory; a report with one is credited when it is published.
       */
      credit: boolean;
    }
  | { ok: false; error: string; usage: string };

/** An accepted command's outcome, built up step by step by its handler. */
export type PlannedChange = Extract<CommandResult, { ok: true }>;

/** The command of one name, with its typed arguments. */
export type CommandOf<N extends Command['name']> = Extract<Command, { name: N }>;

/**
 * Plans one command. `before` is the state the command applies to; `result` starts from it
 * with receipt confirmed (see startResult) and is the handler's to change and return.
 */
export type CommandHandler<C extends Command> = (command: C, before: TriageFields, result: PlannedChange, ctx: CommandContext) => CommandResult;
