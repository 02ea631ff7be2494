import { describe, expect, it } from 'vitest';
import { businessCalendar } from '../../src/clock/holiday-calendar.js';
import type { SlaState } from '../../src/clock/sla-state.js';
import { parseConfig } from '../../src/config/parse-config.js';
import type { DisclosureConfig } from '../../src/config/schema.js';
import type { TriageFields } from '../../src/store/triage-records.js';
import { initialSla } from '../../src/issue-text/plan-deadlines.js';
import { applyCommand, type CommandContext, type CommandResult } from '../../src/triage/apply-command.js';
import type { Command } from '../../src/triage/command.js';
import { parseCommands } from '../../src/triage/parse-commands.js';

/*
 * A report received on Monday 11 May 2026, 09:00 in Amsterdam (NL holidays): receipt is
 * due at the end of Tuesday 12 May, the assessment (5 business days, Ascension on
 * Thursday 14 May skipped) at the end of Tuesday 19 May. Amsterdam is UTC+2 in May, so
 * the end of a local day is 21:59:59.999Z.
 */
const RECEIVED = new Date('2026-05-11T07:00:00Z');
const RECEIPT_DUE = new Date('2026-05-12T21:59:59.999Z');
const ASSESSMENT_DUE = new Date('2026-05-19T21:59:59.999Z');
/** Tuesday 12 May 2026, 12:00 in Amsterdam. */
const NOW = new Date('2026-05-12T10:00:00Z');
const ISSUE = 7;

const CONFIG = buildConfig();

function buildConfig(raw: Record<string, unknown> = {}): DisclosureConfig {
  const parsed = parseConfig({
    sla: { time_zone: 'Europe/Amsterdam', country: 'NL' },
    scope: {
      out_of_scope: [
        { id: 'dos', en: '(Distributed) denial of service', nl: '(Distributed) denial of service' },
        { id: 'physical', en: 'Physical attacks' },
      ],
    },
    known_issues: [
      { id: 'legacy-tls', title: 'TLS 1.0 on the old mail host', keywords: ['tls 1.0'] },
      { id: 'self-xss', title: 'Self-XSS in the profile page', keywords: ['self-xss'] },
    ],
    ...raw,
  });
  if (!parsed.ok) throw new Error(`test config must parse: ${JSON.stringify(parsed.problems)}`);
  return parsed.config;
}

function buildSla(overrides: Partial<SlaState> = {}): SlaState {
  return { ...initialSla(RECEIVED, RECEIPT_DUE, ASSESSMENT_DUE), ...overrides };
}

/** A new report, nothing confirmed yet. */
function buildFields(overrides: Partial<TriageFields> = {}, sla: Partial<SlaState> = {}): TriageFields {
  return {
    status: 'new',
    severity: null,
    cvssVector: null,
    sla: buildSla(sla),
    fixBy: null,
    acceptedRepository: null,
    closedAt: null,
    nextCheckAt: null,
    cweIds: [],
    packages: [],
    reward: null,
    ...overrides,
  };
}

/** A report whose receipt was already confirmed, so a command's own deadline changes show. */
function receivedFields(overrides: Partial<TriageFields> = {}, sla: Partial<SlaState> = {}): TriageFields {
  return buildFields(overrides, { receiptMetAt: new Date('2026-05-11T10:00:00Z'), ...sla });
}

function context(overrides: Partial<CommandContext> = {}): CommandContext {
  const config = overrides.config ?? CONFIG;
  return { config, calendar: businessCalendar(config.sla), now: NOW, issueNumber: ISSUE, ...overrides };
}

function command(text: string): Command {
  const [line] = parseCommands(text);
  if (line === undefined || !line.ok) throw new Error(`test command must parse: ${text}`);
  return line.command;
}

function applied(result: CommandResult): Extract<CommandResult, { ok: true }> {
  if (!result.ok) throw new Error(`command was refused: ${result.error}`);
  return result;
}

function refused(result: CommandResult): Extract<CommandResult, { ok: false }> {
  if (result.ok) throw new Error('command was applied');
  return result;
}

function eventTypes(result: Extract<CommandResult, { ok: true }>): string[] {
  return result.events.map((event) => event.type);
}

function run(text: string, fields: TriageFields = receivedFields(), ctx: Partial<CommandContext> = {}): Extract<CommandResult, { ok: true }> {
  return applied(applyCommand(fields, command(text), context(ctx)));
}

const CLOSED_NOT_PLANNED = { state: 'closed', reason: 'not_planned' } as const;

