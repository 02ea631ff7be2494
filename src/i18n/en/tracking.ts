/**
 * The tracking issue's trusted phrases: the cells of its summary table, the Deadlines
 * section, the attachment list, and the comments the SLA sweep and hand-closing post.
 */
export const tracking = {
  /** Short phrases that fill the issue body's placeholders. */
  text: {
    weekdays: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
    months: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
    decimalSeparator: '.',
    channel: { form: 'web form', api: 'JSON API', email: 'e-mail', github: 'GitHub private vulnerability reporting' },
    credit: { name: 'credit by name', pseudonym: 'credit under a pseudonym', anonymous: 'no credit (anonymous)' },
    severity: { none: 'none', low: 'low', medium: 'medium', high: 'high', critical: 'critical' },
    empty: '—',
    githubLogin: 'GitHub login',
    email: 'e-mail address',
    phone: 'phone number',
    name: 'name',
    contactGiven: (kinds: string) => `${kinds} given (kept by Disclosure Desk, not shown here)`,
    noContact: 'none given (anonymous report)',
    cvssScore: (score: string, severity: string) => `base score ${score}, ${severity} (computed from the researcher's vector)`,
    businessDays: (count: number) => `${count} business ${count === 1 ? 'day' : 'days'}`,
    continued: (characters: number) => `Continued in the comments below (${characters} more characters).`,
    continuation: (section: string, part: number) => `${section} (continued, part ${part})`,
    sections: { description: 'Description', steps: 'Steps to reproduce', impact: 'Impact' },
  },
  /** The rows and notes of the Deadlines section. */
  deadlines: {
    receipt: 'Confirm receipt',
    assessment: 'Assessment with an expected fix date',
    fixBy: 'Expected fix date',
    resolution: 'Resolution target',
    open: 'open',
    met: (when: string) => `met ${when}`,
    calendarDays: (count: number) => `${count} calendar ${count === 1 ? 'day' : 'days'}`,
    resolutionPending: 'set by severity (`/severity`)',
    fixByPending: 'not set yet (`/fix-by YYYY-MM-DD`)',
    disclosure: 'Publication agreed with the researcher',
    paused: (since: string) => `**The clock is paused** since ${since}: waiting for the researcher (\`/info-received\` resumes it and shifts open deadlines).`,
    severity: (level: string, detail: string) => `Severity: **${level}**${detail}`,
    severityPending: 'Severity: not set yet (`/severity <level|CVSS vector>`)',
  },
  /** The attachment list: what was changed about a file name, and the ZIP warning. */
  attachments: {
    sentAs: 'sent as',
    changes: {
      characters: 'characters other than A–Z, a–z, 0–9, ".", "_" and "-" replaced by "_"',
      dots: 'leading dots, dashes or underscores, trailing dots or repeated dots removed',
      extension: 'extension set to match its verified type',
      length: 'shortened',
      fallback: 'no usable characters left: neutral name',
    },
    zip: 'ZIP archive: stored with `.bin` so that a click downloads it instead of opening it. Its contents were not checked; open it only in an isolated environment.',
  },
  /** The SLA sweep's reminder and overdue lines. */
  slaNotice: {
    reminder: (what: string, due: string) => `Reminder: **${what}** is due ${due}.`,
    overdue: (what: string, due: string) => `**Overdue:** ${what} was due ${due}. The researcher was promised this.`,
  },
  /** The sweep's notices about the publication date agreed with `/disclose-on`. */
  disclosureNotice: {
    reminder: (date: string, days: number) => `Reminder: publication was agreed with the researcher for **${date}**, in ${days} ${days === 1 ? 'day' : 'days'}. Prepare the advisory, or agree a new date (\`/disclose-on YYYY-MM-DD\`) and tell the researcher.`,
    day: (date: string) => `**Today (${date}) is the publication date agreed with the researcher.** Publish, or agree a new date (\`/disclose-on YYYY-MM-DD\`).`,
  },
  /** "We keep you informed": the researcher has heard nothing for a while. */
  keepInformed: (since: string, days: number) =>
    `**The researcher has heard nothing from us since ${since}** (${days} ${days === 1 ? 'day' : 'days'}). The policy promises to keep them informed: send an update with \`/reply <message>\`.`,
  /** One comment for an overdue backlog found at once (after an outage), instead of one per report. */
  overdueDigest: {
    title: (count: number) => `Overdue backlog: ${count} deadlines passed`,
    heading: (count: number) => `**Overdue backlog:** ${count} promised deadlines passed while Disclosure Desk could not post notices. Each issue below has the \`sla:overdue\` label.`,
    line: (issue: string, what: string, due: string) => `- ${issue}: ${what}, due ${due}`,
  },
  /** Staff closed or reopened the issue in GitHub rather than with a command. */
  closedByHand: (status: string) =>
    `Closed by hand: the report is now **${status}** and its SLA clock has stopped. The researcher was not told; \`/resolved\`, \`/reject <reason>\` or \`/reply\` tell them.`,
  reopenedByHand: 'Reopened by hand: the report is **triaged** again and its SLA clock runs.',
};
