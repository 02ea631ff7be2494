import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createProbot, ProbotOctokit } from 'probot';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAdvisories } from '../../src/github/advisories.js';
import { createGitHubPort } from '../../src/github/github-port.js';
import { withoutBlindRetries } from '../../src/github/octokit.js';
import { RefusedError, TransientError } from '../../src/errors.js';
import { type AdvisoryPort, CvssVectorRefusedError, type NewAdvisory } from '../../src/ports/github.js';
import { type FakeGitHub, startFakeGitHub } from '../helpers/fake-github.js';
import { closeAndCheck } from '../helpers/fake-github-port.js';
import { type Desk, ORG, openDesk } from '../helpers/filed-report.js';
import { describeEachBackend } from '../helpers/stores.js';
import { TEST_APP_ID, testPrivateKey } from '../helpers/test-keys.js';

// GitHub refusing an advisory's CVSS vector, over HTTP: the gateway tells that refusal
// (a 422 that names the vector, in the shapes GitHub's validation errors take) from any
// other, and the create-advisory job, through the real gateway against the OpenAPI-checked
// fake GitHub, falls back to the severity once, under a lost answer.

const CVSS4 = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N';
const CVSS31 = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N';
const DOCS = 'https://docs.github.com/rest/security-advisories/repository-advisories#create-a-repository-security-advisory';
const RESEARCHER = 'ada-l';

/** GitHub's 422 for a request that fails validation. */
function validationFailed(errors: unknown[]): unknown {
  return { message: 'Validation Failed', errors, documentation_url: DOCS, status: '422' };
}