describe('applyCommand: what each command changes', () => {
  it.each([
    ['/severity high', 'triaged', ['severity:high'], [], null, true],
    ['/scope in', 'triaged', [], ['scope:unclear'], null, false],
    ['/scope out dos', 'rejected', [], ['scope:unclear'], CLOSED_NOT_PLANNED, true],
    ['/duplicate #3', 'duplicate', [], [], { state: 'closed', reason: 'duplicate' }, true],
    ['/known legacy-tls', 'known', [], [], CLOSED_NOT_PLANNED, true],
    ['/needs-info Which URL did you test?', 'new', ['sla:paused'], [], null, true],
    ['/accept', 'accepted', [], [], null, false],
    ['/reject Needs a logged-in victim who pastes the payload.', 'rejected', [], [], CLOSED_NOT_PLANNED, true],
    ['/fix-by 2026-06-30', 'triaged', [], [], null, true],
    ['/cwe CWE-79', 'new', [], [], null, false],
    ['/package npm lodash', 'new', [], [], null, false],
    ['/reward 500 EUR', 'new', [], [], null, false],
  ] as const)('%s on a new report sets status %s, labels, issue state and deadlinesChanged', (text, status, add, remove, issueState, deadlinesChanged) => {
    const fields = receivedFields();

    const result = run(text, fields);

    expect(result.fields.status).toBe(status);
    expect(result.addLabels).toEqual(add);
    expect(result.removeLabels).toEqual(remove);
    expect(result.issueState).toEqual(issueState);
    expect(result.deadlinesChanged).toBe(deadlinesChanged);
  });

  it.each([
    [
      '/severity high',
      [
        { type: 'severity-set', data: { severity: 'high', vector: null, score: null } },
        { type: 'deadline-set', data: { deadline: 'resolution', due: Date.parse('2026-07-10T21:59:59.999Z') } },
      ],
      null,
      { kind: 'severity', params: { severity: 'high', score: '', vector: '' } },
    ],
    ['/scope in', [{ type: 'scope-in' }], null, { kind: 'scope-in', params: {} }],
    [
      '/scope out dos',
      [{ type: 'assessed' }, { type: 'scope-out', data: { category: 'dos' } }],
      { kind: 'out-of-scope', params: { category: 'dos' } },
      { kind: 'scope-out', params: { category: 'dos' } },
    ],
    [
      '/duplicate #3',
      [{ type: 'assessed' }, { type: 'duplicate', data: { of: 3 } }],
      { kind: 'duplicate', params: {} },
      { kind: 'duplicate', params: { of: '3' } },
    ],
    [
      '/known legacy-tls',
      [{ type: 'assessed' }, { type: 'known', data: { id: 'legacy-tls' } }],
      { kind: 'known', params: { id: 'legacy-tls' } },
      { kind: 'known', params: { id: 'legacy-tls', title: 'TLS 1.0 on the old mail host' } },
    ],
    [
      '/needs-info Which URL did you test?',
      [{ type: 'paused' }],
      { kind: 'needs-info', params: { question: 'Which URL did you test?' } },
      { kind: 'needs-info', params: {} },
    ],
    ['/accept', [{ type: 'accepted', data: { repository: null } }], { kind: 'accepted', params: {} }, { kind: 'accepted', params: { repository: '', reward: '' } }],
    [
      '/accept acme/widget',
      [{ type: 'accepted', data: { repository: 'acme/widget' } }],
      { kind: 'accepted', params: {} },
      { kind: 'accepted', params: { repository: 'acme/widget', reward: '' } },
    ],
    ['/cwe CWE-79', [{ type: 'cwe', data: { ids: 'CWE-79' } }], null, { kind: 'cwe', params: { ids: 'CWE-79' } }],
    [
      '/package npm lodash vulnerable < 4.17.21 patched 4.17.21',
      [{ type: 'package', data: { ecosystem: 'npm', name: 'lodash' } }],
      null,
      { kind: 'package', params: { ecosystem: 'npm', name: 'lodash', vulnerable: '< 4.17.21', patched: '4.17.21' } },
    ],
    [
      '/reward 1500,50 eur Thorough write-up.',
      [{ type: 'reward', data: { amount: 1500.5, currency: 'EUR' } }],
      null,
      { kind: 'reward', params: { amount: 'EUR 1,500.50' } },
    ],
    [
      '/reject Needs a logged-in victim who pastes the payload.',
      [{ type: 'assessed' }, { type: 'rejected' }],
      { kind: 'rejected', params: { reason: 'Needs a logged-in victim who pastes the payload.' } },
      { kind: 'rejected', params: {} },
    ],
    [
      '/fix-by 2026-06-30',
      [{ type: 'assessed' }, { type: 'fix-by', data: { date: '2026-06-30' } }],
      { kind: 'assessment', params: { date: '2026-06-30' } },
      { kind: 'fix-by', params: { date: '2026-06-30' } },
    ],
  ])('%s records its events, plans its researcher message and confirms', (text, events, message, confirmation) => {
    const fields = receivedFields();

    const result = run(text, fields);

    expect(result.events).toEqual(events);
    expect(result.message).toEqual(message);
    expect(result.confirmation).toEqual(confirmation);
  });

  it('leaves the input fields untouched', () => {
    const fields = buildFields();
    const before = structuredClone(fields);

    run('/reject Not a vulnerability.', fields);

    expect(fields).toEqual(before);
  });
});

