import { beforeEach, describe, expect, it } from 'vitest';
import { COMMAND_USAGE, parseCommands } from '../../src/triage/parse-commands.js';
import { type Desk, type FiledReport, openDesk } from '../helpers/filed-report.js';
import { describeEachBackend } from '../helpers/stores.js';

/** The message of the first line when it is a well-formed /reply, else null. */
function replyMessage(body: string): string | null {
  const [first] = parseCommands(body);
  return first?.ok === true && first.command.name === 'reply' ? first.command.message : null;
}

describe('parseCommands: /reply', () => {
  it('takes the rest of the /reply line as the message', () => {
    const parsed = parseCommands('/reply Thanks, we can reproduce it.');

    expect(parsed).toEqual([{ ok: true, command: { name: 'reply', message: 'Thanks, we can reproduce it.' } }]);
  });

  it('takes the lines after /reply as part of the message, up to the next command line', () => {
    const body = ['/reply Thanks for the report.', 'We can reproduce it on staging.', 'Which browser did you use?', '/severity high'].join('\n');

    const parsed = parseCommands(body);

    expect(parsed).toEqual([
      { ok: true, command: { name: 'reply', message: 'Thanks for the report.\nWe can reproduce it on staging.\nWhich browser did you use?' } },
      { ok: true, command: { name: 'severity', rating: { kind: 'level', level: 'high' } } },
    ]);
  });

  it('starts the message on the next line when /reply has no text of its own', () => {
    const parsed = parseCommands('/reply\nHello,\n\nthe fix is live.');

    expect(parsed).toEqual([{ ok: true, command: { name: 'reply', message: 'Hello,\n\nthe fix is live.' } }]);
  });

  it('keeps blank lines inside the message and trims the trailing whitespace', () => {
    const body = '/reply First paragraph.\n\n\nSecond paragraph.   \n\n  \n';

    const parsed = parseCommands(body);

    expect(parsed).toEqual([{ ok: true, command: { name: 'reply', message: 'First paragraph.\n\n\nSecond paragraph.' } }]);
  });

  it('ends the message at an unknown command line too, which is reported as unknown', () => {
    const parsed = parseCommands('/reply We looked at it.\n/frobnicate now');

    expect(parsed).toEqual([
      { ok: true, command: { name: 'reply', message: 'We looked at it.' } },
      { ok: false, name: 'frobnicate', usage: expect.any(String) as string, error: 'unknown command' },
    ]);
  });

  it('keeps a code block inside the message, commands in it included, as text', () => {
    const body = ['/reply Please try this request:', '```', '/severity low', 'GET /search?q=1', '```', 'Does it still work?'].join('\n');

    const parsed = parseCommands(body);

    expect(parsed).toEqual([
      { ok: true, command: { name: 'reply', message: 'Please try this request:\n```\n/severity low\nGET /search?q=1\n```\nDoes it still work?' } },
    ]);
  });

  it('keeps paths such as /etc/passwd inside the message: they are prose, not commands', () => {
    const parsed = parseCommands('/reply The file\n/etc/passwd is readable.');

    expect(parsed).toEqual([{ ok: true, command: { name: 'reply', message: 'The file\n/etc/passwd is readable.' } }]);
  });

  it.each([
    ['/reply alone', '/reply'],
    ['/reply with spaces', '/reply   '],
    ['/reply followed by blank lines only', '/reply\n\n   \n'],
    ['/reply followed directly by another command', '/reply\n/severity high'],
  ])('refuses %s with the usage: there is no message', (_case, body) => {
    const parsed = parseCommands(body);

    expect(parsed[0]).toEqual({ ok: false, name: 'reply', usage: COMMAND_USAGE.reply, error: 'missing message' });
  });

  it.each([
    ['a fenced code block', '```\n/reply Not a command\n```'],
    ['a tilde fence', '~~~\n/reply Not a command\n~~~'],
    ['an indented code block', 'Example:\n\n    /reply Not a command'],
    ['a block quote', '> /reply Not a command'],
    ['an HTML comment', '<!--\n/reply Not a command\n-->'],
  ])('ignores a /reply inside %s', (_case, body) => {
    const parsed = parseCommands(body);

    expect(parsed).toEqual([]);
  });

  it('leaves a hidden HTML comment in the staff comment out of the message', () => {
    const body = '/reply Thanks, we are on it.\n<!-- internal: probably critical, do not tell yet -->\nBest regards';

    const message = replyMessage(body);

    expect(message).toMatch(/^Thanks, we are on it\.\n+Best regards$/);
  });

  it('keeps the visible text after a closed HTML comment on the /reply line', () => {
    const message = replyMessage('/reply Thanks <!-- hidden --> for this report.');

    expect(message).toMatch(/^Thanks +for this report\.$/);
  });

  it('caps a very long message at 20,000 characters', () => {
    const message = replyMessage(`/reply ${'a'.repeat(25_000)}`);

    expect(message).toHaveLength(20_000);
  });
});