function newAdvisory(overrides: Partial<NewAdvisory> = {}): NewAdvisory {
  return {
    summary: 'Stored XSS in the profile page',
    description: 'The display name is rendered without escaping.\n\n<!-- dd:DD-7 -->',
    vulnerabilities: [{ ecosystem: 'npm', name: 'widget', vulnerableRange: '< 2.4.1', patchedVersions: null }],
    cvssVector: CVSS4,
    severity: null,
    cweIds: ['CWE-79'],
    credits: [],
    ...overrides,
  };
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

describe('the advisory gateway, when GitHub answers 422', () => {
  let server: Server;
  let advisories: AdvisoryPort;
  let answer: { status: number; body: unknown };
  const seen: Array<{ method: string; body: Record<string, unknown> }> = [];

  beforeEach(async () => {
    seen.length = 0;
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        seen.push({ method: req.method ?? '', body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown> });
        res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(answer.body));
      });
    });
    const host = await listen(server);
    const octokit = withoutBlindRetries(new ProbotOctokit({ auth: { token: 'test-token' }, baseUrl: `http://${host}`, retry: { enabled: false }, throttle: { enabled: false } }));
    advisories = createAdvisories(octokit, () => new Date());
  });

  afterEach(() => close(server));

  it.each([
    ['an errors entry naming the field', [{ resource: 'RepositoryAdvisory', code: 'invalid', field: 'cvss_vector_string' }], 'Validation Failed: cvss_vector_string invalid'],
    [
      'an errors entry with its own message',
      [{ resource: 'RepositoryAdvisory', code: 'custom', field: 'cvss_vector_string', message: 'CVSS 4.0 vectors are not supported' }],
      'Validation Failed: CVSS 4.0 vectors are not supported',
    ],
    ['an errors entry that is a string', ['Cvss vector string is invalid'], 'Validation Failed: Cvss vector string is invalid'],
  ])('turns a refused vector into CvssVectorRefusedError: %s', async (_name, errors, detail) => {
    answer = { status: 422, body: validationFailed(errors) };

    const error: unknown = await advisories.createAdvisory('acme', 'widget', newAdvisory()).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(CvssVectorRefusedError);
    expect(error).toBeInstanceOf(RefusedError);
    expect(error).toMatchObject({ status: 422, detail, message: 'create advisory: CVSS vector refused (422)' });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.body.cvss_vector_string).toBe(CVSS4);
  });

  it('turns a message naming the vector into CvssVectorRefusedError', async () => {
    answer = { status: 422, body: { message: 'Not a valid CVSS 4 vector string', documentation_url: DOCS } };

    await expect(advisories.createAdvisory('acme', 'widget', newAdvisory())).rejects.toMatchObject({ name: 'RefusedError', detail: 'Not a valid CVSS 4 vector string' });
    await expect(advisories.createAdvisory('acme', 'widget', newAdvisory())).rejects.toBeInstanceOf(CvssVectorRefusedError);
  });

  it('turns a refused vector on an update into CvssVectorRefusedError, and sends a severity with the vector cleared', async () => {
    answer = { status: 422, body: validationFailed([{ resource: 'RepositoryAdvisory', code: 'invalid', field: 'cvss_vector_string' }]) };

    await expect(advisories.updateAdvisory('acme', 'widget', 'GHSA-2345-6789-cfgh', { cweIds: ['CWE-79'], cvssVector: CVSS4 })).rejects.toBeInstanceOf(CvssVectorRefusedError);

    answer = { status: 200, body: {} };
    await advisories.updateAdvisory('acme', 'widget', 'GHSA-2345-6789-cfgh', { cweIds: ['CWE-79'], cvssVector: null, severity: 'critical' }).catch(() => undefined);
    expect(seen.map((s) => s.body)).toEqual([
      { cwe_ids: ['CWE-79'], cvss_vector_string: CVSS4 },
      { cwe_ids: ['CWE-79'], cvss_vector_string: null, severity: 'critical' },
    ]);
  });

  it.each([
    ['a 422 about another field', 422, validationFailed([{ resource: 'RepositoryAdvisory', code: 'invalid', field: 'summary' }])],
    ['a 422 with only "Validation Failed"', 422, { message: 'Validation Failed', documentation_url: DOCS }],
    ['a 403 that mentions CVSS', 403, { message: 'Resource not accessible by integration (cvss)', documentation_url: DOCS }],
  ])('keeps %s a plain refusal', async (_name, status, body) => {
    answer = { status, body };

    const error: unknown = await advisories.createAdvisory('acme', 'widget', newAdvisory()).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RefusedError);
    expect(error).not.toBeInstanceOf(CvssVectorRefusedError);
  });

  it('keeps a 422 naming CVSS a plain refusal when the request carried no vector', async () => {
    answer = { status: 422, body: { message: 'Cannot update severity value when CVSS is set.', documentation_url: DOCS } };

    const created: unknown = await advisories.createAdvisory('acme', 'widget', newAdvisory({ cvssVector: null, severity: 'high' })).catch((e: unknown) => e);
    const updated: unknown = await advisories.updateAdvisory('acme', 'widget', 'GHSA-2345-6789-cfgh', { severity: 'high' }).catch((e: unknown) => e);

    for (const error of [created, updated]) {
      expect(error).toBeInstanceOf(RefusedError);
      expect(error).not.toBeInstanceOf(CvssVectorRefusedError);
    }
  });

  it('keeps a 5xx transient, and sends the create once', async () => {
    answer = { status: 502, body: { message: 'Server Error' } };

    await expect(advisories.createAdvisory('acme', 'widget', newAdvisory())).rejects.toBeInstanceOf(TransientError);
    expect(seen).toHaveLength(1);
  });
});

/**
 * A GitHub that refuses CVSS 4.0 vectors on repository advisories, as a proxy in front of
 * the fake: a create or update carrying one gets GitHub's 422 (nothing reaches the fake);
 * everything else goes to the fake, which checks it against the OpenAPI description.
 */