describe('applyCommand: receipt is confirmed by the first command', () => {
  it.each([
    '/severity high',
    '/scope in',
    '/scope out dos',
    '/duplicate #3',
    '/known legacy-tls',
    '/needs-info Which URL?',
    '/accept acme/widget',
    '/reject Not a vulnerability.',
    '/fix-by 2026-06-30',
    '/resolved',
    '/cwe CWE-79',
    '/package npm lodash',
    '/reward 500 EUR',
  ])('%s as the first command confirms receipt now, with one receipt-confirmed event first', (text) => {
    const fields = buildFields();

    const result = run(text, fields);

    expect(result.fields.sla.receiptMetAt).toEqual(NOW);
    expect(eventTypes(result)[0]).toBe('receipt-confirmed');
    expect(eventTypes(result).filter((type) => type === 'receipt-confirmed')).toHaveLength(1);
    expect(result.deadlinesChanged).toBe(true);
  });

  it('does not confirm receipt again on a later command, and keeps the first time', () => {
    const first = run('/scope in', buildFields());
    const later = new Date('2026-05-13T08:00:00Z');

    const second = run('/accept', first.fields, { now: later });

    expect(eventTypes(first)).toEqual(['receipt-confirmed', 'scope-in']);
    expect(eventTypes(second)).toEqual(['accepted']);
    expect(second.fields.sla.receiptMetAt).toEqual(NOW);
    expect(second.deadlinesChanged).toBe(false);
  });

  it('does not confirm receipt with a refused command', () => {
    const fields = buildFields();

    const result = applyCommand(fields, command('/duplicate #7'), context());

    expect(result.ok).toBe(false);
    expect(fields.sla.receiptMetAt).toBeNull();
  });
});

describe('applyCommand: the assessment promise', () => {
  it.each(['/fix-by 2026-06-30', '/reject Not a vulnerability.', '/duplicate #3', '/known self-xss', '/scope out physical'])(
    '%s meets the assessment now, with one assessed event',
    (text) => {
      const fields = receivedFields();

      const result = run(text, fields);

      expect(result.fields.sla.assessmentMetAt).toEqual(NOW);
      expect(eventTypes(result).filter((type) => type === 'assessed')).toHaveLength(1);
    },
  );

  it.each(['/severity critical', '/scope in', '/needs-info Which URL?', '/accept', '/resolved', '/cwe CWE-79', '/package npm lodash', '/reward 500 EUR'])(
    '%s does not meet the assessment',
    (text) => {
      const fields = receivedFields();

      const result = run(text, fields);

      expect(result.fields.sla.assessmentMetAt).toBeNull();
      expect(eventTypes(result)).not.toContain('assessed');
    },
  );

  it('keeps the first assessment time: /reject after /fix-by records no second assessed event', () => {
    const first = run('/fix-by 2026-06-30', receivedFields());
    const later = new Date('2026-05-20T08:00:00Z');

    const second = run('/reject Turned out not to be exploitable.', first.fields, { now: later });

    expect(second.fields.sla.assessmentMetAt).toEqual(NOW);
    expect(eventTypes(second)).toEqual(['rejected']);
  });
});

