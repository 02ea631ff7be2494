import { movedDeadlines, pauseClock, resumeClock } from '../../clock/sla-clock.js';
import type { CommandHandler, CommandOf } from './command-result.js';
import { deadlineSet } from './result-steps.js';

/** `/needs-info <question>`: asks the researcher and pauses the clock (asking again keeps it paused). */
export const needsInfoCommand: CommandHandler<CommandOf<'needs-info'>> = (command, before, result, { now }) => {
  const wasPaused = before.sla.pausedAt !== null;
  result.fields = { ...result.fields, sla: pauseClock(result.fields.sla, now) };
  result.addLabels.push('sla:paused');
  if (!wasPaused) result.events.push({ type: 'paused' });
  result.deadlinesChanged ||= !wasPaused;
  result.message = { kind: 'needs-info', params: { question: command.question } };
  result.confirmation = { kind: wasPaused ? 'needs-info-again' : 'needs-info', params: {} };
  return result;
};

/** `/info-received`: resumes the paused clock; the deadlines move by the time it stood still. */
export const infoReceivedCommand: CommandHandler<CommandOf<'info-received'>> = (_command, before, result, { now, calendar }) => {
  if (before.sla.pausedAt === null) return { ok: false, error: 'the clock is not paused', usage: 'usage: /info-received (after /needs-info)' };
  const sla = resumeClock(result.fields.sla, now, calendar);
  result.fields = { ...result.fields, sla };
  result.removeLabels.push('sla:paused');
  result.events.push({ type: 'resumed' });
  for (const moved of movedDeadlines(before.sla, sla)) result.events.push(deadlineSet(moved.deadline, moved.due));
  result.deadlinesChanged = true;
  result.message = { kind: 'info-received', params: {} };
  result.confirmation = { kind: 'info-received', params: {} };
  return result;
};
