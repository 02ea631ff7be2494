import { describe, expect, it } from 'vitest';
import type { DeadlineKind, SlaState } from '../../src/clock/sla-state.js';
import { type Metrics, noMetrics, type SlaOutcome } from '../../src/metrics/metrics.js';
import { countDeadlinesMet, deadlineTally } from '../../src/metrics/sla-outcomes.js';

const CLOCK: SlaState = {
  receivedAt: new Date('2026-03-02T09:00:00Z'),
  receiptDue: new Date('2026-03-03T23:59:59.999Z'),
  assessmentDue: new Date('2026-03-09T23:59:59.999Z'),
  resolutionDue: null,
  receiptMetAt: null,
  assessmentMetAt: null,
  resolutionMetAt: null,
  pausedAt: null,
  pausedCalendarDays: 0,
};

function recording(): Metrics & { counted: string[] } {
  const counted: string[] = [];
  return { ...noMetrics, counted, slaDeadline: (deadline: DeadlineKind, outcome: SlaOutcome) => void counted.push(`${deadline}:${outcome}`) };
}

describe('counting deadlines met', () => {
  it('counts a deadline met at or before its due instant, once', () => {
    const metrics = recording();
    const met = { ...CLOCK, receiptMetAt: CLOCK.receiptDue, assessmentMetAt: new Date('2026-03-04T10:00:00Z') };

    countDeadlinesMet(metrics, CLOCK, met);
    countDeadlinesMet(metrics, met, met);

    expect(metrics.counted).toEqual(['receipt:met', 'assessment:met']);
  });

  it('counts nothing for a deadline met late (its overdue notice counted it) or one without a due', () => {
    const metrics = recording();

    countDeadlinesMet(metrics, CLOCK, { ...CLOCK, receiptMetAt: new Date('2026-03-04T00:00:00Z'), resolutionMetAt: new Date('2026-03-04T00:00:00Z') });

    expect(metrics.counted).toEqual([]);
  });

  it('counts what the last plan met only once the change was saved', async () => {
    const metrics = recording();
    const tally = deadlineTally(metrics);
    const plan = tally.watch((triage: { sla: SlaState }) => ({ fields: { sla: { ...triage.sla, receiptMetAt: new Date('2026-03-02T10:00:00Z') } } }));

    await plan({ sla: CLOCK });
    await plan({ sla: CLOCK });
    const before = [...metrics.counted];
    tally.saved();
    tally.saved();

    expect(before).toEqual([]);
    expect(metrics.counted).toEqual(['receipt:met']);
  });
});
