import { CLOSING_STATUSES } from '../triage-status.js';
import type { CommandHandler, CommandOf } from './command-result.js';
import { advance, assessed, close, reopenIfClosed } from './result-steps.js';

/** `/scope in` (triage goes on, or starts again) or `/scope out <category>` (the report is rejected). */
export const scopeCommand: CommandHandler<CommandOf<'scope'>> = (command, before, result, { config, now }) => {
  result.removeLabels.push('scope:unclear');
  if (command.verdict.inScope) {
    // Back in scope after a closing decision: triage starts again.
    const status = CLOSING_STATUSES.has(before.status) ? 'triaged' : advance(result.fields.status);
    result.fields = { ...result.fields, status };
    reopenIfClosed(result, before);
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
  assessed(result, before, now);
  result.events.push({ type: 'scope-out', data: { category: category.id } });
  result.message = { kind: 'out-of-scope', params: { category: category.id } };
  result.confirmation = { kind: 'scope-out', params: { category: category.id } };
  return result;
};
