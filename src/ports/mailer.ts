/** One e-mail, ready to send: what `planResearcherMail` produces and a Mailer sends. */
export interface OutgoingMail {
  /** The recipient's address. */
  to: string;
  /** `MAIL_FROM`, e.g. `"Acme Security" <security@acme.example>`. */
  from: string;
  subject: string;
  /** Plain text, or an armored OpenPGP message when the researcher gave a key. */
  text: string;
  /** Extra headers, e.g. `Message-ID`, `Reply-To`, `Auto-Submitted`. */
  headers?: Record<string, string>;
  /** Message-ID (with angle brackets) this mail answers. */
  inReplyTo?: string;
  /** Message-IDs of the thread, oldest first. */
  references?: string[];
}

/**
 * The e-mail port. Throws TransientError when trying again later may work (4xx replies,
 * connection trouble, timeouts) and RefusedError when the server refused the message for
 * good (5xx, e.g. 550 mailbox unknown). Error messages never quote addresses or the
 * server's reply text, which may: only the SMTP command and code.
 */
export interface Mailer {
  send(message: OutgoingMail): Promise<{ messageId: string }>;
}

/** Who the mails come from and where replies go, from the environment. */
export interface MailSettings {
  /** `MAIL_FROM`, as given: `security@acme.example` or `"Acme Security" <security@acme.example>`. */
  from: string;
  /**
   * `MAIL_REPLY_TO` (optional): the mailbox replies go to. A `{token}` in it is replaced per
   * report by the tracking id in lower case, for plus-addressing:
   * `security+{token}@acme.example` → `security+dd-0123456789ab@acme.example`. The subject
   * carries the tracking id as well, so replies can be matched without it. Null: no Reply-To.
   */
  replyTo: string | null;
  /** The domain of MAIL_FROM, the right-hand side of every Message-ID we make. */
  messageIdHost: string;
}