describeEachBackend('/reply in a tracking issue', (backend) => {
  let desk: Desk;
  let report: FiledReport;

  /** The bodies of the comments the app posted since `before`, without their hidden marker line. */
  function repliesSince(before: number): string[] {
    return desk.commentsOn(report.issueNumber).slice(before).map((body) => body.split('\n').slice(1).join('\n'));
  }

  beforeEach(async () => {
    desk = await openDesk(await backend.open());
    report = await desk.file({ contact: { email: 'ada@example.org' } });
  });

  it('stores the multi-line message for the researcher and confirms once to staff', async () => {
    const before = desk.commentsOn(report.issueNumber).length;

    const outcome = await desk.comment(report.issueNumber, '/reply Thanks, we can reproduce it.\n\nWe expect a fix next week.\n');
    await desk.core.worker.runOnce();

    expect(outcome).toBe('applied');
    const messages = await desk.store.listMessages(report.id);
    expect(messages.map((m) => ({ kind: m.kind, body: m.body }))).toEqual([{ kind: 'reply', body: 'Thanks, we can reproduce it.\n\nWe expect a fix next week.' }]);
    expect(repliesSince(before)).toEqual(['Message sent to the researcher (status page, and e-mail when they gave an address).']);
    const types = (await desk.store.listEvents(report.id)).map((e) => e.type);
    expect(types).toContain('reply-sent');
  });

  it('stores only the message, and runs the command after it', async () => {
    const before = desk.commentsOn(report.issueNumber).length;

    await desk.comment(report.issueNumber, '/reply Thanks.\nWe rate this high.\n/severity high');
    await desk.core.worker.runOnce();

    const messages = await desk.store.listMessages(report.id);
    expect(messages.map((m) => m.body)).toEqual(['Thanks.\nWe rate this high.']);
    expect((await desk.store.getTriage(report.id))?.severity).toBe('high');
    const replies = repliesSince(before);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toContain('Message sent to the researcher');
    expect(replies[0]).toContain('Severity set to **high**');
  });

  it('changes nothing twice when the same comment is delivered again', async () => {
    const before = desk.commentsOn(report.issueNumber).length;

    await desk.comment(report.issueNumber, '/reply Once only.', { commentId: 4242 });
    const again = await desk.comment(report.issueNumber, '/reply Once only.', { commentId: 4242 });
    await desk.core.worker.runOnce();

    expect(again).toBe('already-applied');
    expect((await desk.store.listMessages(report.id)).map((m) => m.body)).toEqual(['Once only.']);
    expect(repliesSince(before)).toHaveLength(1);
  });

  it('answers a /reply without a message with the usage and stores nothing', async () => {
    const before = desk.commentsOn(report.issueNumber).length;

    await desk.comment(report.issueNumber, '/reply');
    await desk.core.worker.runOnce();

    expect(await desk.store.listMessages(report.id)).toEqual([]);
    const replies = repliesSince(before);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toContain('missing message');
    expect(replies[0]).toContain(COMMAND_USAGE.reply);
  });
});
