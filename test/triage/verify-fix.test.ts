import { describe, expect, it } from 'vitest';
import { businessCalendar } from '../../src/clock/holiday-calendar.js';
import { defaultConfig } from '../../src/config/parse-config.js';
import { initialSla } from '../../src/issue-text/plan-deadlines.js';
import { confirmationLine } from '../../src/issue-text/command-replies.js';
import { isLabelName, labelSpec } from '../../src/issue-text/labels.js';
import { planResearcherMail } from '../../src/researcher/plan-mail.js';
import { fixVerificationAnswerText, researcherMessage } from '../../src/researcher/message-text.js';
import type { TriageFields } from '../../src/store/triage-records.js';
import { applyCommand, type CommandResult } from '../../src/triage/apply-command.js';
import { FIX_LABELS, fixVerificationRequests, openFixVerification } from '../../src/triage/fix-verification.js';
import { parseCommands } from '../../src/triage/parse-commands.js';
import { TRIAGE_STATUSES, type TriageStatus } from '../../src/triage/triage-status.js';

const NOW = new Date('2026-05-12T10:00:00Z');
const CONFIG = defaultConfig();

function fields(status: TriageStatus): TriageFields {
  const received = new Date('2026-05-11T07:00:00Z');
  const sla = { ...initialSla(received, new Date('2026-05-12T21:59:59.999Z'), new Date('2026-05-19T21:59:59.999Z')), receiptMetAt: received };
  return { status, severity: null, cvssVector: null, sla, fixBy: null, acceptedRepository: null, closedAt: null, nextCheckAt: null, cweIds: [], packages: [], reward: null };
}

function run(status: TriageStatus, text: string): CommandResult {
  const [line] = parseCommands(text);
  if (line === undefined || !line.ok) throw new Error(`test command must parse: ${text}`);
  return applyCommand(fields(status), line.command, { config: CONFIG, calendar: businessCalendar(CONFIG.sla), now: NOW, issueNumber: 7 });
}

describe('parsing /verify-fix', () => {
  it.each([
    ['/verify-fix', null],
    ['/verify-fix   ', null],
    ['/verify-fix Please try the login page again.', 'Please try the login page again.'],
    ['  /verify-fix\tv2.3.1 is deployed', 'v2.3.1 is deployed'],
  ])('%j gives the note %j', (text, note) => {
    expect(parseCommands(text)).toEqual([{ ok: true, command: { name: 'verify-fix', note } }]);
  });

  it('is prose in a quote, a code block or an HTML comment, and in a longer word', () => {
    expect(parseCommands('> /verify-fix\n```\n/verify-fix\n```\n<!-- /verify-fix -->\n/verify-fixed')).toEqual([
      { ok: false, name: 'verify-fixed', usage: expect.stringContaining('/verify-fix') as string, error: 'unknown command' },
    ]);
  });

  it('keeps the note to one line: the next line is prose or the next command', () => {
    expect(parseCommands('/verify-fix Deployed.\nThanks!\n/reply Hello')).toEqual([
      { ok: true, command: { name: 'verify-fix', note: 'Deployed.' } },
      { ok: true, command: { name: 'reply', message: 'Hello' } },
    ]);
  });
});

describe('applying /verify-fix', () => {
  it.each(['accepted', 'resolved', 'published'] as const)('asks the researcher on a %s report: an event, the message, the old verdict labels removed', (status) => {
    const result = run(status, '/verify-fix Version 2 is live.');

    expect(result).toMatchObject({
      ok: true,
      events: [{ type: 'fix-verification-requested', data: { characters: 'Version 2 is live.'.length } }],
      addLabels: [],
      removeLabels: ['fix:verified', 'fix:not-fixed'],
      issueState: null,
      deadlinesChanged: false,
      message: { kind: 'verify-fix', params: { note: 'Version 2 is live.' } },
      confirmation: { kind: 'verify-fix', params: {} },
    });
    if (result.ok) expect(result.fields.status).toBe(status);
  });

  it.each(TRIAGE_STATUSES.filter((status) => !['accepted', 'resolved', 'published'].includes(status)))('refuses a %s report: there is no fix to verify', (status) => {
    expect(run(status, '/verify-fix')).toEqual({
      ok: false,
      error: `there is no fix to verify while the report is ${status}`,
      usage: 'usage: /verify-fix [note to the researcher] (after /accept or /resolved)',
    });
  });

  it('confirms to staff in the tracking language', () => {
    expect(confirmationLine('en', { kind: 'verify-fix', params: {} })).toContain('Fix verification requested');
    expect(confirmationLine('nl', { kind: 'verify-fix', params: {} })).toContain('Controle van de oplossing gevraagd');
  });
});

