import { describe, expect, it } from 'vitest';
import { dueThisWeek, type OpenReportClock, quarterOf } from '../../src/clock/due-this-week.js';
import { slaMetrics } from '../../src/clock/sla-metrics.js';
import type { SlaState } from '../../src/clock/sla-state.js';
import { DASHBOARD_MARKER, type DashboardFacts, PIN_REFUSED_MARKER, PINNED_MARKER, pinStateOf, planDashboardBody } from '../../src/issue-text/plan-sla-dashboard.js';
import type { ReportEvent } from '../../src/report/report-event.js';

/** Wednesday 4 March 2026, 12:00 UTC. */
const NOW = new Date('2026-03-04T12:00:00Z');
const HOUR = 3_600_000;
const at = (hoursFromNow: number) => new Date(NOW.getTime() + hoursFromNow * HOUR);

function sla(overrides: Partial<SlaState> = {}): SlaState {
  return {
    receivedAt: at(-72),
    receiptDue: at(-48),
    assessmentDue: at(48),
    resolutionDue: null,
    receiptMetAt: at(-60),
    assessmentMetAt: null,
    resolutionMetAt: null,
    pausedAt: null,
    pausedCalendarDays: 0,
    ...overrides,
  };
}

function report(issueNumber: number, clock: Partial<SlaState>, repo = 'security-reports'): OpenReportClock {
  return { repo, issueNumber, issueUrl: `https://github.com/acme/${repo}/issues/${issueNumber}`, sla: sla(clock) };
}

function facts(overrides: Partial<DashboardFacts> = {}): DashboardFacts {
  return {
    quarter: { label: '2026-Q1', metrics: null },
    due: { overdue: [], dueSoon: [], paused: 0 },
    trackingRepo: 'security-reports',
    language: 'en',
    timeZone: 'Europe/Amsterdam',
    pin: 'unknown',
    ...overrides,
  };
}

/** Events of one report received `receivedHoursAgo` ago, its receipt confirmed after `metAfterHours` (due 24 h after receipt). */
function receivedEvents(id: string, receivedHoursAgo: number, metAfterHours: number | null): ReportEvent[] {
  const receivedAt = at(-receivedHoursAgo);
  const events: ReportEvent[] = [{ reportId: id, type: 'received', at: receivedAt, data: { channel: 'api', receiptDue: receivedAt.getTime() + 24 * HOUR, assessmentDue: receivedAt.getTime() + 120 * HOUR } }];
  if (metAfterHours !== null) events.push({ reportId: id, type: 'receipt-confirmed', at: new Date(receivedAt.getTime() + metAfterHours * HOUR) });
  return events;
}

describe('what is due this week', () => {
  it('lists overdue and due-within-7-days deadlines apart, soonest first, and leaves met and later ones out', () => {
    const reports = [
      report(3, { assessmentDue: at(100) }),
      report(1, { assessmentDue: at(-5) }),
      report(2, { assessmentDue: at(10), resolutionDue: at(24 * 8) }),
      report(4, { assessmentDue: at(20), assessmentMetAt: at(-1) }),
    ];

    const due = dueThisWeek(reports, NOW);

    expect(due.overdue.map((e) => [e.issueNumber, e.deadline])).toEqual([[1, 'assessment']]);
    expect(due.dueSoon.map((e) => [e.issueNumber, e.deadline])).toEqual([[2, 'assessment'], [3, 'assessment']]);
    expect(due.paused).toBe(0);
  });

  it('counts a paused clock instead of listing its deadlines, which will move', () => {
    const due = dueThisWeek([report(1, { assessmentDue: at(-5), pausedAt: at(-10) })], NOW);

    expect(due).toEqual({ overdue: [], dueSoon: [], paused: 1 });
  });

  it('names the quarter as npm run sla does', () => {
    expect(quarterOf(new Date('2026-12-31T23:59:59Z'))).toEqual({ label: '2026-Q4', start: new Date('2026-10-01T00:00:00Z') });
    expect(quarterOf(NOW)).toEqual({ label: '2026-Q1', start: new Date('2026-01-01T00:00:00Z') });
  });
});

