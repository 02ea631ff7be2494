import { describe, expect, it } from 'vitest';
import { deadlineFates, promisedClock } from '../../src/clock/deadline-outcomes.js';
import type { SlaState } from '../../src/clock/sla-state.js';

const at = (iso: string) => new Date(iso);
const RECEIVED = at('2026-03-02T09:00:00Z');
const clock = (over: Partial<SlaState> = {}): SlaState => ({
  ...promisedClock({ receivedAt: RECEIVED, receiptDue: at('2026-03-03T23:00:00Z'), assessmentDue: at('2026-03-09T23:00:00Z') }),
  resolutionDue: at('2026-04-01T22:00:00Z'),
  ...over,
});
const outcomes = (sla: SlaState, closed: { at: Date; fixed: boolean } | null, now: string) =>
  Object.fromEntries(deadlineFates(sla, closed, at(now)).map((fate) => [fate.kind, fate.outcome]));

describe('how a promised deadline fared', () => {
  it('is due before its date and missed after it, while nothing is met', () => {
    expect(outcomes(clock(), null, '2026-03-03T12:00:00Z')).toEqual({ receipt: 'due', assessment: 'due', resolution: 'due' });
    expect(outcomes(clock(), null, '2026-03-04T12:00:00Z')).toEqual({ receipt: 'missed', assessment: 'due', resolution: 'due' });
  });

  it('is met when met by its date, met late after it', () => {
    const sla = clock({ receiptMetAt: at('2026-03-03T10:00:00Z'), assessmentMetAt: at('2026-03-10T10:00:00Z') });

    expect(outcomes(sla, null, '2026-03-12T00:00:00Z')).toEqual({ receipt: 'met', assessment: 'met-late', resolution: 'due' });
  });

  it('is on hold while the clock is paused, unless it had passed before the pause', () => {
    const sla = clock({ receiptMetAt: at('2026-03-02T10:00:00Z'), pausedAt: at('2026-03-05T09:00:00Z') });

    expect(outcomes(sla, null, '2026-04-20T00:00:00Z')).toEqual({ receipt: 'met', assessment: 'paused', resolution: 'paused' });
    expect(outcomes(clock({ pausedAt: at('2026-03-05T09:00:00Z') }), null, '2026-03-06T00:00:00Z').receipt).toBe('missed');
  });

  it('no longer applies on a closed report before its date, and a resolution owes nothing without a fix', () => {
    const sla = clock({ receiptMetAt: at('2026-03-02T10:00:00Z') });

    expect(outcomes(sla, { at: at('2026-03-05T09:00:00Z'), fixed: false }, '2026-05-01T00:00:00Z')).toEqual({ receipt: 'met', assessment: 'void', resolution: 'void' });
    expect(outcomes(sla, { at: at('2026-04-10T09:00:00Z'), fixed: false }, '2026-05-01T00:00:00Z')).toEqual({ receipt: 'met', assessment: 'missed', resolution: 'void' });
    expect(outcomes(sla, { at: at('2026-04-10T09:00:00Z'), fixed: true }, '2026-05-01T00:00:00Z').resolution).toBe('missed');
  });

  it('leaves out a deadline the clock does not have (a report not filed yet has no resolution target)', () => {
    const queued = promisedClock({ receivedAt: RECEIVED, receiptDue: at('2026-03-03T23:00:00Z'), assessmentDue: at('2026-03-09T23:00:00Z') });

    expect(deadlineFates(queued, null, RECEIVED).map((fate) => fate.kind)).toEqual(['receipt', 'assessment']);
  });
});
