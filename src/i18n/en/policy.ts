import { proseSections } from '../types.js';

/**
 * The English policy, drafted from the seed policies (shared/seeds 000, 003, 004) and the
 * Dutch NCSC guideline for coordinated vulnerability disclosure, in our own words.
 */
export const policy = {
  title: (org: string) => `Reporting a vulnerability to ${org}`,
  contents: 'Contents',
  nav: { label: 'Security pages', report: 'Report a vulnerability', policy: 'Disclosure policy', hallOfFame: 'Hall of fame' },
  headings: {
    why: 'Why we ask',
    how_to_report: 'How to report',
    what_to_include: 'What to include',
    rules: 'What is not allowed',
    out_of_scope: 'What is out of scope',
    known_issues: 'Known issues and accepted risks',
    what_to_expect: 'What you can expect from us',
    confidentiality: 'Confidentiality and privacy',
    safe_harbour: 'Safe harbour',
    credit: 'Credit, hall of fame and rewards',
  },
  prose: proseSections({
    why: (org) => ({
      paragraphs: [
        `${org} takes the security of its systems seriously. Even so, a system may have a weak spot that we have not found yet.`,
        'If you find one, please tell us, so we can fix it as quickly as possible. We would like to work with you to protect our users and our systems. This page explains how to report, what we ask of you, and what you can expect from us.',
        'This policy follows the guideline for coordinated vulnerability disclosure (CVD) of the Dutch National Cyber Security Centre (NCSC).',
      ],
    }),
    how_to_report: () => ({
      paragraphs: ['Report a vulnerability to us as soon as possible after you discover it, and to nobody else.'],
    }),
    what_to_include: () => ({
      paragraphs: ['Give us enough information to reproduce the problem, so we can solve it quickly:'],
      items: [
        'a description of the vulnerability and where it is: usually the URL or IP address of the affected system is enough, but a complex vulnerability may need more explanation;',
        'the steps you took, with the IP addresses you used;',
        'logs, screenshots or a proof of concept, where they help;',
        'the impact you think it has;',
        'your e-mail address or phone number, so we can ask you questions and thank you. You may report under a pseudonym.',
      ],
    }),
    rules: () => ({
      paragraphs: ['Handle your knowledge of the vulnerability responsibly, and do no more than needed to show the problem. Do not:'],
      items: [
        'share information about the vulnerability with others until it has been fixed;',
        'exploit the vulnerability, for example by downloading more data than needed to show it, or by viewing, changing or deleting data of others;',
        'place malware;',
        'copy, change or delete data or configurations of a system (make a directory listing or a screenshot instead);',
        'make changes to our systems;',
        'access a system repeatedly, or share your access with others;',
        'use brute force to get into a system;',
        'use denial-of-service attacks, social engineering, spam or attacks on physical security.',
      ],
      after: ['Delete any data you obtained through the vulnerability as soon as the problem has been fixed.'],
    }),
    out_of_scope: () => ({
      paragraphs: ['Please do not report the following. We do not process such reports further. Vulnerabilities in services of third parties belong with that party: use their own disclosure policy.'],
    }),
    known_issues: () => ({
      paragraphs: [
        'If we already know about a problem and are working on it, or have accepted it as a risk, we do not process your report further. We will tell you when that is the case.',
      ],
    }),
    what_to_expect: () => ({
      paragraphs: ['When you report a vulnerability that follows the rules on this page:'],
      items: [
        'we keep you informed of our progress towards a fix;',
        'we fix the problem within a reasonable time, and agree with you whether and how we publish about it once it has been fixed. We would like to be involved in any publication about it.',
      ],
    }),
    confidentiality: () => ({
      paragraphs: [
        'We treat your report confidentially. We do not share your personal details with third parties without your permission, unless the law or a court order requires us to.',
        'Personal data you may come across in our systems is protected by the General Data Protection Regulation (GDPR). Do not pass it on: doing so can be a criminal offence.',
      ],
    }),
    safe_harbour: () => ({
      paragraphs: [
        'If you act in good faith and follow the rules on this page, we will not take legal action against you, or report you to the police, because of your report.',
        'This does not apply when you exploit the vulnerability or go beyond the rules on this page.',
      ],
    }),
    credit: () => ({
      paragraphs: [
        'If you wish, we name you as the discoverer of the vulnerability when we publish about it, and in our hall of fame. You choose on the report form: by name, under a pseudonym, or not at all. We honour that choice everywhere.',
      ],
    }),
  }),
  channels: {
    form: 'Web form',
    formLink: 'Report a vulnerability',
    formEncrypted: 'With JavaScript on, the form encrypts your report in your browser with our OpenPGP key.',
    email: 'E-mail',
    emailHint: 'Please use this address for vulnerability reports only.',
    phone: 'Phone',
    phoneHint: 'If reporting does not work, call us. Please do not describe the vulnerability by phone.',
    key: 'OpenPGP key',
    fingerprint: 'Fingerprint',
    afterReport: 'After you report, you get a tracking id and a private link to a status page, where you can follow your report and reply to us.',
  },
  outOfScopeNone: 'No categories are excluded.',
  knownIssuesNow: 'Known issues and accepted risks at the moment:',
  deadlines: {
    /** `unit`: how the config counts the deadline (`sla.receipt_business_days` or `sla.receipt_calendar_days`). */
    receipt: (days: number, unit: 'business' | 'calendar') =>
      days === 0
        ? `We confirm receipt of your report on the ${unit === 'business' ? 'business day' : 'day'} we receive it.`
        : `We confirm receipt of your report within ${spanOf(days, unit)}.`,
    assessment: (days: number, unit: 'business' | 'calendar') =>
      days === 0
        ? `On the ${unit === 'business' ? 'business day' : 'day'} we receive your report, we send you our assessment of it and, where possible, an expected date for a fix.`
        : `Within ${spanOf(days, unit)}, we send you our assessment of your report and, where possible, an expected date for a fix.`,
    resolution: 'We aim to fix a confirmed vulnerability within these calendar days of receiving your report, by severity:',
    severity: { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low' },
    calendarDays: (days: number) => (days === 1 ? '1 day' : `${days} days`),
    paused: 'Days on which we wait for an answer from you do not count.',
    businessDays: (timeZone: string) => `Business days are Monday to Friday, in the time zone ${timeZone}, except public holidays.`,
    holidays: (country: string, year: number) => `Public holidays on weekdays in ${year} (${country}), which are not business days:`,
  },
  retention: (days: number) =>
    `We delete your contact details ${days === 1 ? '1 day' : `${days} days`} after we close your report. From your status page you can download what we hold about you, or have your contact details deleted sooner.`,
  hallOfFameLink: 'Our hall of fame',
  /** What happens when the researcher does not choose (config `credit.default`). */
  creditDefault: {
    anonymous: 'If you do not choose, we do not name you: credit is only given when you ask for it.',
    name: 'If you do not choose, we name you as the discoverer, unless you tell us you would rather not be named.',
  },
  rewards: {
    offered: {
      each_new_report:
        'To thank you, we offer a reward for each report of a security problem we did not know about yet. We set the amount by the severity of the problem and the quality of your report.',
      discretionary:
        'We may thank you with a reward for a report of a security problem we did not know about yet. Whether we do, and how much, is our decision, guided by the severity of the problem and the quality of your report.',
    },
    ranges: 'Reward ranges by severity:',
    fixed: 'Reward by severity:',
  },
  hallOfFame: {
    title: 'Hall of fame',
    thanks: (org: string) => `${org} thanks the security researchers below for reporting vulnerabilities responsibly.`,
    empty: 'No one has been credited yet.',
    caption: 'Credited reports, newest first',
    columns: { published: 'Published', researchers: 'Researcher', advisory: 'Advisory', summary: 'Summary', cve: 'CVE', reward: 'Reward' },
    notNamed: 'Not named',
  },
};

/** "7 business days" or "7 days": seed 003 promises the one in English and the other in Dutch. */
function spanOf(days: number, unit: 'business' | 'calendar'): string {
  if (unit === 'calendar') return days === 1 ? '1 day' : `${days} days`;
  return days === 1 ? '1 business day' : `${days} business days`;
}
