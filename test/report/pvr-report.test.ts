import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { RepositoryAdvisoryEvent, reportFromAdvisory, reporterLogin } from '../../src/report/pvr-report.js';

const require = createRequire(import.meta.url);
// The dereferenced spec has no `components`; the example lives in the referenced one.
const spec = JSON.parse(readFileSync(require.resolve('@octokit/openapi/generated/api.github.com.json'), 'utf8')) as {
  components: { examples: Record<string, { value: Record<string, unknown> }> };
};
const EXAMPLE = spec.components.examples['repository-advisory']?.value;
if (EXAMPLE === undefined) throw new Error('the OpenAPI spec has no repository-advisory example');

const V31 = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';
const V40 = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N';

function user(login: string, type = 'User'): Record<string, unknown> {
  return { login, id: 2, node_id: 'U_2', type, site_admin: false };
}

/** A webhook payload around GitHub's own example advisory, with overrides. */
function buildPayload(advisory: Record<string, unknown> = {}, action = 'reported'): unknown {
  return {
    action,
    repository_advisory: { ...structuredClone(EXAMPLE), ...advisory },
    repository: { id: 1, name: 'shop', full_name: 'acme/shop', private: false, owner: user('acme', 'Organization') },
    installation: { id: 42, node_id: 'I_42' },
    sender: user('octocat'),
  };
}

function parse(advisory: Record<string, unknown> = {}, action = 'reported'): RepositoryAdvisoryEvent {
  return RepositoryAdvisoryEvent.parse(buildPayload(advisory, action));
}

describe('RepositoryAdvisoryEvent', () => {
  it('parses GitHub’s example advisory in a reported event', () => {
    const payload = buildPayload();

    const event = RepositoryAdvisoryEvent.parse(payload);

    expect(event.action).toBe('reported');
    expect(event.repository_advisory.ghsa_id).toBe('GHSA-abcd-1234-efgh');
    expect(event.repository_advisory.published_at).toEqual(new Date('2020-01-03T00:00:00Z'));
    expect(event.repository).toEqual({ name: 'shop', owner: { login: 'acme' } });
    expect(event.installation).toEqual({ id: 42 });
  });

  it('accepts every field GitHub may send as null', () => {
    const nulls = Object.fromEntries(
      ['cve_id', 'description', 'severity', 'author', 'publisher', 'published_at', 'created_at', 'submission', 'vulnerabilities', 'cvss', 'cvss_severities', 'cwes', 'cwe_ids', 'credits', 'credits_detailed'].map((key) => [key, null]),
    );

    const result = RepositoryAdvisoryEvent.safeParse(buildPayload({ ...nulls, vulnerabilities: [{ package: null, vulnerable_version_range: null, patched_versions: null, vulnerable_functions: null }] }));

    expect(result.success).toBe(true);
  });

  it('rejects an action the repository_advisory event does not have', () => {
    const result = RepositoryAdvisoryEvent.safeParse(buildPayload({}, 'withdrawn'));

    expect(result.success).toBe(false);
  });
});

describe('reporterLogin', () => {
  it.each([
    ['a reporter credit', { credits_detailed: [{ user: user('finder-1'), type: 'reporter', state: 'pending' }] }, 'reported', 'finder-1'],
    ['the author of a reported advisory', {}, 'reported', 'octocat'],
    ['the author of a published PVR submission', { submission: { accepted: true } }, 'published', 'octocat'],
    ['nobody on an advisory staff drafted', { submission: null }, 'published', null],
    ['nobody when the reporter credit was declined and there is no author', { credits_detailed: [{ user: user('finder-1'), type: 'reporter', state: 'declined' }], author: null }, 'reported', null],
    ['nobody for a bot', { author: user('dependabot[bot]', 'Bot') }, 'reported', null],
  ])('finds %s', (_name, advisory, action, expected) => {
    const event = parse(advisory, action);

    const login = reporterLogin(event);

    expect(login).toBe(expected);
  });
});

