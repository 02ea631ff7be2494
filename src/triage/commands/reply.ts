import type { CommandHandler, CommandOf } from './command-result.js';

/** `/reply <message>`: a message to the researcher; the event keeps its length, not its text. */
export const replyCommand: CommandHandler<CommandOf<'reply'>> = (command, _before, result) => {
  result.events.push({ type: 'reply-sent', data: { characters: command.message.length } });
  result.message = { kind: 'reply', params: { text: command.message } };
  result.confirmation = { kind: 'reply', params: {} };
  return result;
};
