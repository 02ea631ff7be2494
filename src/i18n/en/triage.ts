import type { CommandParams } from '../types.js';

/**
 * What the app says to staff on a tracking issue: its triage notes, the replies to commands,
 * and the heading of a researcher's reply.
 */
export const triage = {
  /** The triage-notes comment: what the app noticed when it filed the report. */
  notes: {
    heading: '### Triage notes',
    noAsset: 'no domain, IP address or repository could be recognised in the affected field',
    noMatch: (assets: string) => `${assets} matches none of the in-scope assets in \`.github/disclosure.yml\``,
    scope: (why: string) => `**Scope unclear:** ${why}. Decide with \`/scope in\` or \`/scope out <category>\`; nothing is closed on a guess.`,
    known: (id: string, title: string, why: string) => `**Known issue candidate:** \`${id}\` (${title}): ${why}. If it is, \`/known ${id}\`.`,
    assetMatched: (pattern: string) => `asset matches \`${pattern}\``,
    keywords: (words: string) => `keywords found: ${words}`,
    duplicate: (ref: string, why: string, n: number) => `**Possible duplicate:** ${ref}: ${why}. If it is, \`/duplicate #${n}\`.`,
    sameAsset: (key: string) => `same asset \`${key}\``,
    similar: (percent: number) => `${percent}% of distinctive words in common`,
  },
  /** One confirmation line per command, by confirmation kind. */
  confirm: {
    severity: (p: CommandParams) => `Severity set to **${p.severity}**${p.score ? ` (CVSS ${p.score}, \`${p.vector}\`)` : ''}; the resolution target follows from it.`,
    'scope-in': () => 'Marked **in scope**.',
    'scope-out': (p: CommandParams) => `Marked **out of scope** (\`${p.category}\`) and closed; the researcher gets the explanation for this category.`,
    duplicate: (p: CommandParams) => `Duplicate of #${p.of}. Closed; the researcher is told.`,
    known: (p: CommandParams) => `Known issue \`${p.id}\` (${p.title}). Closed; the researcher gets the known-issue notice.`,
    'needs-info': () => 'Question recorded for the researcher. **The SLA clock is paused** until `/info-received`.',
    'needs-info-again': () => 'Question recorded for the researcher. The SLA clock was already paused.',
    'info-received': () => '**The SLA clock runs again**; open deadlines moved by the time it was paused.',
    accepted: (p: CommandParams) =>
      `**Accepted** as a vulnerability${p.repository ? ` in \`${p.repository}\`; a draft advisory will be opened there` : ''}.${p.reward ? ` Suggested reward for this severity: ${p.reward} (\`/reward <amount> <currency>\` records the decision).` : ''}`,
    advisory: (p: CommandParams) => `A draft advisory will be opened in \`${p.repository}\`.`,
    cwe: (p: CommandParams) => `CWE ids for the advisory: ${p.ids}.`,
    package: (p: CommandParams) => `Affected package \`${p.ecosystem}/${p.name}\`${p.vulnerable ? `, vulnerable \`${p.vulnerable}\`` : ''}${p.patched ? `, patched \`${p.patched}\`` : ''}.`,
    reward: (p: CommandParams) => `Reward recorded: ${p.amount}. It appears in the credit record when the advisory is published.`,
    reply: () => 'Message sent to the researcher (status page, and e-mail when they gave an address).',
    rejected: () => '**Rejected** and closed; the researcher gets the reason.',
    'fix-by': (p: CommandParams) => `Expected fix date set to **${p.date}**; the researcher gets the assessment.`,
    resolved: (p: CommandParams) =>
      `**Resolved** and closed; the researcher is told.${p.rewardDue ? ' The policy promises a reward for every new report, and none is recorded yet: record it with `/reward <amount> <currency>`.' : ''}`,
    'disclose-on': (p: CommandParams) =>
      `Publication agreed for **${p.date}**; the researcher is told.${p.days === '0' ? '' : ` A reminder comes here ${p.days} ${p.days === '1' ? 'day' : 'days'} before,`} and a notice on the day.`,
    'disclose-on-none': (p: CommandParams) => `The agreed publication date (${p.date}) is withdrawn; the researcher is told.`,
    'verify-fix': () =>
      'Fix verification requested: the researcher can answer **confirmed fixed** or **not fixed** on their status page (and is e-mailed when they gave an address). The answer comes here, with the label `fix:verified` or `fix:not-fixed`.',
  },
  /** The refusal for someone without write access. */
  refused: (login: string) => `@${login}: only people with write access to this repository can run Disclosure Desk commands. Nothing was changed.`,
  notApplied: 'not applied',
  /** The heading of a researcher's reply on the issue, by where it came from. */
  replyHeading: { 'status-page': 'Reply from the researcher (status page)', email: 'Reply from the researcher (e-mail)' },
  replyResumed: ' — the SLA clock runs again.',
  /** The researcher's answer to `/verify-fix`, posted on the issue with its label; their note follows as untrusted text. */
  fixVerification: {
    confirmed: '**Fix verification from the researcher** (status page): **confirmed fixed**.',
    'not-fixed': '**Fix verification from the researcher** (status page): **not fixed**.',
    notFixedHint: 'Nothing else was changed: plan the next fix (`/accept` reopens a resolved report, `/fix-by` sets a date), then ask again with `/verify-fix`.',
    noNote: 'No note.',
  },
};
