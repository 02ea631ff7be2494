import { describe, expect, it } from 'vitest';
import type { ParsedEmail } from '../../src/mail/parse-email.js';
import { routeEmail } from '../../src/mail/route-email.js';
import { ELF_BYTES, ZIP_BYTES } from '../report/attachment-fixtures.js';

function email(attachments: ParsedEmail['attachments']): ParsedEmail {
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
    attachments,
    pgp: 'none',
    signature: 'unsigned',
  };
}

describe('e-mail attachments that are not what they say', () => {
  it('files the report without them, with a note per file naming it and the reason', () => {
    const route = routeEmail(
      email([
        { filename: 'notes.txt', contentType: 'text/plain', content: ZIP_BYTES },
        { filename: 'readme.txt', contentType: 'text/plain', content: ELF_BYTES },
        { filename: 'latin1.txt', contentType: 'text/plain', content: Buffer.from('caf\xe9', 'latin1') },
        { filename: 'trace.log', contentType: 'text/plain', content: Buffer.from('GET / 200\n') },
      ]),
    );

    if (route.kind !== 'report') throw new Error(`expected a report, got ${route.kind}`);
    expect(route.input.attachments.map((file) => file.filename)).toEqual(['trace.log']);
    expect(route.input.description).toContain(
      'Note: an attachment was left out: "notes.txt" is declared as text/plain but is an archive (ZIP); the only archive accepted is ZIP, declared as application/zip.',
    );
    expect(route.input.description).toContain('Note: an attachment was left out: "readme.txt" is declared as text/plain but is a program (ELF); programs are not accepted.');
    expect(route.input.description).toContain('Note: an attachment was left out: "latin1.txt" is declared as text/plain but is not UTF-8 text.');
  });

  it('keeps a ZIP sent as application/zip, or as octet-stream named .zip', () => {
    const route = routeEmail(
      email([
        { filename: 'evidence.zip', contentType: 'application/zip', content: ZIP_BYTES },
        { filename: 'more.zip', contentType: 'application/octet-stream', content: ZIP_BYTES },
      ]),
    );

    if (route.kind !== 'report') throw new Error(`expected a report, got ${route.kind}`);
    expect(route.input.attachments.map((file) => [file.filename, file.contentType])).toEqual([
      ['evidence.zip', 'application/zip'],
      ['more.zip', 'application/zip'],
    ]);
  });

  it('keeps a name with a line break or a right-to-left override on one line', () => {
    const route = routeEmail(email([{ filename: 'a\n/accept\u202Etxt.exe', contentType: 'text/plain', content: Buffer.from('x') }]));

    if (route.kind !== 'report') throw new Error(`expected a report, got ${route.kind}`);
    expect(route.input.attachments.map((file) => file.filename)).toEqual(['a__accept\u202Etxt.exe']);
  });
});
