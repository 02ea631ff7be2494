import { describe, expect, it } from 'vitest';
import type { ParsedEmail } from '../../src/mail/parse-email.js';
import { DEFAULT_AFFECTED, routeEmail } from '../../src/mail/route-email.js';
import { PNG_BYTES } from './build-mail.js';

function email(overrides: Partial<ParsedEmail> = {}): ParsedEmail {
  return {
    messageId: '<m1@mail.example.net>',
    inReplyTo: null,
    references: [],
    from: { address: 'rita@example.net', name: 'Rita Researcher' },
    recipients: ['security@example.org'],
    subject: 'Stored XSS in the profile page',
    text: 'The display name is rendered without escaping.',
    language: null,
    automatic: false,
    attachments: [],
    pgp: 'none',
    signature: 'unsigned',
    ...overrides,
  };
}

function reportOf(route: ReturnType<typeof routeEmail>) {
  if (route.kind !== 'report') throw new Error(`expected a report, got ${route.kind}`);
  return route.input;
}

describe('routeEmail: replies', () => {
  it.each<[string, Partial<ParsedEmail>, string]>([
    ['In-Reply-To holds a Message-ID the app sent', { inReplyTo: '<DD-0123456789AB.message-0@example.org>' }, 'thread'],
    ['References holds one', { references: ['<other@x>', '<DD-0123456789AB.message-2@example.org>'] }, 'thread'],
    ['the subject carries the tracking id', { subject: 'Re: [DD-0123456789AB] We received your report' }, 'subject'],
    ['the subject tag was case-folded', { subject: 'RE: [dd-0123456789ab] ...' }, 'subject'],
    ['the plus-address names the report', { recipients: ['security+dd-0123456789ab@example.org'] }, 'address'],
  ])('is a reply to DD-0123456789AB when %s', (_, overrides, via) => {
    const route = routeEmail(email(overrides));

    expect(route).toEqual({ kind: 'reply', reportId: 'DD-0123456789AB', via });
  });

  it('ignores Message-IDs of another host when the app host is known', () => {
    const route = routeEmail(email({ inReplyTo: '<DD-0123456789AB.message-0@evil.example>' }), { messageIdHost: 'example.org' });

    expect(route.kind).toBe('report');
  });

  it('does not take a tracking id with letters Crockford base32 leaves out', () => {
    const route = routeEmail(email({ subject: '[DD-0123456789AU] not ours' }));

    expect(route.kind).toBe('report');
  });

  it('leaves automatic mail alone even when it answers the app', () => {
    const route = routeEmail(email({ automatic: true, inReplyTo: '<DD-0123456789AB.message-0@example.org>' }));

    expect(route).toEqual({ kind: 'automatic' });
  });
});