async function refusing4(fake: FakeGitHub): Promise<{ host: string; refused: string[]; close(): Promise<void> }> {
  const refused: string[] = [];
  const [upstreamHost = '', upstreamPort = ''] = fake.host.split(':');
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const path = (req.url ?? '').split('?')[0] ?? '';
      if ((req.method === 'POST' || req.method === 'PATCH') && /\/security-advisories(\/[^/]+)?$/.test(path) && /"cvss_vector_string":"CVSS:4\.0\//.test(body.toString('utf8'))) {
        refused.push(`${req.method} ${path}`);
        res.writeHead(422, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(validationFailed([{ resource: 'RepositoryAdvisory', code: 'invalid', field: 'cvss_vector_string' }])));
        return;
      }
      const headers: IncomingHttpHeaders = { ...req.headers, host: fake.host };
      const upstream = request({ host: upstreamHost, port: Number(upstreamPort), method: req.method, path: req.url, headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      // The fake dropped the connection (a lost answer): so does GitHub, as the app sees it.
      upstream.on('error', () => res.destroy());
      upstream.end(body);
    });
  });
  const host = await listen(server);
  return { host, refused, close: () => close(server) };
}

describeEachBackend('a refused CVSS vector through the gateway and the OpenAPI-checked fake GitHub', (backend) => {
  let fake: FakeGitHub;
  let proxy: Awaited<ReturnType<typeof refusing4>>;
  let desk: Desk;

  beforeEach(async () => {
    fake = await startFakeGitHub();
    fake.addOrg(ORG, 7);
    fake.addRepo(ORG, 'widget', { private: false });
    proxy = await refusing4(fake);
    const probot = createProbot({
      env: { APP_ID: String(TEST_APP_ID), PRIVATE_KEY: testPrivateKey(), GHE_HOST: proxy.host, GHE_PROTOCOL: 'http', LOG_LEVEL: 'fatal' },
      defaults: { Octokit: ProbotOctokit.defaults((options: object) => ({ ...options, retry: { enabled: false }, throttle: { enabled: false } })) },
    });
    const gateway = createGitHubPort(probot, () => new Date());
    desk = await openDesk(await backend.open());
    desk.github.repos.set(`${ORG}/widget`, { private: false, archived: false });
    // The tracking issue stays in memory; the advisory goes over HTTP.
    desk.github.advisories = (installationId: number) => gateway.advisories(installationId);
  });

  afterEach(async () => {
    await proxy.close();
    await closeAndCheck(fake);
  });

  function notes(issueNumber: number): string[] {
    return desk.commentsOn(issueNumber).filter((body) => body.includes('GitHub refused the CVSS vector'));
  }

  function createBodies(): Array<Record<string, unknown>> {
    return fake.requests.filter((r) => r.operationId === 'security-advisories/create-repository-advisory').map((r) => r.body as Record<string, unknown>);
  }

  it('opens one draft with the severity and notes the refusal once, though the answer to that create was lost', async () => {
    const report = await desk.file({ cvss: CVSS4, contact: { github: RESEARCHER }, credit: 'name' });
    fake.failNext({ kind: 'lost-answer', method: 'POST', path: /\/security-advisories$/ });

    await desk.comment(report.issueNumber, '/accept acme/widget', { commentId: 91 });
    await desk.core.worker.runOnce();

    expect(fake.advisoriesOf(ORG, 'widget')).toHaveLength(1);
    expect((await desk.store.getJob('advisory:91'))?.state).toBe('pending');

    desk.setNow(new Date(desk.now().getTime() + 60_000));
    await desk.core.worker.runOnce();

    const advisories = fake.advisoriesOf(ORG, 'widget');
    expect(advisories).toHaveLength(1);
    const [advisory] = advisories;
    expect(advisory).toMatchObject({ severity: 'critical', cvssVector: null, collaboratingUsers: [RESEARCHER] });
    expect(proxy.refused).toEqual(['POST /api/v3/repos/acme/widget/security-advisories']);
    const [body] = createBodies();
    expect(createBodies()).toHaveLength(1);
    expect(body).toMatchObject({ severity: 'critical' });
    expect(body).not.toHaveProperty('cvss_vector_string');
    expect(notes(report.issueNumber)).toHaveLength(1);
    expect((await desk.store.getTriage(report.id))?.ghsaId).toBe(advisory?.ghsaId);
    expect((await desk.store.getJob('advisory:91'))?.state).toBe('done');

    // A /cwe update meets the same refusal: it goes with the severity, and no second note.
    await desk.comment(report.issueNumber, '/cwe CWE-79');
    await desk.core.worker.runOnce();

    expect(fake.advisoriesOf(ORG, 'widget')[0]).toMatchObject({ cweIds: ['CWE-79'], severity: 'critical', cvssVector: null });
    expect(proxy.refused).toHaveLength(2);
    expect(notes(report.issueNumber)).toHaveLength(1);
  });

  it('sends a 3.1 vector, which GitHub takes, as before', async () => {
    const report = await desk.file({ cvss: CVSS31 });

    await desk.comment(report.issueNumber, '/accept acme/widget');
    await desk.core.worker.runOnce();

    expect(proxy.refused).toEqual([]);
    expect(createBodies()).toEqual([expect.objectContaining({ cvss_vector_string: CVSS31 })]);
    expect(createBodies()[0]).not.toHaveProperty('severity');
    expect(fake.advisoriesOf(ORG, 'widget')[0]).toMatchObject({ cvssVector: CVSS31, severity: 'medium' });
    expect(notes(report.issueNumber)).toEqual([]);
  });
});

