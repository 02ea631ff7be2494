/** E-mail to the researcher: subjects by message kind, the acknowledgement and the footer. */
export const mail = {
  /** By mail kind; a staff message kind without a subject fails the typecheck where it is sent. */
  subjects: {
    acknowledgement: 'We received your report',
    'needs-info': 'We need more information',
    'info-received': 'Information received',
    'out-of-scope': 'Your report is out of scope',
    known: 'Known issue',
    duplicate: 'Duplicate report',
    rejected: 'Assessment of your report',
    accepted: 'Your report was accepted',
    assessment: 'Our assessment and expected fix date',
    resolved: 'The problem has been fixed',
    reply: 'Message from the security team',
    published: 'Security advisory published',
    'verify-fix': 'Please check our fix',
    'disclosure-date': 'Agreed publication date',
    'disclosure-withdrawn': 'Publication date withdrawn',
  },
  /** The subject of an encrypted mail: it must not tell what the message says. */
  neutralSubject: 'Message from the security team',
  /** The acknowledgement of a new report, one paragraph per item. */
  acknowledgement: {
    received: (id: string) => `Thank you for your report. We have received it under tracking id ${id}.`,
    promise: (receiptDue: string, assessmentDue: string) =>
      `The security team will confirm that it is handling your report by ${receiptDue}, and send you an assessment with an expected fix date by ${assessmentDue}.`,
    /** When the organisation promises only one of the two deadlines (config `sla.promises`). */
    promiseReceipt: (receiptDue: string) => `The security team will confirm that it is handling your report by ${receiptDue}.`,
    promiseAssessment: (assessmentDue: string) => `The security team will send you an assessment with an expected fix date by ${assessmentDue}.`,
    confidential: 'Please do not share information about the vulnerability with third parties until it has been fixed.',
    /** Above the receipt: the report as received, its SHA-256 and the time, signed when the organisation has a key. */
    receipt: (signed: boolean): string =>
      signed
        ? 'Your receipt follows: the report exactly as we received it, its SHA-256 and the time of receipt, signed with our OpenPGP key. Save it as receipt.asc and check it with gpg --verify receipt.asc.'
        : 'Your receipt follows: the report exactly as we received it, its SHA-256 and the time of receipt.',
  },
  footer: {
    trackingId: 'Tracking id',
    statusLink: (url: string) => `Follow your report and reply on its status page: ${url}`,
    noStatusLink: 'Follow your report and reply through the status page link you were given when you reported.',
    canReply: 'You can also reply to this e-mail; please keep the tracking id in the subject.',
  },
};
