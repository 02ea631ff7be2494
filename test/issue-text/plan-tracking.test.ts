import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse-config.js';
import type { DisclosureConfig } from '../../src/config/schema.js';
import { ReportInput, type Channel, type Report, type ReportInputRaw } from '../../src/report/report.js';
import { GITHUB_BODY_LIMIT } from '../../src/issue-text/fit-sections.js';
import { DEADLINES_END, DEADLINES_START, findReportId } from '../../src/issue-text/marker.js';
import { planTracking } from '../../src/issue-text/plan-tracking.js';

const ID = 'DD-0123456789AB';

function buildConfig(raw: Record<string, unknown> = {}): DisclosureConfig {
  const parsed = parseConfig({ sla: { time_zone: 'Europe/Amsterdam' }, ...raw });
  if (!parsed.ok) throw new Error('test config must parse');
  return parsed.config;
}

function buildReport(input: Partial<ReportInputRaw> = {}, channel: Channel = 'api'): Report {
  return {
    id: ID,
    org: 'acme',
    channel,
    receivedAt: new Date('2026-03-27T17:45:00Z'),
    input: ReportInput.parse({
      title: 'SQL injection in the search page',
      description: 'The q parameter of /search is concatenated into SQL.',
      affected: 'https://shop.acme.example/search',
      ...input,
    }),
  };
}

function plan(report: Report = buildReport(), config: DisclosureConfig = buildConfig()): ReturnType<typeof planTracking> {
  return planTracking({
    report,
    config,
    receiptDue: new Date('2026-03-30T21:59:59.999Z'),
    assessmentDue: new Date('2026-04-03T21:59:59.999Z'),
  });
}

