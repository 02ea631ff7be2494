import { describe, expect, it } from 'vitest';
import {
  expectValidGitHubRequest,
  findGitHubOperation,
  gitHubResponseExample,
  validateGitHubRequest,
  validateGitHubResponse,
} from '../helpers/openapi.js';

const issues = '/repos/acme/security-reports/issues';

describe('validateGitHubRequest', () => {
  it('accepts a valid issue create', () => {
    const body = { title: '[DD-0123456789AB] SQL injection', body: 'details', labels: ['security', 'triage'] };

    const problems = validateGitHubRequest('POST', issues, body);

    expect(problems).toEqual([]);
  });

  it('rejects an issue create with a property the schema does not declare', () => {
    const body = { title: 'x', body: 'y', label: ['security'] };

    const problems = validateGitHubRequest('POST', issues, body);

    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('issues/create');
    expect(problems[0]).toContain('property "label" is not declared');
  });

  it('rejects undeclared properties nested inside arrays of objects', () => {
    const body = { title: 'x', labels: [{ name: 'security', colour: 'ff0000' }] };

    const problems = validateGitHubRequest('POST', issues, body);

    expect(problems.join('\n')).toContain('property "colour" is not declared');
  });

  it('rejects labels of the wrong type', () => {
    const problems = validateGitHubRequest('POST', issues, { title: 'x', labels: 'security' });

    expect(problems.join('\n')).toContain('body.labels: must be array');
  });

  it('rejects a create-label request whose color is not a string', () => {
    const problems = validateGitHubRequest('POST', '/repos/acme/security-reports/labels', { name: 'security', color: 0xff0000 });

    expect(problems.join('\n')).toContain('body.color: must be string');
  });

  it('accepts a create-label request with name, color and description', () => {
    const body = { name: 'security', color: 'b60205', description: 'A vulnerability report' };

    expect(validateGitHubRequest('POST', '/repos/acme/security-reports/labels', body)).toEqual([]);
  });

  it('rejects a path that is not in the REST API', () => {
    const problems = validateGitHubRequest('POST', '/repos/acme/security-reports/tickets', { title: 'x' });

    expect(problems).toEqual(['POST /repos/acme/security-reports/tickets: no such operation in GitHub\'s REST API']);
  });

  it('rejects a method the path does not support', () => {
    expect(validateGitHubRequest('DELETE', issues, undefined)[0]).toContain('no such operation');
  });

  it.each([
    ['withdrawn', 1],
    ['published', 0],
  ])('checks the security-advisory state enum: %s gives %i problems', (state, count) => {
    const url = '/repos/acme/widget/security-advisories/GHSA-abcd-efgh-ijkl';

    const problems = validateGitHubRequest('PATCH', url, { state });

    expect(problems).toHaveLength(count);
    if (count > 0) expect(problems[0]).toContain('must be one of "published", "closed", "draft"');
  });

  it('accepts null where the spec says nullable', () => {
    const url = '/repos/acme/widget/security-advisories/GHSA-abcd-efgh-ijkl';

    expect(validateGitHubRequest('PATCH', url, { severity: null, cwe_ids: null })).toEqual([]);
  });

  it('rejects a body on an operation that takes none', () => {
    expect(validateGitHubRequest('GET', '/repos/acme/widget', { x: 1 })[0]).toContain('takes no request body');
  });

  it('accepts declared query parameters and rejects undeclared ones', () => {
    const good = `${issues}?state=all&since=2024-01-01T00:00:00.000Z&sort=created&direction=asc&per_page=100&page=2`;

    expect(validateGitHubRequest('GET', good, undefined)).toEqual([]);
    expect(validateGitHubRequest('GET', `${issues}?status=all`, undefined)[0]).toContain('query parameter "status" is not declared');
  });

  it('requires the query parameters the spec marks required', () => {
    expect(validateGitHubRequest('GET', '/search/issues', undefined)[0]).toContain('required query parameter "q" is missing');
    expect(validateGitHubRequest('GET', '/search/issues?q=repo%3Aacme%2Fwidget', undefined)).toEqual([]);
  });

  it('checks query parameter values against their schema', () => {
    const problems = validateGitHubRequest('GET', `${issues}?state=everything`, undefined);

    expect(problems.join('\n')).toContain('parameter.state: must be one of "open", "closed", "all"');
  });

  it('checks path parameter types, so a literal typo does not pass as an issue number', () => {
    const problems = validateGitHubRequest('PATCH', '/repos/acme/widget/issues/latest', { state: 'closed' });

    expect(problems.join('\n')).toContain('parameter.issue_number: must be integer');
  });

  it('strips a GHE /api/v3 prefix', () => {
    expect(validateGitHubRequest('POST', `/api/v3${issues}`, { title: 'x' })).toEqual([]);
  });

  it('accepts full URLs', () => {
    expect(validateGitHubRequest('POST', `http://127.0.0.1:4000/api/v3${issues}`, { title: 'x' })).toEqual([]);
  });

  it('throws with every problem listed', () => {
    const call = () => expectValidGitHubRequest('POST', issues, { title: 'x', labels: 'a', milestone_id: 3 });

    expect(call).toThrow(/body\.labels: must be array/);
    expect(call).toThrow(/property "milestone_id" is not declared/);
    expect(() => expectValidGitHubRequest('POST', issues, { title: 'x' })).not.toThrow();
  });
});

describe('findGitHubOperation', () => {
  it('prefers literal segments over parameters', () => {
    const match = findGitHubOperation('GET', '/repos/acme/widget/issues/comments');

    expect(match?.operationId).toBe('issues/list-comments-for-repo');
    expect(match?.template).toBe('/repos/{owner}/{repo}/issues/comments');
  });

  it('decodes path parameters and lets x-multi-segment parameters span slashes', () => {
    const encoded = findGitHubOperation('GET', '/repos/acme/.github/contents/.github%2Fdisclosure.yml');
    const slashed = findGitHubOperation('GET', '/repos/acme/.github/contents/.github/disclosure.yml');

    expect(encoded?.pathParams).toEqual({ owner: 'acme', repo: '.github', path: '.github/disclosure.yml' });
    expect(slashed?.pathParams).toEqual(encoded?.pathParams);
    expect(slashed?.operationId).toBe('repos/get-content');
  });

  it('returns null for unknown paths', () => {
    expect(findGitHubOperation('GET', '/nowhere')).toBeNull();
  });
});

describe('response examples', () => {
  it('gives a copy of the spec example', () => {
    const a = gitHubResponseExample('issues/create-label', 201) as { name: string };
    a.name = 'changed';

    const b = gitHubResponseExample('issues/create-label', 201) as { name: string };

    expect(b.name).toBe('bug');
  });

  it('validates a response body against the response schema', () => {
    const example = gitHubResponseExample('issues/create-label', 201);

    expect(validateGitHubResponse('issues/create-label', 201, example)).toEqual([]);
    expect(validateGitHubResponse('issues/create-label', 201, { id: 'one' }).length).toBeGreaterThan(0);
  });
});