describe('applyCommand: /severity', () => {
  it.each([
    ['a CVSS 3.1 vector scored critical', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'critical', 9.8, '2026-06-10T21:59:59.999Z'],
    ['a CVSS 3.1 vector scored high', 'CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', 'high', 8.8, '2026-07-10T21:59:59.999Z'],
    ['a CVSS 3.1 vector scored medium', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', 'medium', 6.1, '2026-08-09T21:59:59.999Z'],
    ['a CVSS 3.1 vector scored low', 'CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N', 'low', 3.1, '2026-09-08T21:59:59.999Z'],
    ['the level critical (30 calendar days)', 'critical', 'critical', null, '2026-06-10T21:59:59.999Z'],
    ['the level low (120 calendar days)', 'low', 'low', null, '2026-09-08T21:59:59.999Z'],
  ] as const)('with %s sets the severity and the resolution target at the end of that local day', (_name, rating, severity, score, due) => {
    const fields = receivedFields();

    const result = run(`/severity ${rating}`, fields);

    expect(result.fields.severity).toBe(severity);
    expect(result.fields.cvssVector).toBe(score === null ? null : rating);
    expect(result.fields.sla.resolutionDue?.toISOString()).toBe(due);
    expect(result.events).toEqual([
      { type: 'severity-set', data: { severity, vector: score === null ? null : rating, score } },
      { type: 'deadline-set', data: { deadline: 'resolution', due: Date.parse(due) } },
    ]);
    expect(result.confirmation).toEqual({
      kind: 'severity',
      params: { severity, score: score === null ? '' : score.toFixed(1), vector: score === null ? '' : rating },
    });
    expect(result.deadlinesChanged).toBe(true);
  });

  it('takes the resolution days from config.sla.resolution_days', () => {
    const config = buildConfig({ sla: { time_zone: 'Europe/Amsterdam', country: 'NL', resolution_days: { critical: 7 } } });

    const result = run('/severity critical', receivedFields(), { config, calendar: businessCalendar(config.sla) });

    expect(result.fields.sla.resolutionDue?.toISOString()).toBe('2026-05-18T21:59:59.999Z');
  });

  it("counts from the local day of receipt: 22:30 UTC on Monday is Tuesday in Amsterdam", () => {
    const fields = receivedFields({}, { receivedAt: new Date('2026-05-11T22:30:00Z') });

    const result = run('/severity critical', fields);

    expect(result.fields.sla.resolutionDue?.toISOString()).toBe('2026-06-11T21:59:59.999Z');
  });

  it('counts it in the config time zone, not in UTC', () => {
    const config = buildConfig({ sla: { time_zone: 'America/New_York' } });

    const result = run('/severity critical', receivedFields(), { config, calendar: businessCalendar(config.sla) });

    expect(result.fields.sla.resolutionDue?.toISOString()).toBe('2026-06-11T03:59:59.999Z');
  });

  it('shifts a resolution target set after a pause by the calendar days paused so far', () => {
    const fields = receivedFields({}, { pausedCalendarDays: 5 });

    const result = run('/severity critical', fields);

    expect(result.fields.sla.resolutionDue?.toISOString()).toBe('2026-06-15T21:59:59.999Z');
  });

  it('sets no resolution target for severity none', () => {
    const fields = receivedFields();

    const result = run('/severity none', fields);

    expect(result.fields.severity).toBe('none');
    expect(result.fields.sla.resolutionDue).toBeNull();
    expect(eventTypes(result)).toEqual(['severity-set']);
    expect(result.deadlinesChanged).toBe(false);
  });

  it('removes the old severity label when the severity changes', () => {
    const fields = receivedFields({ status: 'triaged', severity: 'high' }, { resolutionDue: new Date('2026-07-10T21:59:59.999Z') });

    const result = run('/severity critical', fields);

    expect(result.addLabels).toEqual(['severity:critical']);
    expect(result.removeLabels).toEqual(['severity:high']);
    expect(result.fields.sla.resolutionDue?.toISOString()).toBe('2026-06-10T21:59:59.999Z');
  });

  it('removes no label when the severity stays the same, and reports no deadline change', () => {
    const fields = receivedFields({ status: 'triaged', severity: 'high' }, { resolutionDue: new Date('2026-07-10T21:59:59.999Z') });

    const result = run('/severity high', fields);

    expect(result.addLabels).toEqual(['severity:high']);
    expect(result.removeLabels).toEqual([]);
    expect(eventTypes(result)).toEqual(['severity-set']);
    expect(result.deadlinesChanged).toBe(false);
  });

  it.each([
    ['each_new_report', null, { rewardDue: 'yes' }],
    ['each_new_report', { amount: 500, currency: 'EUR', note: null }, {}],
    ['discretionary', null, {}],
  ] as const)('with rewards.offered %s and reward %j, /resolved confirms with %j (a promised reward not yet recorded is named)', (offered, reward, params) => {
    const config = buildConfig({ rewards: { offered } });

    const result = run('/resolved', receivedFields({ status: 'accepted', severity: 'high', reward }), { config });

    expect(result.confirmation).toEqual({ kind: 'resolved', params });
  });

  it('keeps a met resolution target where it was', () => {
    const resolutionDue = new Date('2026-07-10T21:59:59.999Z');
    const fields = receivedFields({ status: 'resolved', severity: 'high' }, { resolutionDue, resolutionMetAt: new Date('2026-05-12T08:00:00Z') });

    const result = run('/severity critical', fields);

    expect(result.fields.sla.resolutionDue).toEqual(resolutionDue);
    expect(result.fields.status).toBe('resolved');
    expect(eventTypes(result)).toEqual(['severity-set']);
  });

  it('records the removed resolution target (due null) when the severity drops to none', () => {
    const fields = receivedFields({ status: 'triaged', severity: 'high' }, { resolutionDue: new Date('2026-07-10T21:59:59.999Z') });

    const result = run('/severity none', fields);

    expect(result.fields.sla.resolutionDue).toBeNull();
    expect(result.deadlinesChanged).toBe(true);
    expect(result.events).toContainEqual({ type: 'deadline-set', data: { deadline: 'resolution', due: null } });
  });

  it.each([
    ['an unknown value', 'CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'unknown value "X" for metric AV'],
    ['a missing metric', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H', 'missing metric A'],
    ['an unknown metric', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/ZZ:1', 'unknown metric ZZ'],
  ])('refuses a vector with %s, naming the metric', (_name, vector, error) => {
    const fields = receivedFields();

    const result = refused(applyCommand(fields, command(`/severity ${vector}`), context()));

    expect(result.error).toBe(error);
    expect(result.usage).toBe('usage: /severity <none|low|medium|high|critical|CVSS:vector>');
  });
});

describe('applyCommand: /scope', () => {
  it('refuses an unknown out-of-scope category and lists the configured ids in the usage', () => {
    const fields = receivedFields();

    const result = refused(applyCommand(fields, command('/scope out spam'), context()));

    expect(result.error).toBe('unknown out-of-scope category "spam"');
    expect(result.usage).toBe('usage: /scope out <dos|physical>');
  });

  it('/scope in advances a new report to triaged and leaves an open one open', () => {
    const fields = receivedFields();

    const result = run('/scope in', fields);

    expect(result.fields.status).toBe('triaged');
    expect(result.issueState).toBeNull();
  });

  it('/scope in keeps a later status such as accepted', () => {
    const fields = receivedFields({ status: 'accepted' });

    const result = run('/scope in', fields);

    expect(result.fields.status).toBe('accepted');
  });

  it('/scope out closes as not planned and stamps closedAt', () => {
    const fields = receivedFields();

    const result = run('/scope out dos', fields);

    expect(result.fields.closedAt).toEqual(NOW);
    expect(result.issueState).toEqual(CLOSED_NOT_PLANNED);
  });

  it('/scope in after /scope out reopens the report and moves it back to triaged', () => {
    const out = run('/scope out dos', receivedFields());

    const back = run('/scope in', out.fields, { now: new Date('2026-05-13T08:00:00Z') });

    expect(back.issueState).toEqual({ state: 'open' });
    expect(back.fields.closedAt).toBeNull();
    expect(back.fields.status).toBe('triaged');
  });
});

describe('applyCommand: /duplicate and /known', () => {
  it('refuses a report that duplicates its own issue', () => {
    const fields = receivedFields();

    const result = refused(applyCommand(fields, command(`/duplicate #${ISSUE}`), context()));

    expect(result.error).toBe('a report cannot duplicate itself');
    expect(result.usage).toBe('usage: /duplicate #<issue-number>');
  });

  it('refuses an unknown known-issue id and lists the configured ids', () => {
    const fields = receivedFields();

    const result = refused(applyCommand(fields, command('/known old-tls'), context()));

    expect(result.error).toBe('unknown known issue "old-tls"');
    expect(result.usage).toBe('usage: /known <legacy-tls|self-xss>');
  });

  it('says that no known issues are configured when there are none', () => {
    const config = buildConfig({ known_issues: [] });

    const result = refused(applyCommand(receivedFields(), command('/known legacy-tls'), context({ config })));

    expect(result.error).toBe('unknown known issue "legacy-tls"');
    expect(result.usage).toBe('no known issues are configured (known_issues in .github/disclosure.yml)');
  });
});

describe('applyCommand: /needs-info and /info-received', () => {
  it('/needs-info pauses the clock now and sets sla:paused', () => {
    const fields = receivedFields();

    const result = run('/needs-info Which URL?', fields);

    expect(result.fields.sla.pausedAt).toEqual(NOW);
    expect(result.addLabels).toEqual(['sla:paused']);
    expect(eventTypes(result)).toEqual(['paused']);
    expect(result.deadlinesChanged).toBe(true);
  });

  it('a second /needs-info keeps the first pause time and records no second pause', () => {
    const first = run('/needs-info Which URL?', receivedFields());
    const later = new Date('2026-05-14T09:00:00Z');

    const second = run('/needs-info And which browser?', first.fields, { now: later });

    expect(second.fields.sla.pausedAt).toEqual(NOW);
    expect(second.events).toEqual([]);
    expect(second.deadlinesChanged).toBe(false);
    expect(second.confirmation).toEqual({ kind: 'needs-info-again', params: {} });
    expect(second.message).toEqual({ kind: 'needs-info', params: { question: 'And which browser?' } });
  });

  it('/info-received on a running clock is refused', () => {
    const fields = receivedFields();

    const result = refused(applyCommand(fields, command('/info-received'), context()));

    expect(result.error).toBe('the clock is not paused');
    expect(result.usage).toBe('usage: /info-received (after /needs-info)');
  });

  /*
   * Paused on Wednesday 13 May 2026 and resumed on Monday 18 May, in NL. The pause covers
   * the local days 13 to 17 May: Wednesday 13 (business day), Thursday 14 (Ascension, a
   * public holiday), Friday 15 (business day), Saturday 16 and Sunday 17. That is 2
   * business days and 5 calendar days.
   */
  const PAUSED_AT = new Date('2026-05-13T10:00:00Z');
  const RESUMED_AT = new Date('2026-05-18T08:00:00Z');
  const RESOLUTION_DUE = new Date('2026-06-10T21:59:59.999Z');

  function pausedFields(sla: Partial<SlaState> = {}): TriageFields {
    return receivedFields({ status: 'triaged', severity: 'critical' }, { pausedAt: PAUSED_AT, resolutionDue: RESOLUTION_DUE, ...sla });
  }

  it('shifts the open assessment by the 2 business days paused and the resolution by 5 calendar days', () => {
    const fields = pausedFields();

    const result = run('/info-received', fields, { now: RESUMED_AT });

    // Tuesday 19 May + 2 business days = Thursday 21 May.
    expect(result.fields.sla.assessmentDue?.toISOString()).toBe('2026-05-21T21:59:59.999Z');
    expect(result.fields.sla.resolutionDue?.toISOString()).toBe('2026-06-15T21:59:59.999Z');
    expect(result.fields.sla.pausedAt).toBeNull();
    expect(result.fields.sla.pausedCalendarDays).toBe(5);
    expect(result.removeLabels).toEqual(['sla:paused']);
    expect(result.deadlinesChanged).toBe(true);
    expect(result.message).toEqual({ kind: 'info-received', params: {} });
    expect(result.confirmation).toEqual({ kind: 'info-received', params: {} });
  });

  it('records resumed and a deadline-set event for each shifted deadline', () => {
    const fields = pausedFields();

    const result = run('/info-received', fields, { now: RESUMED_AT });

    expect(result.events).toEqual([
      { type: 'resumed' },
      { type: 'deadline-set', data: { deadline: 'assessment', due: Date.parse('2026-05-21T21:59:59.999Z') } },
      { type: 'deadline-set', data: { deadline: 'resolution', due: Date.parse('2026-06-15T21:59:59.999Z') } },
    ]);
  });

  it('does not move met deadlines', () => {
    const fields = pausedFields({ assessmentMetAt: new Date('2026-05-12T12:00:00Z') });

    const result = run('/info-received', fields, { now: RESUMED_AT });

    expect(result.fields.sla.receiptDue).toEqual(RECEIPT_DUE);
    expect(result.fields.sla.assessmentDue).toEqual(ASSESSMENT_DUE);
    expect(result.events).toEqual([
      { type: 'resumed' },
      { type: 'deadline-set', data: { deadline: 'resolution', due: Date.parse('2026-06-15T21:59:59.999Z') } },
    ]);
  });

  it('moves nothing when paused and resumed on the same local day', () => {
    const fields = pausedFields();

    const result = run('/info-received', fields, { now: new Date('2026-05-13T20:00:00Z') });

    expect(result.fields.sla.assessmentDue).toEqual(ASSESSMENT_DUE);
    expect(result.fields.sla.resolutionDue).toEqual(RESOLUTION_DUE);
    expect(eventTypes(result)).toEqual(['resumed']);
  });
});

describe('applyCommand: /fix-by', () => {
  /** 22:30 UTC on Wednesday 13 May is already 00:30 on Thursday 14 May in Amsterdam. */
  const LATE = new Date('2026-05-13T22:30:00Z');

  it('refuses a date before today in the config time zone (the UTC date is still 13 May)', () => {
    const fields = receivedFields();

    const result = refused(applyCommand(fields, command('/fix-by 2026-05-13'), context({ now: LATE })));

    expect(result.error).toBe('2026-05-13 is in the past');
    expect(result.usage).toBe('usage: /fix-by YYYY-MM-DD (today or later)');
  });

  it.each(['2026-05-14', '2026-05-15', '2027-01-01'])('accepts %s (today or later in Amsterdam)', (date) => {
    const fields = receivedFields();

    const result = run(`/fix-by ${date}`, fields, { now: LATE });

    expect(result.fields.fixBy).toBe(date);
    expect(result.fields.sla.assessmentMetAt).toEqual(LATE);
  });
});

describe('applyCommand: /accept', () => {
  it('/accept owner/repo on a closed (rejected) report reopens it as accepted', () => {
    const closedAt = new Date('2026-05-12T08:00:00Z');
    const fields = receivedFields({ status: 'rejected', closedAt }, { assessmentMetAt: closedAt });

    const result = run('/accept acme/widget', fields);

    expect(result.fields.status).toBe('accepted');
    expect(result.fields.acceptedRepository).toBe('acme/widget');
    expect(result.fields.closedAt).toBeNull();
    expect(result.issueState).toEqual({ state: 'open' });
    expect(result.events).toEqual([{ type: 'accepted', data: { repository: 'acme/widget' } }]);
    expect(result.confirmation).toEqual({ kind: 'accepted', params: { repository: 'acme/widget', reward: '' } });
  });

  it('/accept without a repository keeps the one named earlier and opens no advisory', () => {
    const fields = receivedFields({ status: 'accepted', acceptedRepository: 'acme/widget' });

    const result = run('/accept', fields);

    expect(result.fields.acceptedRepository).toBe('acme/widget');
    expect(result.issueState).toBeNull();
    expect(result.openAdvisory).toBeNull();
    expect(result.updateAdvisory).toBe(false);
  });

  it('/accept owner/repo asks for a draft advisory in that repository', () => {
    const fields = receivedFields({ status: 'triaged' });

    const result = run('/accept Acme-Corp/widget.js', fields);

    expect(result.openAdvisory).toEqual({ owner: 'Acme-Corp', repo: 'widget.js' });
    expect(result.updateAdvisory).toBe(false);
    expect(result.fields.acceptedRepository).toBe('Acme-Corp/widget.js');
  });

  describe('the suggested reward', () => {
    const REWARDS = { currency: 'EUR', by_severity: { high: { min: 500, max: 2000 } } };

    it('suggests the configured range for a high-severity report', () => {
      const config = buildConfig({ rewards: REWARDS });
      const fields = receivedFields({ status: 'triaged', severity: 'high' });

      const result = run('/accept acme/widget', fields, { config });

      expect(result.confirmation).toEqual({ kind: 'accepted', params: { repository: 'acme/widget', reward: 'EUR 500 \u2013 EUR 2,000' } });
    });

    it('writes the range with Dutch separators when the tracking language is Dutch', () => {
      const config = buildConfig({ rewards: REWARDS, tracking: { language: 'nl' } });
      const fields = receivedFields({ status: 'triaged', severity: 'high' });

      const result = run('/accept', fields, { config });

      expect(result.confirmation).toEqual({ kind: 'accepted', params: { repository: '', reward: 'EUR 500 \u2013 EUR 2.000' } });
    });

    it('suggests nothing for a high-severity report without a rewards config', () => {
      const fields = receivedFields({ status: 'triaged', severity: 'high' });

      const result = run('/accept acme/widget', fields);

      expect(result.confirmation).toEqual({ kind: 'accepted', params: { repository: 'acme/widget', reward: '' } });
    });

    it.each([
      ['no severity yet', null],
      ['severity none', 'none'],
      ['a severity without a configured range', 'low'],
    ] as const)('suggests nothing for a report with %s', (_case, severity) => {
      const config = buildConfig({ rewards: REWARDS });
      const fields = receivedFields({ status: 'triaged', severity });

      const result = run('/accept acme/widget', fields, { config });

      expect(result.confirmation).toEqual({ kind: 'accepted', params: { repository: 'acme/widget', reward: '' } });
    });

    it('leaves the reward decision to /reward: /accept records no reward', () => {
      const config = buildConfig({ rewards: REWARDS });
      const fields = receivedFields({ status: 'triaged', severity: 'high' });

      const result = run('/accept acme/widget', fields, { config });

      expect(result.fields.reward).toBeNull();
    });
  });
});

describe('applyCommand: /advisory', () => {
  it.each(['accepted', 'resolved'] as const)('on an %s report asks for a draft advisory in the named repository', (status) => {
    const fields = receivedFields({ status, acceptedRepository: 'acme/old' });

    const result = run('/advisory acme/widget', fields);

    expect(result.fields).toEqual({ ...fields, acceptedRepository: 'acme/widget' });
    expect(result.openAdvisory).toEqual({ owner: 'acme', repo: 'widget' });
    expect(result.updateAdvisory).toBe(false);
    expect(result.events).toEqual([{ type: 'advisory-requested', data: { repository: 'acme/widget' } }]);
    expect(result.confirmation).toEqual({ kind: 'advisory', params: { repository: 'acme/widget' } });
    expect(result.message).toBeNull();
    expect(result.issueState).toBeNull();
    expect(result.addLabels).toEqual([]);
    expect(result.removeLabels).toEqual([]);
    expect(result.deadlinesChanged).toBe(false);
  });

  it.each(['new', 'triaged', 'rejected', 'duplicate', 'known'] as const)('is refused on a %s report: accept it first', (status) => {
    const fields = receivedFields({ status });

    const result = refused(applyCommand(fields, command('/advisory acme/widget'), context()));

    expect(result).toEqual({ ok: false, error: 'accept the report first', usage: 'usage: /accept owner/repo, or /accept then /advisory owner/repo' });
  });
});

describe('applyCommand: /cwe', () => {
  it('adds the ids to those already recorded, once each, and asks to update the advisory', () => {
    const fields = receivedFields({ status: 'accepted', cweIds: ['CWE-79'] });

    const result = run('/cwe CWE-89, cwe-79 CWE-352', fields);

    expect(result.fields.cweIds).toEqual(['CWE-79', 'CWE-89', 'CWE-352']);
    expect(result.updateAdvisory).toBe(true);
    expect(result.openAdvisory).toBeNull();
    expect(result.events).toEqual([{ type: 'cwe', data: { ids: 'CWE-89 CWE-79 CWE-352' } }]);
    expect(result.confirmation).toEqual({ kind: 'cwe', params: { ids: 'CWE-79, CWE-89, CWE-352' } });
    expect(result.message).toBeNull();
    expect(result.fields.status).toBe('accepted');
  });

  it('records the ids on a report that has none yet', () => {
    const fields = receivedFields();

    const result = run('/cwe CWE-22', fields);

    expect(result.fields.cweIds).toEqual(['CWE-22']);
    expect(result.fields.status).toBe('new');
  });
});

describe('applyCommand: /package', () => {
  const LODASH = { ecosystem: 'npm', name: 'lodash', vulnerableRange: '< 4.17.21', patchedVersions: '4.17.21' } as const;

  it('adds an affected package and asks to update the advisory', () => {
    const fields = receivedFields({ status: 'accepted', packages: [LODASH] });

    const result = run('/package pip django vulnerable >= 4.0, < 4.2.1', fields);

    expect(result.fields.packages).toEqual([LODASH, { ecosystem: 'pip', name: 'django', vulnerableRange: '>= 4.0, < 4.2.1', patchedVersions: null }]);
    expect(result.updateAdvisory).toBe(true);
    expect(result.openAdvisory).toBeNull();
    expect(result.events).toEqual([{ type: 'package', data: { ecosystem: 'pip', name: 'django' } }]);
    expect(result.confirmation).toEqual({ kind: 'package', params: { ecosystem: 'pip', name: 'django', vulnerable: '>= 4.0, < 4.2.1', patched: '' } });
    expect(result.message).toBeNull();
  });

  it('replaces the entry of the same ecosystem and name instead of adding a second one', () => {
    const other = { ecosystem: 'pip', name: 'django', vulnerableRange: null, patchedVersions: '4.2.1' } as const;
    const fields = receivedFields({ status: 'accepted', packages: [LODASH, other] });

    const result = run('/package npm lodash patched 4.17.22', fields);

    expect(result.fields.packages).toEqual([other, { ecosystem: 'npm', name: 'lodash', vulnerableRange: null, patchedVersions: '4.17.22' }]);
  });

  it('keeps a package of the same name in another ecosystem', () => {
    const fields = receivedFields({ status: 'accepted', packages: [LODASH] });

    const result = run('/package other lodash', fields);

    expect(result.fields.packages).toEqual([LODASH, { ecosystem: 'other', name: 'lodash', vulnerableRange: null, patchedVersions: null }]);
  });
});

describe('applyCommand: /reward', () => {
  it('records the decided reward with its note and confirms the amount', () => {
    const fields = receivedFields({ status: 'accepted' });

    const result = run('/reward 750 eur Clear write-up, working proof of concept.', fields);

    expect(result.fields.reward).toEqual({ amount: 750, currency: 'EUR', note: 'Clear write-up, working proof of concept.' });
    expect(result.events).toEqual([{ type: 'reward', data: { amount: 750, currency: 'EUR' } }]);
    expect(result.confirmation).toEqual({ kind: 'reward', params: { amount: 'EUR 750' } });
    expect(result.updateAdvisory).toBe(false);
    expect(result.openAdvisory).toBeNull();
    expect(result.message).toBeNull();
    expect(result.fields.status).toBe('accepted');
  });

  it('replaces an earlier reward decision, and a reward without a note has note null', () => {
    const fields = receivedFields({ status: 'accepted', reward: { amount: 500, currency: 'EUR', note: 'first thoughts' } });

    const result = run('/reward 1000 USD', fields);

    expect(result.fields.reward).toEqual({ amount: 1000, currency: 'USD', note: null });
  });

  it.each([
    ['en', '/reward 12500.5 EUR', 'EUR 12,500.50'],
    ['nl', '/reward 12500,5 EUR', 'EUR 12.500,50'],
    ['en', '/reward 2000 JPY', 'JPY 2,000'],
  ] as const)('confirms the amount with %s separators: %s reads %s', (language, text, amount) => {
    const config = buildConfig({ tracking: { language } });

    const result = run(text, receivedFields({ status: 'accepted' }), { config });

    expect(result.confirmation).toEqual({ kind: 'reward', params: { amount } });
  });
});

describe('applyCommand: commands that leave the advisory alone', () => {
  it.each([
    '/scope in',
    '/scope out dos',
    '/duplicate #3',
    '/known legacy-tls',
    '/needs-info Which URL?',
    '/accept',
    '/reject Not a vulnerability.',
    '/fix-by 2026-06-30',
    '/resolved',
    '/reward 500 EUR',
  ])('%s neither opens nor updates an advisory', (text) => {
    const fields = receivedFields();

    const result = run(text, fields);

    expect(result.openAdvisory).toBeNull();
    expect(result.updateAdvisory).toBe(false);
  });

  it('/severity updates an open draft when the rating changes, and leaves it alone when it does not', () => {
    const rated = receivedFields({ severity: 'high' });

    expect(run('/severity critical', rated).updateAdvisory).toBe(true);
    expect(run('/severity CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', rated).updateAdvisory).toBe(true);
    expect(run('/severity high', rated).updateAdvisory).toBe(false);
    expect(run('/severity high', rated).openAdvisory).toBeNull();
  });
});

describe('applyCommand: /resolved', () => {
  it('meets the resolution target now and closes the issue as completed', () => {
    const fields = receivedFields({ status: 'accepted', severity: 'high' }, { resolutionDue: new Date('2026-07-10T21:59:59.999Z') });

    const result = run('/resolved', fields);

    expect(result.fields.status).toBe('resolved');
    expect(result.fields.sla.resolutionMetAt).toEqual(NOW);
    expect(result.fields.closedAt).toEqual(NOW);
    expect(result.issueState).toEqual({ state: 'closed', reason: 'completed' });
    expect(result.events).toEqual([{ type: 'resolved' }]);
    expect(result.message).toEqual({ kind: 'resolved', params: {} });
    expect(result.confirmation).toEqual({ kind: 'resolved', params: {} });
  });

  it('a second /resolved keeps the first resolution time and records no second event', () => {
    const first = run('/resolved', receivedFields({ status: 'accepted' }));

    const second = run('/resolved', first.fields, { now: new Date('2026-05-20T08:00:00Z') });

    expect(second.fields.sla.resolutionMetAt).toEqual(NOW);
    expect(second.fields.closedAt).toEqual(NOW);
    expect(second.events).toEqual([]);
  });

  it('marks the Deadlines section for an update when it meets the resolution target', () => {
    const fields = receivedFields({ status: 'accepted', severity: 'high' }, { resolutionDue: new Date('2026-07-10T21:59:59.999Z') });

    const result = run('/resolved', fields);

    expect(result.deadlinesChanged).toBe(true);
  });
});