describe('reportFromAdvisory', () => {
  it('maps GitHub’s example advisory to a report', () => {
    const event = parse();

    const input = reportFromAdvisory(event);

    expect(input).toEqual({
      title: 'A short summary of the advisory.',
      description: 'A detailed description of what the advisory entails.',
      affected: 'acme/shop (packages: pip a-package, pip another-package)',
      cvss: V31,
      contact: { github: 'octocat' },
      credit: 'name',
      language: 'en',
      attachments: [],
    });
  });

  it.each([
    ['credited in credits_detailed', { credits_detailed: [{ user: user('octocat'), type: 'finder', state: 'accepted' }] }, 'name'],
    ['credited in credits only', { credits_detailed: null, credits: [{ login: 'OctoCat', type: 'finder' }] }, 'name'],
    ['a declined credit', { credits_detailed: [{ user: user('octocat'), type: 'finder', state: 'declined' }] }, 'anonymous'],
    ['not credited', { credits: [], credits_detailed: [] }, 'anonymous'],
  ])('asks for credit by name when the reporter is %s', (_name, advisory, credit) => {
    const event = parse(advisory);

    const input = reportFromAdvisory(event);

    expect(input.credit).toBe(credit);
  });

  it('reports anonymously when there is no reporter', () => {
    const event = parse({ submission: null, credits_detailed: [] }, 'published');

    const input = reportFromAdvisory(event);

    expect(input.contact.github).toBeUndefined();
    expect(input.credit).toBe('anonymous');
  });

  it.each([
    ['the 3.1 vector first', { cvss_severities: { cvss_v3: { vector_string: V31 }, cvss_v4: { vector_string: V40 } } }, V31],
    ['the legacy vector', { cvss_severities: null, cvss: { vector_string: V31 } }, V31],
    ['a 4.0 vector when it is the only one', { cvss: null, cvss_severities: { cvss_v3: null, cvss_v4: { vector_string: V40 } } }, V40],
    ['no 3.0 vector', { cvss: { vector_string: 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }, cvss_severities: null }, undefined],
    ['no vector that does not score', { cvss: null, cvss_severities: { cvss_v3: { vector_string: 'CVSS:3.1/AV:N' }, cvss_v4: { vector_string: null } } }, undefined],
  ])('takes %s', (_name, advisory, expected) => {
    const event = parse(advisory);

    const input = reportFromAdvisory(event);

    expect(input.cvss).toBe(expected);
  });

  it.each([
    ['empty', null, 'Reported through GitHub private vulnerability reporting; the advisory gives no further description.'],
    ['short', 'XSS', 'XSS\n\nReported through GitHub private vulnerability reporting; the advisory gives no further description.'],
  ])('fills in a description that is %s', (_name, description, expected) => {
    const event = parse({ description });

    const input = reportFromAdvisory(event);

    expect(input.description).toBe(expected);
  });

  it('cuts a description over intake’s 50,000 characters and says where the rest is', () => {
    const event = parse({ description: 'x'.repeat(60_000) });

    const input = reportFromAdvisory(event);

    expect(input.description.length).toBeLessThanOrEqual(50_000);
    expect(input.description.endsWith('[Cut here: the full description is in the GitHub advisory.]')).toBe(true);
  });

  it.each([
    ['short', 'XSS', 'Private vulnerability report: XSS'],
    ['long', `${'a'.repeat(199)}😀b`, 'a'.repeat(199)],
    ['spread over lines', '  Stored XSS\n in   comments ', 'Stored XSS in comments'],
  ])('fits a %s summary into a title', (_name, summary, expected) => {
    const event = parse({ summary });

    const input = reportFromAdvisory(event);

    expect(input.title).toBe(expected);
  });

  it('names only the repository when the advisory has no named package', () => {
    const event = parse({ vulnerabilities: [{ package: { ecosystem: 'other', name: null }, vulnerable_version_range: null, patched_versions: null, vulnerable_functions: null }] });

    const input = reportFromAdvisory(event);

    expect(input.affected).toBe('acme/shop');
  });

  it('copies hostile text unchanged: filing neutralises it like any channel’s', () => {
    const hostile = '@evil <img src=x onerror=alert(1)> #1 | `code`';
    const event = parse({ summary: hostile, description: `${hostile}\n\n### Impact\n<!-- disclosure-desk:report-id=DD-0123456789AB -->` });

    const input = reportFromAdvisory(event);

    expect(input.title).toBe(hostile);
    expect(input.description).toBe(`${hostile}\n\n### Impact\n<!-- disclosure-desk:report-id=DD-0123456789AB -->`);
  });
});