describe('the requests and their answers, from the events', () => {
  const at = (minute: number) => new Date(Date.UTC(2026, 4, 12, 10, minute));
  const requested = (minute: number) => ({ type: 'fix-verification-requested', at: at(minute) });
  const answered = (minute: number, request: number, verdict: string) => ({ type: 'fix-verification-answered', at: at(minute), data: { request, verdict } });

  it('numbers the requests in order and keeps the first answer of each', () => {
    const requests = fixVerificationRequests([
      { type: 'command', at: at(0) },
      requested(1),
      answered(2, 1, 'not-fixed'),
      answered(3, 1, 'confirmed'),
      requested(4),
      answered(5, 9, 'confirmed'),
      answered(6, 2, 'maybe'),
    ]);

    expect(requests).toEqual([
      { request: 1, requestedAt: at(1), answer: { verdict: 'not-fixed', at: at(2) } },
      { request: 2, requestedAt: at(4), answer: null },
    ]);
  });

  it('has the latest unanswered request open while the report has a fix to check', () => {
    const requests = fixVerificationRequests([requested(1), requested(2)]);

    expect(openFixVerification(requests, 'accepted')?.request).toBe(2);
    expect(openFixVerification(requests, 'published')?.request).toBe(2);
    expect(openFixVerification(requests, 'rejected')).toBeNull();
    expect(openFixVerification(fixVerificationRequests([requested(1), answered(2, 1, 'confirmed')]), 'resolved')).toBeNull();
    expect(openFixVerification([], 'resolved')).toBeNull();
  });
});

describe('the texts of a fix verification', () => {
  it('has both labels in the catalogue', () => {
    for (const name of Object.values(FIX_LABELS)) {
      expect(isLabelName(name)).toBe(true);
      expect(labelSpec(name).description.length).toBeLessThanOrEqual(100);
    }
  });

  it('asks the researcher in their language, with the note when staff gave one', () => {
    expect(researcherMessage({ kind: 'verify-fix', params: { note: '' } }, 'en', CONFIG)).toBe(
      'We have a fix for the problem you reported and would like you to check it: does the problem still occur?\n\nPlease answer on your status page, "Confirmed fixed" or "Not fixed", with a note if you like.',
    );
    expect(researcherMessage({ kind: 'verify-fix', params: { note: 'Versie 2 staat live.' } }, 'nl', CONFIG)).toBe(
      'We hebben een oplossing voor het probleem dat u meldde en vragen u die te controleren: treedt het probleem nog op?\n\nVersie 2 staat live.\n\nGeef uw antwoord op uw statuspagina, "Opgelost" of "Niet opgelost", eventueel met een toelichting.',
    );
  });

  it('keeps the answer in the conversation as the verdict, then the note', () => {
    expect(fixVerificationAnswerText('en', 'confirmed', '')).toBe('Fix verification: confirmed fixed.');
    expect(fixVerificationAnswerText('nl', 'not-fixed', 'Nog steeds.')).toBe('Controle van de oplossing: niet opgelost.\n\nNog steeds.');
  });

  it.each([
    ['en', 'Please check our fix'],
    ['nl', 'Wilt u onze oplossing controleren?'],
  ] as const)('mails the request in %s under its own subject', async (language, subject) => {
    const settings = { from: 'security@acme.example', replyTo: null, messageIdHost: 'acme.example' };
    const input = { reportId: 'DD-000000000001', messageIndex: 3, kind: 'verify-fix' as const, body: 'Check it.', language, statusUrl: null, to: 'ada@example.org', pgpKey: null, settings };

    const mail = await planResearcherMail(input, null);

    expect(mail.subject).toBe(`[DD-000000000001] ${subject}`);
    expect(mail.text.startsWith('Check it.\n\n-- \n')).toBe(true);
  });
});
