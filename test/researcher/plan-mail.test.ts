import { describe, expect, it } from 'vitest';
import type { MailSettings } from '../../src/ports/mailer.js';
import { mailSettingsFromEnv } from '../../src/mail/mail-settings.js';
import {
  MailEncryptionUnavailableError,
  type ResearcherMailInput,
  acknowledgementText,
  mailMessageId,
  planResearcherMail,
} from '../../src/researcher/plan-mail.js';
import type { OrgPgp } from '../../src/ports/org-pgp.js';

const REPORT_ID = 'DD-0123456789AB';
const SETTINGS: MailSettings = { from: '"Acme Security" <security@acme.example>', replyTo: null, messageIdHost: 'acme.example' };
const RESEARCHER_KEY = '-----BEGIN PGP PUBLIC KEY BLOCK-----\nresearcher\n-----END PGP PUBLIC KEY BLOCK-----';

function anInput(overrides: Partial<ResearcherMailInput> = {}): ResearcherMailInput {
  return {
    reportId: REPORT_ID,
    messageIndex: 2,
    kind: 'needs-info',
    body: 'We need more information to assess your report:\n\nWhich browser did you use?',
    language: 'en',
    statusUrl: 'https://desk.acme.example/status/token-abc',
    to: 'ada@example.org',
    pgpKey: null,
    settings: SETTINGS,
    ...overrides,
  };
}

/** Records what it was asked to encrypt and returns a recognisable armored block. */
function fakePgp(): Pick<OrgPgp, 'encryptTo'> & { calls: Array<{ key: string; text: string }> } {
  const calls: Array<{ key: string; text: string }> = [];
  return {
    calls,
    async encryptTo(key, text) {
      calls.push({ key, text });
      return '-----BEGIN PGP MESSAGE-----\n\nciphertext\n-----END PGP MESSAGE-----\n';
    },
  };
}

describe('planning a mail to the researcher', () => {
  it('puts the tracking id and the English subject of the kind in the subject', async () => {
    const mail = await planResearcherMail(anInput(), null);

    expect(mail.subject).toBe('[DD-0123456789AB] We need more information');
    expect(mail.to).toBe('ada@example.org');
    expect(mail.from).toBe('"Acme Security" <security@acme.example>');
  });

  it.each([
    ['acknowledgement', 'en', 'We received your report'],
    ['acknowledgement', 'nl', 'We hebben uw melding ontvangen'],
    ['needs-info', 'nl', 'We hebben meer informatie nodig'],
    ['accepted', 'nl', 'Uw melding is geaccepteerd'],
    ['assessment', 'en', 'Our assessment and expected fix date'],
    ['published', 'nl', 'Security advisory gepubliceerd'],
  ] as const)('subjects a %s message in %s as "%s"', async (kind, language, subject) => {
    const mail = await planResearcherMail(anInput({ kind, language }), null);

    expect(mail.subject).toBe(`[${REPORT_ID}] ${subject}`);
  });

  it('sends the message text followed by a footer with the tracking id and the status link', async () => {
    const mail = await planResearcherMail(anInput(), null);

    expect(mail.text).toBe(
      [
        'We need more information to assess your report:\n\nWhich browser did you use?',
        '',
        '-- ',
        'Tracking id: DD-0123456789AB',
        'Follow your report and reply on its status page: https://desk.acme.example/status/token-abc',
      ].join('\n'),
    );
  });

  it('writes the footer in Dutch for a Dutch researcher', async () => {
    const mail = await planResearcherMail(anInput({ language: 'nl', body: 'Dank u.' }), null);

    expect(mail.text).toContain('Meldingsnummer: DD-0123456789AB');
    expect(mail.text).toContain('Volg uw melding en reageer op de statuspagina: https://desk.acme.example/status/token-abc');
    expect(mail.text).not.toContain('Tracking id');
  });

  it('points at the link given at reporting time when there is no status link', async () => {
    const mail = await planResearcherMail(anInput({ statusUrl: null }), null);

    expect(mail.text).toContain('Follow your report and reply through the status page link you were given when you reported.');
    expect(mail.text).not.toContain('https://');
  });

  it('gives a Message-ID that depends only on the report and the message index, so a retry repeats it', async () => {
    const first = await planResearcherMail(anInput({ messageIndex: 3 }), null);
    const retry = await planResearcherMail(anInput({ messageIndex: 3, body: 'anything' }), null);
    const next = await planResearcherMail(anInput({ messageIndex: 4 }), null);

    expect(first.headers?.['Message-ID']).toBe('<DD-0123456789AB.message-3@acme.example>');
    expect(retry.headers?.['Message-ID']).toBe(first.headers?.['Message-ID']);
    expect(next.headers?.['Message-ID']).toBe('<DD-0123456789AB.message-4@acme.example>');
  });

  it('threads later messages on the acknowledgement', async () => {
    const mail = await planResearcherMail(anInput({ messageIndex: 2 }), null);

    expect(mail.inReplyTo).toBe('<DD-0123456789AB.message-0@acme.example>');
    expect(mail.references).toEqual(['<DD-0123456789AB.message-0@acme.example>']);
  });

  it('answers the researcher’s own e-mail with the acknowledgement, marked as an automatic reply', async () => {
    const mail = await planResearcherMail(anInput({ messageIndex: 0, kind: 'acknowledgement', inReplyTo: '<report-1@mail.example.net>' }), null);

    expect(mail.inReplyTo).toBe('<report-1@mail.example.net>');
    expect(mail.references).toEqual(['<report-1@mail.example.net>']);
    expect(mail.headers?.['Auto-Submitted']).toBe('auto-replied');
  });

  it('leaves an acknowledgement of a report that did not come by e-mail unthreaded', async () => {
    const mail = await planResearcherMail(anInput({ messageIndex: 0, kind: 'acknowledgement' }), null);

    expect(mail.inReplyTo).toBeUndefined();
    expect(mail.references).toBeUndefined();
  });

  it('sets a plus-addressed Reply-To and offers replying by e-mail when a reply mailbox is configured', async () => {
    const settings = { ...SETTINGS, replyTo: 'security+{token}@acme.example' };

    const mail = await planResearcherMail(anInput({ settings }), null);

    expect(mail.headers?.['Reply-To']).toBe('security+dd-0123456789ab@acme.example');
    expect(mail.text).toContain('You can also reply to this e-mail; please keep the tracking id in the subject.');
  });

  it('sets no Reply-To and does not offer replying by e-mail without a reply mailbox', async () => {
    const mail = await planResearcherMail(anInput(), null);

    expect(mail.headers?.['Reply-To']).toBeUndefined();
    expect(mail.text).not.toContain('reply to this e-mail');
  });

  describe('to a researcher who gave a PGP key', () => {
    it('encrypts the whole text, footer included, to their key', async () => {
      const pgp = fakePgp();

      const mail = await planResearcherMail(anInput({ pgpKey: RESEARCHER_KEY }), pgp);

      expect(pgp.calls).toHaveLength(1);
      expect(pgp.calls[0]?.key).toBe(RESEARCHER_KEY);
      expect(pgp.calls[0]?.text).toContain('Which browser did you use?');
      expect(pgp.calls[0]?.text).toContain('https://desk.acme.example/status/token-abc');
      expect(mail.text).toBe('-----BEGIN PGP MESSAGE-----\n\nciphertext\n-----END PGP MESSAGE-----\n');
    });

    it('sends nothing of the message in clear: not in the body, not in the subject', async () => {
      const mail = await planResearcherMail(anInput({ pgpKey: RESEARCHER_KEY }), fakePgp());

      expect(mail.subject).toBe('[DD-0123456789AB] Message from the security team');
      expect(mail.text).not.toContain('browser');
      expect(mail.text).not.toContain('token-abc');
      expect(JSON.stringify(mail)).not.toContain('more information');
    });

    it('uses the neutral Dutch subject for a Dutch researcher', async () => {
      const mail = await planResearcherMail(anInput({ pgpKey: RESEARCHER_KEY, language: 'nl', kind: 'rejected' }), fakePgp());

      expect(mail.subject).toBe('[DD-0123456789AB] Bericht van het securityteam');
    });

    it('refuses to plan the mail when no organisation key pair is configured, rather than send it in clear', async () => {
      await expect(planResearcherMail(anInput({ pgpKey: RESEARCHER_KEY }), null)).rejects.toBeInstanceOf(MailEncryptionUnavailableError);
    });

    it('treats a blank key as no key', async () => {
      const pgp = fakePgp();

      const mail = await planResearcherMail(anInput({ pgpKey: '  ' }), pgp);

      expect(pgp.calls).toHaveLength(0);
      expect(mail.text).toContain('Which browser did you use?');
    });
  });
});

