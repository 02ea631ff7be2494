import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, InvalidLimitError, limitsFromEnv } from '../../src/report/intake-limits.js';
import { browserContentType, checkAttachmentContent } from '../../src/report/attachment-check.js';
import { PNG_BYTES } from './helpers/reports.js';

describe('DEFAULT_LIMITS', () => {
  it('fits five 5 MiB files in a form and their base64 in the JSON API', () => {
    const MiB = 1024 * 1024;

    const limits = DEFAULT_LIMITS;

    expect(limits).toEqual({
      maxJsonBodyBytes: 14 * MiB,
      maxUrlencodedBodyBytes: 1 * MiB,
      maxMultipartBytes: 12 * MiB,
      maxAttachmentBytes: 5 * MiB,
      maxAttachments: 5,
      rateLimit: { count: 10, windowSeconds: 600 },
    });
  });
});

describe('limitsFromEnv', () => {
  it('keeps every default when nothing is set', () => {
    const limits = limitsFromEnv({});

    expect(limits).toEqual({});
  });

  it('reads body, attachment and rate limits', () => {
    const limits = limitsFromEnv({ INTAKE_MAX_BODY_BYTES: '2000000', INTAKE_MAX_ATTACHMENT_BYTES: '1000000', INTAKE_RATE_LIMIT: '20/3600' });

    expect(limits).toEqual({
      maxJsonBodyBytes: 2_000_000,
      maxUrlencodedBodyBytes: 2_000_000,
      maxMultipartBytes: 2_000_000,
      maxAttachmentBytes: 1_000_000,
      rateLimit: { count: 20, windowSeconds: 3600 },
    });
  });

  it('disables rate limiting with INTAKE_RATE_LIMIT=0', () => {
    const limits = limitsFromEnv({ INTAKE_RATE_LIMIT: '0' });

    expect(limits).toEqual({ rateLimit: null });
  });

  it.each([
    ['INTAKE_MAX_BODY_BYTES', '1MB'],
    ['INTAKE_MAX_BODY_BYTES', '0'],
    ['INTAKE_MAX_ATTACHMENT_BYTES', '-5'],
    ['INTAKE_RATE_LIMIT', '10 per minute'],
    ['INTAKE_RATE_LIMIT', '10/0'],
  ])('refuses %s=%s at startup', (variable, value) => {
    const read = () => limitsFromEnv({ [variable]: value });

    expect(read).toThrow(InvalidLimitError);
    expect(read).toThrow(variable);
  });
});

describe('attachment checks', () => {
  it.each([
    ['shot.png', 'image/png', PNG_BYTES, null],
    ['photo.jpg', 'image/jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe0]), null],
    ['anim.gif', 'image/gif', Buffer.from('GIF89a'), null],
    ['pic.webp', 'image/webp', Buffer.from('RIFF\0\0\0\0WEBPVP8 '), null],
    ['report.pdf', 'application/pdf', Buffer.from('%PDF-1.7'), null],
    ['poc.zip', 'application/zip', Buffer.from([0x50, 0x4b, 0x03, 0x04]), null],
    ['notes.txt', 'text/plain', Buffer.from('hello'), null],
    ['shot.png', 'image/png', Buffer.from('<svg/>'), 'content-mismatch'],
    ['report.pdf', 'application/pdf', Buffer.from('<html>'), 'content-mismatch'],
    ['shot.png', 'text/plain', Buffer.from('<svg/>'), 'content-mismatch'],
    ['page.html', 'text/html', Buffer.from('<html>'), 'type-not-accepted'],
  ])('judges %s declared %s as %s', (filename, type, head, kind) => {
    const problem = checkAttachmentContent(filename, type, head);

    expect(problem?.kind ?? null).toBe(kind);
  });

  it.each([
    ['access.log', 'application/octet-stream', 'text/plain'],
    ['capture.har', '', 'application/json'],
    ['poc.zip', 'application/x-zip-compressed', 'application/zip'],
    ['photo.jpg', 'image/jpg', 'image/jpeg'],
    ['shot.png', 'IMAGE/PNG; charset=binary', 'image/png'],
    ['tool.exe', 'application/octet-stream', 'application/octet-stream'],
  ])('reads %s sent as "%s" as %s', (filename, declared, expected) => {
    const type = browserContentType(filename, declared);

    expect(type).toBe(expected);
  });
});
