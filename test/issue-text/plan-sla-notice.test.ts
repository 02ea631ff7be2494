import { describe, expect, it } from 'vitest';
import type { DueNotice } from '../../src/clock/sla-state.js';
import { planSlaNotice, type NoticeContext } from '../../src/issue-text/plan-sla-notice.js';

/** End of Tuesday 12 May and of Tuesday 19 May 2026 in Amsterdam (UTC+2). */
const RECEIPT_DUE = new Date('2026-05-12T21:59:59.999Z');
const ASSESSMENT_DUE = new Date('2026-05-19T21:59:59.999Z');
const RESOLUTION_DUE = new Date('2026-06-10T21:59:59.999Z');

function buildContext(overrides: Partial<NoticeContext> = {}): NoticeContext {
  return { org: 'acme', language: 'en', timeZone: 'Europe/Amsterdam', overdueTeam: null, ...overrides };
}

const RECEIPT_REMINDER: DueNotice = { deadline: 'receipt', stage: 'reminder', due: RECEIPT_DUE };
const ASSESSMENT_OVERDUE: DueNotice = { deadline: 'assessment', stage: 'overdue', due: ASSESSMENT_DUE };
const RESOLUTION_REMINDER: DueNotice = { deadline: 'resolution', stage: 'reminder', due: RESOLUTION_DUE };

describe('planSlaNotice', () => {
  it.each([
    ['en', 'receipt reminder', RECEIPT_REMINDER, 'Reminder: **Confirm receipt** is due Tuesday 12 May 2026, 23:59 (Europe/Amsterdam).'],
    ['nl', 'receipt reminder', RECEIPT_REMINDER, 'Herinnering: **Ontvangstbevestiging** moet uiterlijk dinsdag 12 mei 2026, 23:59 (Europe/Amsterdam).'],
    [
      'en',
      'assessment overdue notice',
      ASSESSMENT_OVERDUE,
      '**Overdue:** Assessment with an expected fix date was due Tuesday 19 May 2026, 23:59 (Europe/Amsterdam). The researcher was promised this.',
    ],
    [
      'nl',
      'assessment overdue notice',
      ASSESSMENT_OVERDUE,
      '**Termijn verstreken:** Beoordeling met verwachte datum voor een oplossing moest uiterlijk dinsdag 19 mei 2026, 23:59 (Europe/Amsterdam). Dit is de melder toegezegd.',
    ],
    ['en', 'resolution reminder', RESOLUTION_REMINDER, 'Reminder: **Resolution target** is due Wednesday 10 June 2026, 23:59 (Europe/Amsterdam).'],
    ['nl', 'resolution reminder', RESOLUTION_REMINDER, 'Herinnering: **Streefdatum oplossing** moet uiterlijk woensdag 10 juni 2026, 23:59 (Europe/Amsterdam).'],
  ] as const)('writes the %s %s', (language, _name, notice, expected) => {
    const ctx = buildContext({ language });

    const comment = planSlaNotice(ctx, [notice]);

    expect(comment).toBe(expected);
  });

  it('writes one line per notice, in the order given', () => {
    const ctx = buildContext();

    const comment = planSlaNotice(ctx, [RECEIPT_REMINDER, ASSESSMENT_OVERDUE, RESOLUTION_REMINDER]);

    const lines = comment.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^Reminder: \*\*Confirm receipt\*\*/);
    expect(lines[1]).toMatch(/^\*\*Overdue:\*\* Assessment/);
    expect(lines[2]).toMatch(/^Reminder: \*\*Resolution target\*\*/);
  });

  it('shows the due time in the time zone of the context', () => {
    const ctx = buildContext({ timeZone: 'America/New_York' });

    const comment = planSlaNotice(ctx, [RECEIPT_REMINDER]);

    expect(comment).toBe('Reminder: **Confirm receipt** is due Tuesday 12 May 2026, 17:59 (America/New_York).');
  });

  it.each([
    ['an overdue notice with a team', [ASSESSMENT_OVERDUE], 'security-team', '@acme/security-team **Overdue:** '],
    ['an overdue and a reminder notice with a team', [RECEIPT_REMINDER, ASSESSMENT_OVERDUE], 'security-team', '@acme/security-team Reminder: '],
  ] as const)('mentions the configured team once, first, for %s', (_name, notices, team, start) => {
    const ctx = buildContext({ overdueTeam: team });

    const comment = planSlaNotice(ctx, notices);

    expect(comment.startsWith(start)).toBe(true);
    expect(comment.match(/@/g)).toHaveLength(1);
  });

  it.each([
    ['an overdue notice without a team', [ASSESSMENT_OVERDUE], null],
    ['a reminder with a team', [RECEIPT_REMINDER], 'security-team'],
    ['two reminders with a team', [RECEIPT_REMINDER, RESOLUTION_REMINDER], 'security-team'],
  ] as const)('mentions nobody for %s', (_name, notices, team) => {
    const ctx = buildContext({ overdueTeam: team });

    const comment = planSlaNotice(ctx, notices);

    expect(comment).not.toContain('@');
  });

  it('mentions the team in Dutch notices too', () => {
    const ctx = buildContext({ language: 'nl', overdueTeam: 'security-team' });

    const comment = planSlaNotice(ctx, [ASSESSMENT_OVERDUE]);

    expect(comment.startsWith('@acme/security-team **Termijn verstreken:** ')).toBe(true);
  });
});
