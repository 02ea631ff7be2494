import { describe, expect, it } from 'vitest';
import { checkAttachmentContent, describeAttachmentProblem } from '../../src/report/attachment-check.js';
import { endsWithZip, fileSignature } from '../../src/report/file-signature.js';
import { ELF_BYTES, ZIP_BYTES } from './attachment-fixtures.js';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

/** An `MZ` header whose e_lfanew (0x3c) points at `PE\0\0` at 0x40. */
function peBytes(): Buffer {
  const data = Buffer.alloc(0x48);
  data.write('MZ', 0, 'latin1');
  data.writeUInt32LE(0x40, 0x3c);
  data.write('PE\0\0', 0x40, 'latin1');
  return data;
}

describe('what a file is, by its content', () => {
  it.each([
    ['a ZIP archive named notes.txt', 'notes.txt', 'text/plain', ZIP_BYTES, 'archive', 'ZIP'],
    ['an ELF program named readme.txt', 'readme.txt', 'text/plain', ELF_BYTES, 'program', 'ELF'],
    ['a Windows program named log.txt', 'log.txt', 'text/plain', peBytes(), 'program', 'PE (Windows)'],
    ['a Mach-O program named shot.png', 'shot.png', 'image/png', Buffer.from([0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1]), 'program', 'Mach-O'],
    ['a gzip archive declared as ZIP', 'logs.zip', 'application/zip', Buffer.from([0x1f, 0x8b, 0x08, 0x00]), 'archive', 'gzip'],
    ['a 7z archive declared as PDF', 'paper.pdf', 'application/pdf', Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4]), 'archive', '7z'],
    ['a RAR archive declared as JSON', 'data.json', 'application/json', Buffer.from('Rar!\u001a\u0007\u0001\u0000', 'latin1'), 'archive', 'RAR'],
    ['a ZIP declared as JPEG', 'photo.jpg', 'image/jpeg', ZIP_BYTES, 'archive', 'ZIP'],
    ['a PNG declared as JPEG', 'photo.jpg', 'image/jpeg', PNG, 'other-format', 'PNG'],
  ])('refuses %s, naming the format', (_what, filename, type, data, reason, format) => {
    const problem = checkAttachmentContent(filename, type, data);

    expect(problem).toEqual({ kind: 'content-mismatch', filename, contentType: type, reason, format });
  });

  it.each([
    ['text with a NUL byte', 'notes.txt', 'text/plain', Buffer.from('abc\0def'), 'nul'],
    ['Latin-1 text', 'notes.txt', 'text/plain', Buffer.from('caf\xe9', 'latin1'), 'not-utf8'],
    ['JSON that does not parse', 'data.json', 'application/json', Buffer.from('{"a": '), 'not-json'],
    ['JSON with a NUL byte', 'data.json', 'application/json', Buffer.from('{"a":"\0"}'), 'nul'],
    ['a PNG with a ZIP appended', 'shot.png', 'image/png', Buffer.concat([PNG, ZIP_BYTES]), 'appended-archive'],
    ['text with a ZIP appended', 'notes.txt', 'text/plain', Buffer.concat([Buffer.from('hello\n'), ZIP_BYTES]), 'appended-archive'],
    ['a .png name sent as text', 'shot.png', 'text/plain', Buffer.from('<svg/>'), 'extension'],
    ['a PDF that does not start like one', 'paper.pdf', 'application/pdf', Buffer.from('<html>'), 'signature'],
  ])('refuses %s', (_what, filename, type, data, reason) => {
    const problem = checkAttachmentContent(filename, type, data);

    expect(problem).toMatchObject({ kind: 'content-mismatch', filename, reason });
  });

  it.each([
    ['UTF-8 text with tabs, an escape sequence and emoji', 'notes.txt', 'text/plain', Buffer.from('a\tb\u001b[31m red 🙂\r\n')],
    ['a shell script with a shebang, as text', 'poc.sh', 'text/plain', Buffer.from('#!/bin/sh\ncurl -s http://x\n')],
    ['text that starts with MZ', 'notes.txt', 'text/plain', Buffer.from('MZ is a prefix, not a program, in this note of some length........................')],
    ['JSON with a byte order mark', 'capture.har', 'application/json', Buffer.from('\ufeff{"log": {}}')],
    ['an empty text file', 'empty.txt', 'text/plain', Buffer.alloc(0)],
    ['a ZIP declared as application/zip', 'poc.zip', 'application/zip', ZIP_BYTES],
    ['a PNG', 'shot.png', 'image/png', PNG],
  ])('accepts %s', (_what, filename, type, data) => {
    expect(checkAttachmentContent(filename, type, data)).toBeNull();
  });

  it('says which attachment and why in the API message', () => {
    const problem = checkAttachmentContent('notes.txt', 'text/plain', ZIP_BYTES);

    expect(problem && describeAttachmentProblem(problem)).toBe(
      '"notes.txt" is declared as text/plain but is an archive (ZIP); the only archive accepted is ZIP, declared as application/zip',
    );
  });

  it('says a program is not accepted', () => {
    const problem = checkAttachmentContent('readme.txt', 'text/plain', ELF_BYTES);

    expect(problem && describeAttachmentProblem(problem)).toBe('"readme.txt" is declared as text/plain but is a program (ELF); programs are not accepted');
  });

  it('finds a ZIP that ends a file only where its end record says', () => {
    expect(endsWithZip(ZIP_BYTES)).toBe(true);
    expect(endsWithZip(Buffer.concat([ZIP_BYTES, Buffer.from('x')]))).toBe(false);
    expect(fileSignature(ZIP_BYTES)).toEqual({ format: 'ZIP', kind: 'archive', type: 'application/zip' });
  });
});
