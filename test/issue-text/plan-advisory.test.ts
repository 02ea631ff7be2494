import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse-config.js';
import { extractSection, planAdvisory, type PlanAdvisoryInput } from '../../src/issue-text/plan-advisory.js';
import type { NewAdvisory } from '../../src/ports/github.js';
import { neutraliseMarkdown } from '../../src/report/neutralise.js';
import { ReportInput, type Report, type ReportInputRaw } from '../../src/report/report.js';
import { DEADLINES_START, findReportId } from '../../src/issue-text/marker.js';
import { planTracking } from '../../src/issue-text/plan-tracking.js';
import { expectValidGitHubRequest } from '../helpers/openapi.js';

const ID = 'DD-0123456789AB';
const CREATE_URL = '/repos/acme/shop/security-advisories';

/** A tracking issue exactly as our filing code writes it. */
function trackingIssue(input: Partial<ReportInputRaw> = {}, language: 'en' | 'nl' = 'en'): { title: string; body: string } {
  const parsed = parseConfig({ tracking: { language }, sla: { time_zone: 'Europe/Amsterdam' } });
  if (!parsed.ok) throw new Error('test config must parse');
  const report: Report = {
    id: ID,
    org: 'acme',
    channel: 'api',
    receivedAt: new Date('2026-03-27T17:45:00Z'),
    input: ReportInput.parse({
      title: 'SQL injection in the search page',
      description: 'The q parameter of /search is concatenated into SQL.',
      impact: 'Anyone can read the customer table.',
      affected: 'https://shop.acme.example/search',
      ...input,
    }),
  };
  const plan = planTracking({ report, config: parsed.config, receiptDue: new Date('2026-03-30T21:59:59Z'), assessmentDue: new Date('2026-04-03T21:59:59Z') });
  return { title: plan.title, body: plan.body };
}

function buildInput(overrides: Partial<PlanAdvisoryInput> = {}): PlanAdvisoryInput {
  const issue = trackingIssue();
  return {
    reportId: ID,
    issueTitle: issue.title,
    issueBody: issue.body,
    cvssVector: null,
    severity: 'high',
    cweIds: [],
    packages: [],
    repository: { owner: 'acme', repo: 'shop' },
    researcher: { github: 'octocat', credit: 'name' },
    ...overrides,
  };
}

/** The body of POST /repos/{owner}/{repo}/security-advisories for a planned advisory. */
function toRequestBody(advisory: NewAdvisory): Record<string, unknown> {
  return {
    summary: advisory.summary,
    description: advisory.description,
    vulnerabilities: advisory.vulnerabilities.map((v) => ({
      package: { ecosystem: v.ecosystem, name: v.name },
      vulnerable_version_range: v.vulnerableRange,
      patched_versions: v.patchedVersions,
    })),
    ...(advisory.cvssVector === null ? { severity: advisory.severity } : { cvss_vector_string: advisory.cvssVector }),
    cwe_ids: advisory.cweIds,
    credits: advisory.credits,
  };
}

