import { describe, expect, it } from 'vitest';
import { deadlineFates } from '../../src/clock/deadline-outcomes.js';
import { dueNotices, nextCheckAt } from '../../src/clock/sla-clock.js';
import { slaMetrics } from '../../src/clock/sla-metrics.js';
import type { SlaState } from '../../src/clock/sla-state.js';
import { parseConfig } from '../../src/config/parse-config.js';
import { initialSla, planDeadlines } from '../../src/issue-text/plan-deadlines.js';
import { acknowledgementText } from '../../src/researcher/plan-mail.js';
import type { ReportEvent } from '../../src/store/store.js';

/*
 * A deadline the organisation does not promise (config `sla.promises`) has a null due: the
 * SLA clock never reminds about it or marks it overdue, the outcome rule and the metrics
 * leave it out, the tracking issue has no row for it and the acknowledgement promises it not.
 */

const RECEIVED = new Date('2026-03-02T09:00:00Z');
const ASSESSMENT_DUE = new Date('2026-03-09T23:59:59.999Z');
const LONG_AFTER = new Date('2026-06-01T00:00:00Z');
const DAY = 86_400_000;

function clock(overrides: Partial<SlaState> = {}): SlaState {
  return { ...initialSla(RECEIVED, null, ASSESSMENT_DUE), ...overrides };
}

describe('the SLA clock without a receipt deadline', () => {
  it('reminds about and marks overdue only the promised deadlines', () => {
    const state = clock();

    expect(dueNotices(state, new Date('2026-03-09T12:00:00Z'), DAY, [])).toEqual([{ deadline: 'assessment', stage: 'reminder', due: ASSESSMENT_DUE }]);
    expect(dueNotices(state, LONG_AFTER, DAY, [])).toEqual([{ deadline: 'assessment', stage: 'overdue', due: ASSESSMENT_DUE }]);
    expect(nextCheckAt(state, DAY, [])).toEqual(new Date(ASSESSMENT_DUE.getTime() + 1 - DAY));
  });

  it('has nothing to check when nothing is promised, even with receipt met', () => {
    const state = clock({ assessmentDue: null, receiptMetAt: new Date('2026-03-02T09:05:00Z') });

    expect(dueNotices(state, LONG_AFTER, DAY, [])).toEqual([]);
    expect(nextCheckAt(state, DAY, [])).toBeNull();
  });

  it('gives a fate only to the promised deadlines', () => {
    const state = clock({ receiptMetAt: new Date('2026-03-02T09:05:00Z') });

    const fates = deadlineFates(state, null, LONG_AFTER);

    expect(fates.map((fate) => [fate.kind, fate.outcome])).toEqual([['assessment', 'missed']]);
  });
});

describe('the SLA metrics of deadlines not promised', () => {
  function events(promises: string | undefined): ReportEvent[] {
    const data: NonNullable<ReportEvent['data']> = { channel: 'api', receiptDue: null, assessmentDue: ASSESSMENT_DUE.getTime() };
    if (promises !== undefined) data['promises'] = promises;
    return [
      { reportId: 'DD-1', type: 'received', at: RECEIVED, data },
      { reportId: 'DD-1', type: 'receipt-confirmed', at: new Date('2026-03-02T10:00:00Z') },
      { reportId: 'DD-1', type: 'assessed', at: new Date('2026-03-05T09:00:00Z') },
      { reportId: 'DD-1', type: 'resolved', at: new Date('2026-03-20T09:00:00Z') },
    ];
  }

  it('leaves a deadline out of its metrics altogether when it was not promised', () => {
    const [quarter] = slaMetrics(events('assessment'), { now: LONG_AFTER });

    expect(quarter?.reports).toBe(1);
    expect(quarter?.receipt).toEqual({ measured: 0, medianHours: null, p90Hours: null, metShare: null });
    expect(quarter?.resolution).toEqual({ measured: 0, medianHours: null, p90Hours: null, metShare: null });
    expect(quarter?.assessment).toEqual({ measured: 1, medianHours: 72, p90Hours: 72, metShare: 1 });
  });

  it('still measures every deadline of events written before sla.promises existed', () => {
    const [quarter] = slaMetrics(events(undefined), { now: LONG_AFTER });

    expect(quarter?.receipt.measured).toBe(1);
    expect(quarter?.resolution.measured).toBe(1);
  });
});

describe('texts without the deadlines not promised', () => {
  function config(raw: unknown) {
    const result = parseConfig(raw);
    if (!result.ok) throw new Error('config should parse');
    return result.config;
  }

  it.each([
    ['en', 'Monday 9 March 2026, 23:59 (UTC) (7 calendar days)'],
    ['nl', 'maandag 9 maart 2026, 23:59 (UTC) (7 kalenderdagen)'],
  ] as const)('the tracking issue (%s) has no receipt row and counts the assessment in calendar days', (language, due) => {
    const section = planDeadlines({ sla: clock(), fixBy: null, severity: null, config: config({ tracking: { language }, sla: { assessment_calendar_days: 7, promises: ['assessment', 'resolution'] } }) });

    expect(section).not.toMatch(/Confirm receipt|Ontvangstbevestiging/);
    expect(section).toContain(due);
  });

  it('the tracking issue has no resolution row when resolution is not promised', () => {
    const section = planDeadlines({ sla: clock(), fixBy: null, severity: 'high', config: config({ sla: { promises: ['assessment'] } }) });

    expect(section).not.toContain('Resolution target');
    expect(section).toContain('Expected fix date');
  });

  it.each([
    ['en', { receiptDue: null, assessmentDue: '9 March' }, 'The security team will send you an assessment with an expected fix date by 9 March.', 'confirm'],
    ['en', { receiptDue: '3 March', assessmentDue: null }, 'The security team will confirm that it is handling your report by 3 March.', 'assessment'],
    ['nl', { receiptDue: null, assessmentDue: '9 maart' }, 'Het securityteam stuurt u uiterlijk 9 maart een beoordeling met een verwachte hersteldatum.', 'bevestigt'],
  ] as const)('the acknowledgement (%s) promises only what is promised: %j', (language, dues, promise, absent) => {
    const text = acknowledgementText(language, { id: 'DD-0123456789AB', ...dues });

    expect(text).toContain(promise);
    expect(text).not.toContain(absent);
  });

  it('the acknowledgement promises no date at all when nothing is promised', () => {
    const text = acknowledgementText('en', { id: 'DD-0123456789AB', receiptDue: null, assessmentDue: null });

    expect(text.split('\n\n')).toEqual([
      'Thank you for your report. We have received it under tracking id DD-0123456789AB.',
      'Please do not share information about the vulnerability with third parties until it has been fixed.',
    ]);
  });
});