describe('the acknowledgement text', () => {
  it('names the tracking id and both promised deadlines in English', () => {
    const text = acknowledgementText('en', { id: REPORT_ID, receiptDue: 'Tuesday 3 March 2026', assessmentDue: 'Monday 9 March 2026' });

    expect(text).toContain('We have received it under tracking id DD-0123456789AB.');
    expect(text).toContain('by Tuesday 3 March 2026');
    expect(text).toContain('an expected fix date by Monday 9 March 2026');
  });

  it('names the tracking id and both promised deadlines in Dutch', () => {
    const text = acknowledgementText('nl', { id: REPORT_ID, receiptDue: 'dinsdag 3 maart 2026', assessmentDue: 'maandag 9 maart 2026' });

    expect(text).toContain('onder meldingsnummer DD-0123456789AB');
    expect(text).toContain('uiterlijk dinsdag 3 maart 2026');
    expect(text).toContain('uiterlijk maandag 9 maart 2026 een beoordeling');
  });
});

describe('mail settings from the environment', () => {
  it('takes the Message-ID host from the domain of MAIL_FROM', () => {
    const settings = mailSettingsFromEnv({ MAIL_FROM: '"Acme Security" <security@Acme.Example>', MAIL_REPLY_TO: 'security+{token}@acme.example' });

    expect(settings).toEqual({ from: '"Acme Security" <security@Acme.Example>', replyTo: 'security+{token}@acme.example', messageIdHost: 'acme.example' });
    expect(mailMessageId(REPORT_ID, 0, settings?.messageIdHost ?? '')).toBe('<DD-0123456789AB.message-0@acme.example>');
  });

  it.each([{}, { MAIL_FROM: '' }, { MAIL_FROM: 'security' }])('is null without a usable MAIL_FROM (%j)', (env) => {
    expect(mailSettingsFromEnv(env)).toBeNull();
  });

  it('has no Reply-To when MAIL_REPLY_TO is unset', () => {
    expect(mailSettingsFromEnv({ MAIL_FROM: 'security@acme.example' })?.replyTo).toBeNull();
  });
});