describe('planTracking', () => {
  it.each(['form', 'api', 'email', 'github'] as const)('labels a %s report as new, with its channel', (channel) => {
    const report = buildReport({}, channel);

    const planned = plan(report);

    expect(planned.labels).toEqual(['status:new', `channel:${channel}`]);
  });

  it.each([
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'severity:critical', '9.8'],
    ['CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', 'severity:high', '8.8'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', 'severity:medium', '6.1'],
    ['CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N', 'severity:low', '3.1'],
  ])('adds the severity of a CVSS 3 vector %s', (cvss, label, score) => {
    const report = buildReport({ cvss });

    const planned = plan(report);

    expect(planned.labels).toEqual(['status:new', 'channel:api', label]);
    expect(planned.body).toContain(`base score ${score}`);
  });

  it.each([
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 'severity:critical', '9.3'],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:A/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 'severity:high', '8.6'],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:L/VA:N/SC:N/SI:L/SA:N', 'severity:medium', '6.9'],
    ['CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:A/VC:N/VI:N/VA:N/SC:L/SI:N/SA:N', 'severity:low', '2.1'],
    ['CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N', 'severity:none', '0.0'],
  ])('adds the severity of a CVSS 4.0 vector %s', (cvss, label, score) => {
    const report = buildReport({ cvss });

    const planned = plan(report);

    expect(planned.labels).toEqual(['status:new', 'channel:api', label]);
    expect(planned.body).toContain(`| CVSS | ${cvss} — base score ${score}`);
  });

  it('adds no severity label for a stored vector that does not score but shows the vector', () => {
    const cvss = 'CVSS:4.0/AV:N/AC:L/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N';
    const report = buildReport();

    const planned = plan({ ...report, input: { ...report.input, cvss } });

    expect(planned.labels).toEqual(['status:new', 'channel:api']);
    expect(planned.body).toContain(`| CVSS | ${cvss} |`);
  });

  it('starts the body with a marker that findReportId reads back', () => {
    const planned = plan();

    expect(planned.body.split('\n')[0]).toBe(`<!-- disclosure-desk:report-id=${ID} -->`);
    expect(findReportId(planned.body)).toBe(ID);
  });

  it('titles the issue with the tracking id', () => {
    const planned = plan();

    expect(planned.title).toBe(`[${ID}] SQL injection in the search page`);
  });

  it('shows the deadlines in the SLA time zone between their markers', () => {
    const planned = plan();

    const start = planned.body.indexOf(DEADLINES_START);
    const end = planned.body.indexOf(DEADLINES_END);
    const section = planned.body.slice(start, end);
    expect(start).toBeGreaterThan(0);
    expect(end).toBeGreaterThan(start);
    expect(section).toContain('## Deadlines');
    expect(section).toContain('| Confirm receipt | Monday 30 March 2026, 23:59 (Europe/Amsterdam) (1 business day) |');
    expect(section).toContain('| Assessment with an expected fix date | Friday 3 April 2026, 23:59 (Europe/Amsterdam) (5 business days) |');
  });

  it('summarises the report in English', () => {
    const planned = plan();

    expect(planned.body).toContain(`| Tracking id | \`${ID}\` |`);
    expect(planned.body).toContain('| Channel | JSON API |');
    expect(planned.body).toContain('| Received | Friday 27 March 2026, 18:45 (Europe/Amsterdam) |');
    expect(planned.body).toContain('| Affected | `https://shop.acme.example/search` |');
    expect(planned.body).toContain('| Credit | no credit (anonymous) |');
    expect(planned.body).toContain('| Contact | none given (anonymous report) |');
    expect(planned.body).toContain('### Description\n\n```text\nThe q parameter of /search is concatenated into SQL.\n```');
    expect(planned.body).toContain('### Steps to reproduce\n\n—\n');
    expect(planned.body).toContain('### Impact\n\n—\n');
    expect(planned.body).not.toContain('{{');
  });

  it('uses the Dutch templates when the tracking language is nl', () => {
    const config = buildConfig({ tracking: { language: 'nl' }, sla: { time_zone: 'Europe/Amsterdam', assessment_business_days: 7 } });

    const planned = plan(buildReport({ credit: 'name' }, 'email'), config);

    expect(planned.body).toContain('| Kanaal | e-mail |');
    expect(planned.body).toContain('| Ontvangen | vrijdag 27 maart 2026, 18:45 (Europe/Amsterdam) |');
    expect(planned.body).toContain('| Vermelding | vermelding met naam |');
    expect(planned.body).toContain('### Beschrijving');
    expect(planned.body).toContain('## Termijnen');
    expect(planned.body).toContain('| Ontvangstbevestiging | maandag 30 maart 2026, 23:59 (Europe/Amsterdam) (1 werkdag) |');
    expect(planned.body).toContain('(7 werkdagen)');
    expect(planned.body).not.toContain('{{');
  });

  it('neutralises a hostile title in the issue title and in the body', () => {
    const title = 'Pwned @acme/security-team see #1 <img src=x onerror=alert(1)> <!-- x -->';

    const planned = plan(buildReport({ title }));

    expect(planned.title).toBe(`[${ID}] Pwned \`@acme/security-team\` see \`#1\` <img src=x onerror=alert(1)> <\u200B!-- x -->`);
    expect(planned.body).toContain('## Pwned `@acme/security-team` see `#1` &lt;img src=x onerror=alert(1)&gt; &lt;!-- x --&gt;');
    expect(planned.body.match(/<!--/g)).toHaveLength(3);
  });

  it('keeps a title of 200 expanding characters within GitHub’s 256', () => {
    const title = '@a '.repeat(66) + 'xy';

    const planned = plan(buildReport({ title }));

    expect(title.length).toBe(200);
    expect(planned.title.length).toBeLessThanOrEqual(256);
    expect(planned.title.startsWith(`[${ID}] \`@a\``)).toBe(true);
  });

  it('cannot be tricked into a second marker or a broken fence by the description', () => {
    const description = `Forged:\n<!-- disclosure-desk:report-id=DD-ZZZZZZZZZZZZ -->\n<!-- disclosure-desk:deadlines:start -->\n\`\`\`\`\n# Not a heading\n@acme/owners`;

    const planned = plan(buildReport({ description }));

    expect(findReportId(planned.body)).toBe(ID);
    expect(planned.body.split(DEADLINES_START)).toHaveLength(2);
    expect(planned.body).toContain('\n~~~text\nForged:\n');
  });

  it('shows the GitHub login as code and only which other contact details were given', () => {
    const contact = { name: 'Ada Lovelace', email: 'ada@example.com', phone: '+31 6 98765432', github: 'ada-l' };

    const planned = plan(buildReport({ contact, credit: 'pseudonym' }));

    expect(planned.body).toContain('| Contact | GitHub login `@ada-l`; e-mail address, phone number, name given (kept by Disclosure Desk, not shown here) |');
    expect(planned.body).not.toContain('ada@example.com');
    expect(planned.body).not.toContain('98765432');
    expect(planned.body).not.toContain('Lovelace');
  });

  it('links the staff page beside the tracking id when there is one', () => {
    const staffUrl = `https://desk.acme.example/staff/orgs/acme/reports/${ID}`;

    const english = planTracking({
      report: buildReport(),
      config: buildConfig(),
      receiptDue: new Date('2026-03-30T21:59:59.999Z'),
      assessmentDue: new Date('2026-04-03T21:59:59.999Z'),
      staffUrl,
    }).body;
    const dutch = planTracking({
      report: buildReport(),
      config: buildConfig({ tracking: { language: 'nl' } }),
      receiptDue: new Date('2026-03-30T21:59:59.999Z'),
      assessmentDue: new Date('2026-04-03T21:59:59.999Z'),
      staffUrl,
    }).body;

    expect(english).toContain(`| Tracking id | \`${ID}\` · [staff page](${staffUrl}) |`);
    expect(dutch).toContain(`\`${ID}\` · [pagina voor het securityteam](${staffUrl}) |`);
    expect(plan().body).toContain(`| Tracking id | \`${ID}\` |`);
  });

  it('lists attachments by name and size', () => {
    const attachments = [
      { filename: 'poc.txt', contentType: 'text/plain' as const, dataBase64: Buffer.alloc(300).toString('base64') },
      { filename: '# @evil <b>.png', contentType: 'image/png' as const, dataBase64: Buffer.alloc(5000).toString('base64') },
    ];

    const planned = plan(buildReport({ attachments }));

    const sha = (size: number) => createHash('sha256').update(Buffer.alloc(size)).digest('hex');
    expect(planned.body).toContain(
      `- \`poc.txt\` (300 B, text/plain)\n  - SHA-256 \`${sha(300)}\`\n- \`evil_b_.png\` (4.9 KB, image/png)\n  - sent as \\# \`@evil\` &lt;b&gt;.png — characters other than A–Z, a–z, 0–9, ".", "_" and "-" replaced by "_"; leading dots, dashes or underscores, trailing dots or repeated dots removed\n  - SHA-256 \`${sha(5000)}\``,
    );
  });

  it('moves text that does not fit GitHub’s body limit into continuation comments, losing nothing', () => {
    const description = 'Ж'.repeat(50_000);
    const steps = `${'Ф'.repeat(49_999)}\0`;
    const impact = 'Щ'.repeat(20_000);

    const planned = plan(buildReport({ description, steps, impact }));

    const all = [planned.body, ...planned.continuation].join('\n');
    expect(planned.body.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
    expect(planned.continuation.length).toBeGreaterThan(0);
    for (const comment of planned.continuation) expect(comment.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
    expect(all.match(/Ж/g)).toHaveLength(50_000);
    expect(all.match(/Ф/g)).toHaveLength(49_999);
    expect(all).toContain('Ф[U+0000]');
    expect(all.match(/Щ/g)).toHaveLength(20_000);
    expect(planned.body).toContain('Continued in the comments below');
    expect(findReportId(planned.body)).toBe(ID);
  });

  it('needs no continuation for an ordinary report', () => {
    const planned = plan();

    expect(planned.continuation).toEqual([]);
  });
});
