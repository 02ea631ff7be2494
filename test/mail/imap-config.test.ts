import { describe, expect, it } from 'vitest';
import { imapConfigFromEnv, ImapConfigError } from '../../src/mail/imap-config.js';

describe('imapConfigFromEnv', () => {
  it('is null when IMAP_URL is unset or blank', () => {
    expect(imapConfigFromEnv({})).toBeNull();
    expect(imapConfigFromEnv({ IMAP_URL: ' ', IMAP_ORG: 'acme' })).toBeNull();
  });

  it('reads an imaps URL with a percent-encoded user and the defaults', () => {
    const config = imapConfigFromEnv({ IMAP_URL: 'imaps://security%40acme.example:p%40ss%2Fw@mail.acme.example/INBOX', IMAP_ORG: 'acme' });

    expect(config).toEqual({
      imap: { host: 'mail.acme.example', port: 993, secure: true, user: 'security@acme.example', pass: 'p@ss/w', mailbox: 'INBOX', processedMailbox: null },
      org: 'acme',
      pollMs: 60_000,
      defaultAffected: null,
    });
  });

  it('reads an imap URL with a port, a nested mailbox and the optional settings', () => {
    const config = imapConfigFromEnv({
      IMAP_URL: 'imap://desk:secret@127.0.0.1:1143/Security%2FReports',
      IMAP_ORG: 'acme',
      IMAP_POLL_MS: '15000',
      IMAP_PROCESSED_MAILBOX: 'Processed',
      IMAP_DEFAULT_AFFECTED: 'https://acme.example',
    });

    expect(config).toMatchObject({ imap: { host: '127.0.0.1', port: 1143, secure: false, mailbox: 'Security/Reports', processedMailbox: 'Processed' }, pollMs: 15_000, defaultAffected: 'https://acme.example' });
  });

  it('defaults the mailbox to INBOX and the plain port to 143', () => {
    expect(imapConfigFromEnv({ IMAP_URL: 'imap://u:p@mail.example', IMAP_ORG: 'acme' })?.imap).toMatchObject({ port: 143, mailbox: 'INBOX' });
  });

  it.each([
    [{ IMAP_URL: 'imaps://u:p@host/INBOX' }, 'IMAP_ORG'],
    [{ IMAP_URL: 'imaps://u:p@host/INBOX', IMAP_ORG: 'not a login' }, 'IMAP_ORG'],
    [{ IMAP_URL: 'https://u:p@host/INBOX', IMAP_ORG: 'acme' }, 'IMAP_URL'],
    [{ IMAP_URL: 'imaps://host/INBOX', IMAP_ORG: 'acme' }, 'IMAP_URL'],
    [{ IMAP_URL: 'imaps://u:p@host/INBOX', IMAP_ORG: 'acme', IMAP_POLL_MS: '10s' }, 'IMAP_POLL_MS'],
    [{ IMAP_URL: 'imaps://u:p@host/INBOX', IMAP_ORG: 'acme', IMAP_POLL_MS: '100' }, 'IMAP_POLL_MS'],
  ])('refuses %j naming %s', (env, variable) => {
    expect(() => imapConfigFromEnv(env)).toThrow(ImapConfigError);
    expect(() => imapConfigFromEnv(env)).toThrow(expect.objectContaining({ variable }));
  });

  it('never puts the password in the error message', () => {
    let message = '';
    try {
      imapConfigFromEnv({ IMAP_URL: 'imaps://user:hunter2@', IMAP_ORG: 'acme' });
    } catch (error) {
      message = String(error);
    }

    expect(message).toMatch(/IMAP_URL/);
    expect(message).not.toContain('hunter2');
  });
});
