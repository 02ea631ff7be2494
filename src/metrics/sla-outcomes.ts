import { deadlineDue } from '../clock/sla-clock.js';
import { DEADLINES, type DeadlineKind, type SlaState } from '../clock/sla-state.js';
import type { Metrics } from './metrics.js';

function metAt(sla: SlaState, kind: DeadlineKind): Date | null {
  return kind === 'receipt' ? sla.receiptMetAt : kind === 'assessment' ? sla.assessmentMetAt : sla.resolutionMetAt;
}

/**
 * Counts `met` for each deadline that `after` meets for the first time (its met time was
 * unset in `before`) at or before its due instant. A deadline met late is not counted here:
 * it was counted `missed` when the sweep recorded its overdue notice, and counting it again
 * would count one deadline twice.
 */
export function countDeadlinesMet(metrics: Metrics, before: SlaState, after: SlaState): void {
  for (const deadline of DEADLINES) {
    const met = metAt(after, deadline);
    const due = deadlineDue(after, deadline);
    if (metAt(before, deadline) !== null || met === null || due === null) continue;
    if (met.getTime() <= due.getTime()) metrics.slaDeadline(deadline, 'met');
  }
}

/**
 * For a triage change planned inside `saveTriageRetrying` (planned again after a version
 * conflict): `watch` wraps the plan and remembers the clock before and after the last
 * plan; `saved` counts what that plan met, once the store said `saved`. A redelivered
 * change is a `duplicate` and counts nothing.
 */
export interface DeadlineTally {
  watch<T extends { sla: SlaState }, C extends { fields: { sla: SlaState } }>(plan: (triage: T) => C | null | Promise<C | null>): (triage: T) => Promise<C | null>;
  saved(): void;
}

export function deadlineTally(metrics: Metrics): DeadlineTally {
  let last: { before: SlaState; after: SlaState } | null = null;
  return {
    watch(plan) {
      return async (triage) => {
        const change = await plan(triage);
        last = change === null ? null : { before: triage.sla, after: change.fields.sla };
        return change;
      };
    },
    saved() {
      if (last !== null) countDeadlinesMet(metrics, last.before, last.after);
      last = null;
    },
  };
}
