import { describe, expect, it } from 'vitest';
import { formatSlaMetrics } from '../../src/clock/format-sla-metrics.js';
import { nearestRank } from '../../src/clock/nearest-rank.js';
import { slaMetrics, type DeadlineMetrics, type QuarterMetrics } from '../../src/clock/sla-metrics.js';
import type { ReportEvent } from '../../src/store/store.js';

const HOUR = 3_600_000;
const NOW = new Date('2026-12-31T12:00:00Z');

function received(reportId: string, at: string, receiptDue?: string, assessmentDue?: string): ReportEvent {
  const data: NonNullable<ReportEvent['data']> = { channel: 'web' };
  if (receiptDue !== undefined) data['receiptDue'] = Date.parse(receiptDue);
  if (assessmentDue !== undefined) data['assessmentDue'] = Date.parse(assessmentDue);
  return { reportId, type: 'received', at: new Date(at), data };
}

function event(reportId: string, type: string, at: string, data?: ReportEvent['data']): ReportEvent {
  return data === undefined ? { reportId, type, at: new Date(at) } : { reportId, type, at: new Date(at), data };
}

/** A report received at 00:00 UTC on 1 October 2026, receipt due after 24 hours, assessment after 120. */
function october(reportId: string): ReportEvent {
  return received(reportId, '2026-10-01T00:00:00Z', '2026-10-02T00:00:00Z', '2026-10-06T00:00:00Z');
}

function only(metrics: QuarterMetrics[]): QuarterMetrics {
  expect(metrics).toHaveLength(1);
  const [quarter] = metrics;
  if (quarter === undefined) throw new Error('expected one quarter');
  return quarter;
}

describe('nearestRank', () => {
  it.each([
    ['p90 of 1…10 is 9', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90, 9],
    ['p50 of 1…10 is 5 (no interpolation)', [10, 9, 8, 7, 6, 5, 4, 3, 2, 1], 50, 5],
    ['p50 of three values is the middle one', [3, 1, 2], 50, 2],
    ['p90 of three values is the largest', [3, 1, 2], 90, 3],
    ['p50 of one value is that value', [7.5], 50, 7.5],
    ['p90 of 1…20 is 18', Array.from({ length: 20 }, (_v, index) => index + 1), 90, 18],
  ])('%s', (_name, values, percent, expected) => {
    const value = nearestRank(values, percent);

    expect(value).toBe(expected);
  });

  it('is null for no values', () => {
    const value = nearestRank([], 50);

    expect(value).toBeNull();
  });
});