describe('the SLA dashboard body', () => {
  it('shows this quarter’s figures per deadline from the same metrics as npm run sla', () => {
    const events = [...receivedEvents('a', 100, 2), ...receivedEvents('b', 90, 30), ...receivedEvents('c', 80, 4)];
    const [metrics] = slaMetrics(events, { now: NOW });

    const body = planDashboardBody(facts({ quarter: { label: '2026-Q1', metrics: metrics ?? null } }));

    expect(body).toContain('### This quarter (2026-Q1)');
    expect(body).toContain('3 reports received this quarter.');
    expect(body).toContain('| Deadline | Met | Median | p90 | Met on time |');
    expect(body).toContain('| Receipt | 3 | 4.0 h | 30.0 h | 66% |');
    expect(body).toContain('| Assessment | 0 | – | – | – |');
    expect(body).toContain('| Resolution | 0 | – | – | – |');
  });

  it('draws a Mermaid pie of met and missed per deadline that has a share, and none without one', () => {
    const events = [...receivedEvents('a', 100, 2), ...receivedEvents('b', 90, 30), ...receivedEvents('c', 80, 4)];
    const [metrics] = slaMetrics(events, { now: NOW });

    const body = planDashboardBody(facts({ quarter: { label: '2026-Q1', metrics: metrics ?? null } }));

    expect(body).toContain('```mermaid\npie title Receipt\n    "Met on time" : 66.7\n    "Missed" : 33.3\n```');
    // No assessment is due yet and no resolution target is set: nothing to draw.
    expect(body).not.toContain('pie title Assessment');
    expect(body).not.toContain('pie title Resolution');
  });

  it('says so when no report was received this quarter, with no table and no chart', () => {
    const body = planDashboardBody(facts());

    expect(body).toContain('No report received this quarter yet.');
    expect(body).not.toContain('```mermaid');
    expect(body).not.toContain('| Deadline |');
    expect(body).toContain('Nothing is overdue.');
    expect(body).toContain('Nothing is due in the next 7 days.');
  });

  it('lists what is due with issue links and the due date in the organisation’s zone and language', () => {
    const due = dueThisWeek([report(12, { assessmentDue: new Date('2026-03-06T16:59:00Z') }), report(7, { assessmentDue: at(-2) }, 'other-repo')], NOW);

    const en = planDashboardBody(facts({ due }));
    const nl = planDashboardBody(facts({ due, language: 'nl' }));

    expect(en).toContain('### Overdue now\n\n- [other-repo#7](https://github.com/acme/other-repo/issues/7): Assessment, due Wednesday 4 March 2026, 11:00 (Europe/Amsterdam)');
    expect(en).toContain('### Due in the next 7 days\n\n- [#12](https://github.com/acme/security-reports/issues/12): Assessment, due Friday 6 March 2026, 17:59 (Europe/Amsterdam)');
    expect(nl).toContain('### Verloopt binnen 7 dagen\n\n- [#12](https://github.com/acme/security-reports/issues/12): Beoordeling, uiterlijk vrijdag 6 maart 2026, 17:59 (Europe/Amsterdam)');
    expect(nl).toContain('### Nu verlopen');
  });

  it('never turns a stored URL or repository name into markup', () => {
    const due = dueThisWeek([{ repo: 'x<img src=y>', issueNumber: 1, issueUrl: 'javascript:alert(1)', sla: sla({ assessmentDue: at(1) }) }], NOW);

    const body = planDashboardBody(facts({ due }));

    expect(body).not.toContain('<img');
    expect(body).not.toContain('javascript:');
    expect(body).not.toContain('](');
  });

  it('carries its marker, and keeps whether pinning worked or was refused so the refusal is said once', () => {
    const unknown = planDashboardBody(facts());
    const pinned = planDashboardBody(facts({ pin: 'pinned' }));
    const refused = planDashboardBody(facts({ pin: 'refused' }));

    expect(unknown).toContain(DASHBOARD_MARKER);
    expect(pinStateOf(unknown)).toBe('unknown');
    expect(pinned).toContain(PINNED_MARKER);
    expect(pinStateOf(pinned)).toBe('pinned');
    expect(refused).toContain(PIN_REFUSED_MARKER);
    expect(refused).toContain('GitHub refused to pin this issue');
    expect(pinStateOf(refused)).toBe('refused');
    expect(refused.match(/GitHub refused to pin/g)).toHaveLength(1);
  });

  it('is the same text for the same facts, so an unchanged dashboard is not written', () => {
    expect(planDashboardBody(facts())).toBe(planDashboardBody(facts()));
  });

  it('counts reports waiting for the researcher', () => {
    expect(planDashboardBody(facts({ due: { overdue: [], dueSoon: [], paused: 2 } }))).toContain('2 reports wait for the researcher (clock paused): not listed.');
  });
});

describe('the SLA dashboard chart', () => {
  it('draws a single slice when every counted deadline was missed', () => {
    const [metrics] = slaMetrics([...receivedEvents('a', 100, 30), ...receivedEvents('b', 90, null)], { now: NOW });

    const body = planDashboardBody(facts({ quarter: { label: '2026-Q1', metrics: metrics ?? null } }));

    expect(body).toContain('```mermaid\npie title Receipt\n    "Missed" : 100.0\n```');
    expect(body).not.toContain('"Met on time" : 0');
  });
});
