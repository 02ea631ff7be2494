import { FIX_LABELS, FIX_VERIFIABLE_STATUSES, FIX_VERIFICATION_REQUESTED } from '../fix-verification.js';
import type { CommandHandler, CommandOf } from './command-result.js';

/**
 * `/verify-fix [note]`: asks the researcher to check the fix (status page, and e-mail when they
 * gave an address), on a report with a fix to check: accepted, resolved or published. Each
 * command opens a new request; the labels of an earlier answer go, since they judged an
 * earlier fix. The event keeps the note's length, not its text (the message keeps the text).
 */
export const verifyFixCommand: CommandHandler<CommandOf<'verify-fix'>> = (command, before, result) => {
  if (!FIX_VERIFIABLE_STATUSES.has(before.status)) {
    return { ok: false, error: `there is no fix to verify while the report is ${before.status}`, usage: 'usage: /verify-fix [note to the researcher] (after /accept or /resolved)' };
  }
  const note = command.note ?? '';
  result.events.push({ type: FIX_VERIFICATION_REQUESTED, data: { characters: note.length } });
  result.removeLabels.push(FIX_LABELS.confirmed, FIX_LABELS['not-fixed']);
  result.message = { kind: 'verify-fix', params: { note } };
  result.confirmation = { kind: 'verify-fix', params: {} };
  return result;
};