describe('slaMetrics', () => {
  it('measures hours from receipt to each deadline met, with nearest-rank median and p90', () => {
    const events = Array.from({ length: 10 }, (_v, index) => {
      const id = `r${index + 1}`;
      return [october(id), event(id, 'receipt-confirmed', new Date(Date.parse('2026-10-01T00:00:00Z') + (index + 1) * HOUR).toISOString())];
    }).flat();

    const quarter = only(slaMetrics(events, { now: NOW }));

    expect(quarter.reports).toBe(10);
    expect(quarter.receipt).toEqual({ measured: 10, medianHours: 5, p90Hours: 9, metShare: 1 });
  });

  it.each([
    ['met before the due instant: on time', [event('a', 'receipt-confirmed', '2026-10-01T10:00:00Z')], 1],
    ['met exactly at the due instant: on time', [event('a', 'receipt-confirmed', '2026-10-02T00:00:00Z')], 1],
    ['met after the due instant: missed', [event('a', 'receipt-confirmed', '2026-10-02T00:00:00.001Z')], 0],
    ['not met and past due: missed', [], 0],
  ])('receipt %s', (_name, extra, share) => {
    const events = [october('a'), ...extra];

    const quarter = only(slaMetrics(events, { now: NOW }));

    expect(quarter.receipt.metShare).toBe(share);
  });

  it('leaves deadlines not yet due out of the met share', () => {
    const events = [october('a'), october('b'), event('a', 'receipt-confirmed', '2026-10-01T02:00:00Z')];

    const quarter = only(slaMetrics(events, { now: new Date('2026-10-01T12:00:00Z') }));

    expect(quarter.receipt).toEqual({ measured: 1, medianHours: 2, p90Hours: 2, metShare: 1 });
    expect(quarter.assessment).toEqual({ measured: 0, medianHours: null, p90Hours: null, metShare: null });
  });

  it('computes the share as on time / (on time + missed)', () => {
    const events = [
      ...['a', 'b', 'c', 'd'].map(october),
      event('a', 'assessed', '2026-10-03T00:00:00Z'),
      event('b', 'assessed', '2026-10-05T00:00:00Z'),
      event('c', 'assessed', '2026-10-09T00:00:00Z'),
    ];

    const quarter = only(slaMetrics(events, { now: NOW }));

    expect(quarter.assessment.metShare).toBe(0.5);
    expect(quarter.assessment.measured).toBe(3);
    expect(quarter.assessment.medianHours).toBe(96);
    expect(quarter.assessment.p90Hours).toBe(192);
  });

  it('uses the latest deadline-set per deadline, whatever the list order', () => {
    const events = [
      october('a'),
      event('a', 'deadline-set', '2026-10-03T00:00:00Z', { deadline: 'assessment', due: Date.parse('2026-10-12T00:00:00Z') }),
      event('a', 'deadline-set', '2026-10-02T00:00:00Z', { deadline: 'assessment', due: Date.parse('2026-10-07T00:00:00Z') }),
      event('a', 'assessed', '2026-10-10T00:00:00Z'),
    ];

    const quarter = only(slaMetrics(events, { now: NOW }));

    expect(quarter.assessment.metShare).toBe(1);
  });

  it('takes the resolution deadline from deadline-set only, and a null due removes it', () => {
    const events = [
      october('a'),
      october('b'),
      event('a', 'deadline-set', '2026-10-02T00:00:00Z', { deadline: 'resolution', due: Date.parse('2026-10-31T00:00:00Z') }),
      event('b', 'deadline-set', '2026-10-02T00:00:00Z', { deadline: 'resolution', due: Date.parse('2026-10-31T00:00:00Z') }),
      event('b', 'deadline-set', '2026-10-03T00:00:00Z', { deadline: 'resolution', due: null }),
      event('a', 'resolved', '2026-10-20T00:00:00Z'),
      event('b', 'resolved', '2026-11-20T00:00:00Z'),
    ];

    const quarter = only(slaMetrics(events, { now: NOW }));

    expect(quarter.resolution).toEqual({ measured: 2, medianHours: 19 * 24, p90Hours: 50 * 24, metShare: 1 });
  });

  it('counts a report whose received event has no dues, but not in the met shares', () => {
    const events = [october('a'), received('old', '2026-10-01T00:00:00Z'), event('old', 'receipt-confirmed', '2026-10-05T00:00:00Z'), event('a', 'receipt-confirmed', '2026-10-01T01:00:00Z')];

    const quarter = only(slaMetrics(events, { now: NOW }));

    expect(quarter.reports).toBe(2);
    expect(quarter.receipt.measured).toBe(2);
    expect(quarter.receipt.metShare).toBe(1);
  });

  it('counts the first met event of each type and ignores unknown events and malformed data', () => {
    const events = [
      october('a'),
      event('a', 'receipt-confirmed', '2026-10-03T00:00:00Z'),
      event('a', 'receipt-confirmed', '2026-10-01T03:00:00Z'),
      event('a', 'labelled', '2026-10-01T01:00:00Z', { label: 'x' }),
      event('a', 'deadline-set', '2026-10-01T01:00:00Z', { deadline: 'receipt', due: 'tomorrow' }),
      event('a', 'deadline-set', '2026-10-01T01:00:00Z', { deadline: 'fix', due: 0 }),
    ];

    const quarter = only(slaMetrics(events, { now: NOW }));

    expect(quarter.receipt).toEqual({ measured: 1, medianHours: 3, p90Hours: 3, metShare: 1 });
  });

  it('skips reports without a received event', () => {
    const events = [october('a'), event('ghost', 'receipt-confirmed', '2026-10-01T01:00:00Z')];

    const quarter = only(slaMetrics(events, { now: NOW }));

    expect(quarter.reports).toBe(1);
    expect(quarter.receipt.measured).toBe(0);
  });

  it('groups by the UTC quarter of receipt, oldest first', () => {
    const events = [
      received('c', '2027-01-01T00:00:00Z'),
      received('b', '2026-12-31T23:30:00Z'),
      received('a', '2026-09-30T23:59:59.999Z'),
      received('d', '2026-10-01T00:00:00Z'),
    ];

    const metrics = slaMetrics(events, { now: NOW });

    expect(metrics.map(({ quarter, reports }) => [quarter, reports])).toEqual([
      ['2026-Q3', 1],
      ['2026-Q4', 2],
      ['2027-Q1', 1],
    ]);
  });

  it('keeps only reports received at or after since', () => {
    const events = [received('a', '2026-09-30T23:59:59.999Z'), received('b', '2026-10-01T00:00:00Z')];

    const metrics = slaMetrics(events, { now: NOW, since: new Date('2026-10-01T00:00:00Z') });

    expect(metrics.map(({ quarter, reports }) => [quarter, reports])).toEqual([['2026-Q4', 1]]);
  });

  it('is empty without events', () => {
    const metrics = slaMetrics([], { now: NOW });

    expect(metrics).toEqual([]);
  });
});

