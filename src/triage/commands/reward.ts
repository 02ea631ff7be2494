import { formatMoney } from '../rewards.js';
import type { CommandHandler, CommandOf } from './command-result.js';

/** `/reward <amount> <currency> [note]`: records the reward decision. */
export const rewardCommand: CommandHandler<CommandOf<'reward'>> = (command, _before, result, { config }) => {
  const reward = { amount: command.amount, currency: command.currency, note: command.note };
  result.fields = { ...result.fields, reward };
  result.events.push({ type: 'reward', data: { amount: reward.amount, currency: reward.currency } });
  result.confirmation = { kind: 'reward', params: { amount: formatMoney(reward.amount, reward.currency, config.tracking.language) } };
  return result;
};
