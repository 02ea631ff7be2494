/**
 * The long texts, filled by renderTemplate: `{{name}}` placeholders take values the caller
 * has already neutralised. Each ends with a newline, as the files they came from did, so the
 * rendered issue body and messages stay byte for byte the same.
 */
export const templates = {
  /** The private tracking issue's body. */
  issueBody: `{{marker}}
## {{title}}

| Tracking id | {{id}} |
| --- | --- |
| Channel | {{channel}} |
| Received | {{received_at}} |
| Affected | {{affected}} |
| CVSS | {{cvss}} |
| Credit | {{credit}} |
| Contact | {{contact}} |

> Everything below that the researcher wrote is shown as plain text: links do not work and mentions do not notify. Treat it as untrusted input.

### Description

{{description}}

### Steps to reproduce

{{steps}}

### Impact

{{impact}}

### Attachments

{{attachments}}

{{deadlines}}
`,
  /** The Deadlines section, kept up to date between its markers. */
  deadlines: `## Deadlines

{{severity}}

| Promise to the researcher | Due | Status |
| --- | --- | --- |
{{rows}}
{{note}}
`,
  /** Messages to the researcher, by the kind of staff command that sends them. */
  messages: {
    'needs-info': `We need more information to assess your report:

{{question}}

The deadlines are paused until we have your answer. You can reply on your status page.
`,
    'info-received': `Thank you, we have the information we needed. The deadlines run again.
`,
    'out-of-scope': `Your report is out of scope under our policy, in the category: {{category}}. We will not process it further. Thank you for reporting.
`,
    known: `This issue is already known to us (or is an accepted risk), so we will not process it further.{{notice}}
`,
    duplicate: `Your report describes the same problem as an earlier report we are already handling. We have closed it as a duplicate.
`,
    rejected: `We have assessed your report and do not consider it a vulnerability:

{{reason}}
`,
    accepted: `We have assessed your report and accept it as a vulnerability. We are working on a fix.
`,
    assessment: `Our assessment: we expect to fix the problem by {{date}}.
`,
    resolved: `The problem has been fixed. Thank you for your report.
`,
    reply: `{{text}}
`,
    published: `The security advisory has been published{{cve}}: {{url}}

You are credited as you chose when you reported. Thank you for your help.
`,
    'verify-fix': `We have a fix for the problem you reported and would like you to check it: does the problem still occur?{{note}}

Please answer on your status page, "Confirmed fixed" or "Not fixed", with a note if you like.
`,
    'disclosure-date': `As agreed with you, we plan to publish about this problem on {{date}}. If that date no longer suits you, please reply on your status page.
`,
    'disclosure-withdrawn': `The publication date we agreed ({{date}}) no longer stands. We will agree a new date with you.
`,
  },
  /**
   * The researcher's answer to a fix verification request as the conversation keeps it (their
   * note, if any, follows after a blank line). Plain text: the status page escapes it.
   */
  fixVerificationAnswer: {
    confirmed: 'Fix verification: confirmed fixed.',
    'not-fixed': 'Fix verification: not fixed.',
  },
};
