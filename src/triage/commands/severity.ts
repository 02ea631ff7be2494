import type { DisclosureConfig } from '../../config/schema.js';
import { resolutionDue } from '../../clock/sla-clock.js';
import type { SlaState } from '../../clock/sla-state.js';
import { scoreCvss } from '../../report/cvss.js';
import type { Severity } from '../../report/severity.js';
import type { SeverityRating } from '../command.js';
import type { CommandHandler, CommandOf } from './command-result.js';
import { advance, deadlineSet } from './result-steps.js';

/** `/severity`: rates the report, moves the resolution deadline and swaps the severity label. */
export const severityCommand: CommandHandler<CommandOf<'severity'>> = (command, before, result, { config }) => {
  const rated = rateSeverity(command.rating);
  if (!rated.ok) return { ok: false, error: rated.error, usage: 'usage: /severity <none|low|medium|high|critical|CVSS:vector>' };
  const sla = withResolution(result.fields.sla, rated.severity, config);
  const previous = before.severity;
  result.fields = { ...result.fields, severity: rated.severity, cvssVector: rated.vector, sla, status: advance(result.fields.status) };
  if (previous !== null && previous !== rated.severity) result.removeLabels.push(`severity:${previous}`);
  result.addLabels.push(`severity:${rated.severity}`);
  // An open draft advisory follows the new rating (the update job does nothing without one).
  if (previous !== rated.severity || before.cvssVector !== rated.vector) result.updateAdvisory = true;
  result.events.push({ type: 'severity-set', data: { severity: rated.severity, vector: rated.vector, score: rated.score } });
  if (sla.resolutionDue?.getTime() !== before.sla.resolutionDue?.getTime()) {
    result.deadlinesChanged = true;
    // `due: null` removes the deadline (severity none has no resolution target).
    result.events.push(deadlineSet('resolution', sla.resolutionDue));
  }
  result.confirmation = { kind: 'severity', params: { severity: rated.severity, score: rated.score === null ? '' : rated.score.toFixed(1), vector: rated.vector ?? '' } };
  return result;
};

function rateSeverity(rating: SeverityRating): { ok: true; severity: Severity; vector: string | null; score: number | null } | { ok: false; error: string } {
  if (rating.kind === 'level') return { ok: true, severity: rating.level, vector: null, score: null };
  const scored = scoreCvss(rating.vector);
  if (!scored.ok) return { ok: false, error: scored.error };
  return { ok: true, severity: scored.severity, vector: scored.vector, score: scored.score };
}

/** A resolution already met keeps its deadline; otherwise the severity sets it. */
function withResolution(sla: SlaState, severity: Severity, config: DisclosureConfig): SlaState {
  if (sla.resolutionMetAt !== null) return sla;
  return { ...sla, resolutionDue: resolutionDue(sla.receivedAt, severity, config.sla, sla.pausedCalendarDays) };
}
