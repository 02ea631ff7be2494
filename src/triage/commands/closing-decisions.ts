import type { CommandHandler, CommandOf } from './command-result.js';
import { assessed, close } from './result-steps.js';

/** `/duplicate #n`: closes the report as a duplicate of another tracking issue. */
export const duplicateCommand: CommandHandler<CommandOf<'duplicate'>> = (command, before, result, { issueNumber, now }) => {
  if (command.issueNumber === issueNumber) return { ok: false, error: 'a report cannot duplicate itself', usage: 'usage: /duplicate #<issue-number>' };
  close(result, 'duplicate', 'duplicate', now);
  assessed(result, before, now);
  result.events.push({ type: 'duplicate', data: { of: command.issueNumber } });
  result.message = { kind: 'duplicate', params: {} };
  result.confirmation = { kind: 'duplicate', params: { of: String(command.issueNumber) } };
  return result;
};

/** `/known <id>`: closes the report as one of the configured known issues. */
export const knownCommand: CommandHandler<CommandOf<'known'>> = (command, before, result, { config, now }) => {
  const known = config.known_issues.find((k) => k.id === command.id);
  if (known === undefined) {
    const ids = config.known_issues.map((k) => k.id);
    return { ok: false, error: `unknown known issue "${command.id}"`, usage: ids.length === 0 ? 'no known issues are configured (known_issues in .github/disclosure.yml)' : `usage: /known <${ids.join('|')}>` };
  }
  close(result, 'known', 'not_planned', now);
  assessed(result, before, now);
  result.events.push({ type: 'known', data: { id: known.id } });
  result.message = { kind: 'known', params: { id: known.id } };
  result.confirmation = { kind: 'known', params: { id: known.id, title: known.title } };
  return result;
};

/** `/reject <reason>`: closes the report; the reason goes to the researcher. */
export const rejectCommand: CommandHandler<CommandOf<'reject'>> = (command, before, result, { now }) => {
  close(result, 'rejected', 'not_planned', now);
  assessed(result, before, now);
  result.events.push({ type: 'rejected' });
  result.message = { kind: 'rejected', params: { reason: command.reason } };
  result.confirmation = { kind: 'rejected', params: {} };
  return result;
};

/**
 * `/resolved`: closes the report as fixed; the first resolution keeps the resolution deadline
 * met. A fix often ships without an advisory (a web service): the researcher is credited now
 * unless an advisory will do it on publication (see `credit`). Other closings credit nobody.
 */
export const resolvedCommand: CommandHandler<CommandOf<'resolved'>> = (_command, before, result, { config, now }) => {
  close(result, 'resolved', 'completed', now);
  if (before.sla.resolutionMetAt === null) {
    result.fields = { ...result.fields, sla: { ...result.fields.sla, resolutionMetAt: now } };
    result.events.push({ type: 'resolved' });
    result.deadlinesChanged = true;
  }
  result.credit = true;
  result.message = { kind: 'resolved', params: {} };
  // A policy that rewards every new report (seed 003) is kept only if staff record the
  // reward: the reply says so while none is recorded.
  const rewardDue = config.rewards?.offered === 'each_new_report' && before.reward === null;
  result.confirmation = { kind: 'resolved', params: rewardDue ? { rewardDue: 'yes' } : {} };
  return result;
};