describe('formatSlaMetrics', () => {
  const none: DeadlineMetrics = { measured: 0, medianHours: null, p90Hours: null, metShare: null };

  it('says there are no reports when there are none', () => {
    const text = formatSlaMetrics('acme', []);

    expect(text.split('\n')).toContain('no reports');
    expect(text).toContain('acme');
  });

  it('prints one row per quarter with hours to one decimal and whole percentages rounded down', () => {
    const metrics: QuarterMetrics[] = [
      {
        quarter: '2026-Q4',
        reports: 12,
        receipt: { measured: 12, medianHours: 3.25, p90Hours: 20, metShare: 11 / 12 },
        assessment: { measured: 10, medianHours: 96, p90Hours: 150.04, metShare: 0.999 },
        resolution: none,
      },
      { quarter: '2027-Q1', reports: 1, receipt: none, assessment: none, resolution: { measured: 1, medianHours: 480, p90Hours: 480, metShare: 0.29 } },
    ];

    const lines = formatSlaMetrics('acme', metrics).split('\n');

    const q4 = lines.find((line) => line.startsWith('2026-Q4'))?.split(/\s+/);
    const q1 = lines.find((line) => line.startsWith('2027-Q1'))?.split(/\s+/);
    expect(q4).toEqual(['2026-Q4', '12', '3.3', '20.0', '91%', '96.0', '150.0', '99%', '-', '-', '-']);
    expect(q1).toEqual(['2027-Q1', '1', '-', '-', '-', '-', '-', '-', '480.0', '480.0', '29%']);
    expect(lines.some((line) => /receipt\s+assessment\s+resolution/.test(line))).toBe(true);
    expect(lines.some((line) => /^quarter\s+reports(\s+median\s+p90\s+met){3}$/.test(line))).toBe(true);
  });

  it('aligns the columns', () => {
    const row = (quarter: string, reports: number): QuarterMetrics => ({ quarter, reports, receipt: none, assessment: none, resolution: none });

    const lines = formatSlaMetrics('acme', [row('2026-Q4', 7), row('2027-Q1', 1234)]).split('\n').filter((line) => /^(quarter|20)/.test(line));

    expect(new Set(lines.map((line) => line.length)).size).toBe(1);
  });
});
