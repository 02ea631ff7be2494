import type { Command } from './command.js';
import type { TriageFields } from './triage-record.js';
import { acceptCommand, advisoryCommand } from './commands/accept.js';
import { cweCommand, packageCommand } from './commands/advisory-details.js';
import { duplicateCommand, knownCommand, rejectCommand, resolvedCommand } from './commands/closing-decisions.js';
import type { CommandContext, CommandHandler, CommandOf, CommandResult } from './commands/command-result.js';
import { fixByCommand } from './commands/fix-by.js';
import { infoReceivedCommand, needsInfoCommand } from './commands/needs-info.js';
import { replyCommand } from './commands/reply.js';
import { startResult } from './commands/result-steps.js';
import { rewardCommand } from './commands/reward.js';
import { scopeCommand } from './commands/scope.js';
import { severityCommand } from './commands/severity.js';
import { verifyFixCommand } from './commands/verify-fix.js';
import { discloseOnCommand } from './commands/disclose-on.js';

export type { CommandContext, CommandResult, Confirmation, PlannedEvent, PlannedMessage } from './commands/command-result.js';

/** One handler per command name: a command added to `Command` without one fails the typecheck. */
type CommandHandlers = { [N in Command['name']]: CommandHandler<CommandOf<N>> };

const HANDLERS: CommandHandlers = {
  severity: severityCommand,
  scope: scopeCommand,
  duplicate: duplicateCommand,
  known: knownCommand,
  'needs-info': needsInfoCommand,
  'info-received': infoReceivedCommand,
  accept: acceptCommand,
  advisory: advisoryCommand,
  cwe: cweCommand,
  package: packageCommand,
  reply: replyCommand,
  reward: rewardCommand,
  reject: rejectCommand,
  'fix-by': fixByCommand,
  resolved: resolvedCommand,
  'verify-fix': verifyFixCommand,
  'disclose-on': discloseOnCommand,
};

/**
 * Applies one triage command to a report's state (plan, then execute). Pure:
 * the caller saves the result and turns labels, state and comments into outbox jobs.
 */
export function applyCommand(fields: TriageFields, command: Command, ctx: CommandContext): CommandResult {
  return handle(command.name, command, fields, ctx);
}

/** Generic in the name, so TypeScript knows the handler and the command belong together. */
function handle<N extends Command['name']>(name: N, command: CommandOf<N>, fields: TriageFields, ctx: CommandContext): CommandResult {
  const handler: CommandHandler<CommandOf<N>> = HANDLERS[name];
  return handler(command, fields, startResult(fields, ctx.now), ctx);
}