describe('planAdvisory', () => {
  it('takes the summary from the issue title without the tracking prefix', () => {
    const input = buildInput();

    const advisory = planAdvisory(input);

    expect(input.issueTitle).toBe(`[${ID}] SQL injection in the search page`);
    expect(advisory.summary).toBe('SQL injection in the search page');
  });

  it('keeps a long summary on one line within 1024 characters', () => {
    const input = buildInput({ issueTitle: `[${ID}] ${'word '.repeat(400)}\nsecond line` });

    const advisory = planAdvisory(input);

    expect(advisory.summary.length).toBeLessThanOrEqual(1024);
    expect(advisory.summary).not.toContain('\n');
    expect(advisory.summary.endsWith('…')).toBe(true);
    expectValidGitHubRequest('POST', CREATE_URL, toRequestBody(advisory));
  });

  it('copies the Description and Impact blocks verbatim, then the tracking id and the hidden marker', () => {
    const input = buildInput();

    const advisory = planAdvisory(input);

    expect(advisory.description).toBe(
      [
        '### Description',
        neutraliseMarkdown('The q parameter of /search is concatenated into SQL.'),
        '### Impact',
        neutraliseMarkdown('Anyone can read the customer table.'),
        '---',
        `Reported through Disclosure Desk, tracking id \`${ID}\`.`,
        `<!-- disclosure-desk:report-id=${ID} -->`,
      ].join('\n\n'),
    );
    expect(findReportId(advisory.description)).toBe(ID);
  });

  it('never takes a heading inside the researcher text for a section', () => {
    const hostile = 'Intro\n```\n### Impact\n@evil <img src=x onerror=alert(1)> see #1\n~~~\n### Description\n<!-- disclosure-desk:report-id=DD-ZZZZZZZZZZZZ -->';
    const issue = trackingIssue({ description: hostile, impact: '### Steps to reproduce\n@team ping' });
    const input = buildInput({ issueTitle: issue.title, issueBody: issue.body });

    const advisory = planAdvisory(input);

    expect(advisory.description).toContain(`### Description\n\n${neutraliseMarkdown(hostile)}\n\n### Impact\n\n${neutraliseMarkdown('### Steps to reproduce\n@team ping')}\n\n---`);
    expect(findReportId(advisory.description)).toBe(ID);
  });

  it('leaves out an Impact section the researcher left empty', () => {
    const issue = trackingIssue({ impact: undefined });
    const input = buildInput({ issueBody: issue.body });

    const advisory = planAdvisory(input);

    expect(advisory.description).toContain('### Description');
    expect(advisory.description).not.toContain('### Impact');
  });

  it('finds the sections of a Dutch tracking issue and gives them English headings', () => {
    const issue = trackingIssue({}, 'nl');
    const input = buildInput({ issueTitle: issue.title, issueBody: issue.body });

    const advisory = planAdvisory(input);

    expect(issue.body).toContain('### Beschrijving');
    expect(advisory.description.startsWith(`### Description\n\n${neutraliseMarkdown('The q parameter of /search is concatenated into SQL.')}\n\n### Impact`)).toBe(true);
  });

  it('points to the tracking issue when staff rewrote the body', () => {
    const input = buildInput({ issueBody: 'Rewritten by staff: see the call notes.' });

    const advisory = planAdvisory(input);

    expect(advisory.description).toContain(`The details of this vulnerability are in the private tracking issue of report \`${ID}\``);
    expect(advisory.description).not.toContain('Rewritten by staff');
    expect(findReportId(advisory.description)).toBe(ID);
  });

  it.each([
    ['a CVSS 3.1 vector', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'high' as const, 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', null],
    ['a CVSS 4.0 vector, with a severity', 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 'medium' as const, 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', null],
    ['a CVSS 3.0 vector, without a severity', 'CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', null, null, 'high'],
    ['a 3.1 vector that does not score', 'CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'low' as const, null, 'low'],
    ['no vector', null, 'critical' as const, null, 'critical'],
    ['severity none', null, 'none' as const, null, null],
    ['nothing', null, null, null, null],
  ])('sends %s as GitHub accepts it', (_name, cvssVector, severity, expectedVector, expectedSeverity) => {
    const input = buildInput({ cvssVector, severity });

    const advisory = planAdvisory(input);

    expect(advisory.cvssVector).toBe(expectedVector);
    expect(advisory.severity).toBe(expectedSeverity);
    expectValidGitHubRequest('POST', CREATE_URL, toRequestBody(advisory));
  });

  it.each([
    ['credit by name', { github: 'octocat', credit: 'name' as const }, [{ login: 'octocat', type: 'finder' }]],
    ['credit under a pseudonym that is the login', { github: 'octocat', credit: 'pseudonym' as const, name: 'OctoCat' }, [{ login: 'octocat', type: 'finder' }]],
    ['credit under a pseudonym that is not the login (the login would undo it)', { github: 'octocat', credit: 'pseudonym' as const, name: 'Ghost' }, []],
    ['an anonymous researcher', { github: 'octocat', credit: 'anonymous' as const }, []],
    ['no GitHub login', { github: null, credit: 'name' as const }, []],
    ['a login that is not one', { github: '@evil team', credit: 'name' as const }, []],
    ['no researcher', null, []],
  ])('credits the finder for %s', (_name, researcher, credits) => {
    const input = buildInput({ researcher });

    const advisory = planAdvisory(input);

    expect(advisory.credits).toEqual(credits);
  });

  it('names the repository as the affected product when staff gave no package', () => {
    const input = buildInput({ packages: [] });

    const advisory = planAdvisory(input);

    expect(advisory.vulnerabilities).toEqual([{ ecosystem: 'other', name: 'shop', vulnerableRange: null, patchedVersions: null }]);
  });

  it('sends the packages staff gave', () => {
    const packages = [{ ecosystem: 'npm' as const, name: 'acme-shop', vulnerableRange: '< 2.1.0', patchedVersions: '2.1.0' }];
    const input = buildInput({ packages });

    const advisory = planAdvisory(input);

    expect(advisory.vulnerabilities).toEqual(packages);
    expectValidGitHubRequest('POST', CREATE_URL, toRequestBody(advisory));
  });

  it('deduplicates and upper-cases CWE ids and drops anything else', () => {
    const input = buildInput({ cweIds: ['cwe-89', 'CWE-89', ' CWE-79 ', 'CWE-', 'XSS', 'CWE-79x'] });

    const advisory = planAdvisory(input);

    expect(advisory.cweIds).toEqual(['CWE-89', 'CWE-79']);
  });

  it('plans a request body that matches the OpenAPI schema', () => {
    const input = buildInput({ cvssVector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', cweIds: ['CWE-89'] });

    const advisory = planAdvisory(input);

    expectValidGitHubRequest('POST', CREATE_URL, toRequestBody(advisory));
  });
});

describe('extractSection', () => {
  it('ends a section at the next heading', () => {
    const body = '### Description\n\nfirst\n\nsecond\n\n### Impact\n\nthird\n';

    const description = extractSection(body, 'Description');
    const impact = extractSection(body, 'Impact');

    expect(description).toBe('first\n\nsecond');
    expect(impact).toBe('third');
  });

  it('ends a section at the deadlines marker', () => {
    const body = `### Attachments\n\nnone\n\n${DEADLINES_START}\n#### Deadlines\n`;

    const section = extractSection(body, 'Attachments');

    expect(section).toBe('none');
  });

  it.each([
    ['a missing heading', '### Impact\n\ntext'],
    ['a heading only inside a code block', '```text\n### Description\n```\n'],
    ['a section that ends inside an unclosed fence', '### Description\n\n````text\nraw @mention\n```\n'],
  ])('returns null for %s', (_name, body) => {
    const section = extractSection(body, 'Description');

    expect(section).toBeNull();
  });
});
