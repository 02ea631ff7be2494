import { formatMoney, suggestReward } from '../rewards.js';
import type { CommandHandler, CommandOf } from './command-result.js';
import { reopenIfClosed } from './result-steps.js';

/** `/accept [owner/repo]`: accepts the report, and opens its draft advisory when a repository is named. */
export const acceptCommand: CommandHandler<CommandOf<'accept'>> = (command, before, result, { config }) => {
  const repository = command.repository === null ? before.acceptedRepository : `${command.repository.owner}/${command.repository.repo}`;
  result.fields = { ...result.fields, status: 'accepted', acceptedRepository: repository };
  reopenIfClosed(result, before);
  result.events.push({ type: 'accepted', data: { repository } });
  result.message = { kind: 'accepted', params: {} };
  const range = suggestReward(before.severity, config.rewards);
  result.confirmation = {
    kind: 'accepted',
    params: { repository: repository ?? '', reward: range === null ? '' : `${formatMoney(range.min, range.currency, config.tracking.language)} – ${formatMoney(range.max, range.currency, config.tracking.language)}` },
  };
  if (command.repository !== null) result.openAdvisory = { ...command.repository };
  return result;
};

/** `/advisory owner/repo`: opens the draft advisory of an accepted (or resolved) report. */
export const advisoryCommand: CommandHandler<CommandOf<'advisory'>> = (command, before, result) => {
  if (before.status !== 'accepted' && before.status !== 'resolved') {
    return { ok: false, error: 'accept the report first', usage: 'usage: /accept owner/repo, or /accept then /advisory owner/repo' };
  }
  const repository = `${command.repository.owner}/${command.repository.repo}`;
  result.fields = { ...result.fields, acceptedRepository: repository };
  result.openAdvisory = { ...command.repository };
  result.events.push({ type: 'advisory-requested', data: { repository } });
  result.confirmation = { kind: 'advisory', params: { repository } };
  return result;
};