describe('routeEmail: new reports', () => {
  it('makes the subject the title, the text the description and the sender the contact', () => {
    const input = reportOf(routeEmail(email()));

    expect(input).toMatchObject({
      title: 'Stored XSS in the profile page',
      description: 'The display name is rendered without escaping.',
      affected: DEFAULT_AFFECTED,
      contact: { name: 'Rita Researcher', email: 'rita@example.net' },
      language: 'en',
      attachments: [],
    });
    // An e-mail makes no credit choice: the organisation's credit.default applies at intake.
    expect(input.credit).toBeUndefined();
  });

  it("uses the mailbox's default for the affected field", () => {
    const input = reportOf(routeEmail(email(), { defaultAffected: 'https://shop.example.org' }));

    expect(input.affected).toBe('https://shop.example.org');
  });

  it.each([
    ['nl', 'nl'],
    ['nl-NL', 'nl'],
    ['nl-be', 'nl'],
    ['de', 'en'],
    [null, 'en'],
  ])('reads Content-Language %s as %s', (contentLanguage, language) => {
    const input = reportOf(routeEmail(email({ language: contentLanguage })));

    expect(input.language).toBe(language);
  });

  it.each([
    ['', 'Report by e-mail'],
    ['XSS', 'XSS (report by e-mail)'],
    ['  Open   redirect\n on login ', 'Open redirect on login'],
  ])('pads or tidies the subject %j into the title %j', (subject, title) => {
    const input = reportOf(routeEmail(email({ subject })));

    expect(input.title).toBe(title);
  });

  it('cuts a subject longer than 200 characters', () => {
    const input = reportOf(routeEmail(email({ subject: 'A'.repeat(300) })));

    expect(input.title).toHaveLength(200);
  });

  it('pads a short or empty body to the minimum description', () => {
    const short = reportOf(routeEmail(email({ text: 'see PoC' })));
    const empty = reportOf(routeEmail(email({ text: '   ' })));

    expect(short.description.startsWith('see PoC')).toBe(true);
    expect(short.description.length).toBeGreaterThanOrEqual(20);
    expect(empty.description).toBe('(The e-mail had no text.)');
  });

  it('cuts a body longer than the schema allows and says so', () => {
    const input = reportOf(routeEmail(email({ text: 'x'.repeat(60_000) })));

    expect(input.description.length).toBeLessThanOrEqual(50_000);
    expect(input.description).toContain('full message stays in the mailbox');
  });

  it('files the report without a contact address when From is not an address the schema takes', () => {
    const input = reportOf(routeEmail(email({ from: { address: 'not an address', name: '' } })));

    expect(input.contact.email).toBeUndefined();
  });

  it('keeps accepted attachments, resolving octet-stream by extension', () => {
    const input = reportOf(
      routeEmail(
        email({
          attachments: [
            { filename: 'poc.png', contentType: 'image/png', content: PNG_BYTES },
            { filename: 'trace.log', contentType: 'application/octet-stream', content: Buffer.from('GET /x\n') },
          ],
        }),
      ),
    );

    expect(input.attachments).toEqual([
      { filename: 'poc.png', contentType: 'image/png', dataBase64: PNG_BYTES.toString('base64') },
      { filename: 'trace.log', contentType: 'text/plain', dataBase64: Buffer.from('GET /x\n').toString('base64') },
    ]);
  });

  it('drops attachments of other types, or whose bytes lie about their type, with a note in the description', () => {
    const input = reportOf(
      routeEmail(
        email({
          attachments: [
            { filename: 'exploit.exe', contentType: 'application/x-msdownload', content: Buffer.from('MZ') },
            { filename: 'fake.png', contentType: 'image/png', content: Buffer.from('not a png at all') },
          ],
        }),
      ),
    );

    expect(input.attachments).toEqual([]);
    expect(input.description).toContain('Note: an attachment was left out: "exploit.exe" has type application/x-msdownload');
    expect(input.description).toContain('Note: an attachment was left out: "fake.png" is declared as image/png');
  });

  it('keeps at most the configured number of attachments and too-large files are noted, not filed', () => {
    const files = Array.from({ length: 3 }, (_, i) => ({ filename: `f${i}.txt`, contentType: 'text/plain', content: Buffer.from(`file ${i}`) }));
    const big = { filename: 'big.txt', contentType: 'text/plain', content: Buffer.alloc(2048, 'a') };

    const input = reportOf(routeEmail(email({ attachments: [big, ...files] }), { maxAttachments: 2, maxAttachmentBytes: 1024 }));

    expect(input.attachments.map((a) => a.filename)).toEqual(['f0.txt', 'f1.txt']);
    expect(input.description).toContain('"big.txt" is larger than the limit of 1024 bytes');
    expect(input.description).toContain('"f2.txt" was left out: at most 2 attachments');
  });

  it('names unnamed attachments and strips slashes from names', () => {
    const input = reportOf(
      routeEmail(
        email({
          attachments: [
            { filename: null, contentType: 'text/plain', content: Buffer.from('a') },
            { filename: '../../etc/passwd.txt', contentType: 'text/plain', content: Buffer.from('b') },
          ],
        }),
      ),
    );

    expect(input.attachments.map((a) => a.filename)).toEqual(['attachment-1', '.._.._etc_passwd.txt']);
  });
});