describeEachBackend('a CVSS 4.0 vector GitHub takes, through the gateway and the OpenAPI-checked fake GitHub', (backend) => {
  let fake: FakeGitHub;
  let desk: Desk;

  beforeEach(async () => {
    fake = await startFakeGitHub();
    fake.addOrg(ORG, 7);
    fake.addRepo(ORG, 'widget', { private: false });
    const probot = createProbot({
      env: { APP_ID: String(TEST_APP_ID), PRIVATE_KEY: testPrivateKey(), GHE_HOST: fake.host, GHE_PROTOCOL: 'http', LOG_LEVEL: 'fatal' },
      defaults: { Octokit: ProbotOctokit.defaults((options: object) => ({ ...options, retry: { enabled: false }, throttle: { enabled: false } })) },
    });
    const gateway = createGitHubPort(probot, () => new Date());
    desk = await openDesk(await backend.open());
    desk.github.repos.set(`${ORG}/widget`, { private: false, archived: false });
    desk.github.advisories = (installationId: number) => gateway.advisories(installationId);
  });

  afterEach(() => closeAndCheck(fake));

  it('opens the draft with cvss_vector_string and no severity, and sends the vector again with /cwe', async () => {
    const report = await desk.file({ cvss: CVSS4 });

    await desk.comment(report.issueNumber, '/accept acme/widget');
    await desk.core.worker.runOnce();
    await desk.comment(report.issueNumber, '/cwe CWE-79');
    await desk.core.worker.runOnce();

    const bodies = (operationId: string) => fake.requests.filter((r) => r.operationId === operationId).map((r) => r.body as Record<string, unknown>);
    const [created] = bodies('security-advisories/create-repository-advisory');
    expect(created).toMatchObject({ cvss_vector_string: CVSS4 });
    expect(created).not.toHaveProperty('severity');
    expect(bodies('security-advisories/update-repository-advisory')).toEqual([{ cwe_ids: ['CWE-79'], cvss_vector_string: CVSS4 }]);
    expect(fake.advisoriesOf(ORG, 'widget')).toHaveLength(1);
    expect(fake.advisoriesOf(ORG, 'widget')[0]).toMatchObject({ cvssVector: CVSS4, severity: 'critical', cweIds: ['CWE-79'] });
    expect(desk.commentsOn(report.issueNumber).some((body) => body.includes('GitHub refused the CVSS vector'))).toBe(false);
  });
});
