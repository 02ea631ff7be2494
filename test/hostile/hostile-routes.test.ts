import fc from 'fast-check';
import { afterEach, expect, it } from 'vitest';
import { describeEachBackend } from '../helpers/stores.js';
import { signWebhook } from '../helpers/probot-server.js';
import {
  apiBody,
  contentType,
  formFields,
  generatedFile,
  headerSafe,
  heavyJsonText,
  hostileHeaders,
  hostileText,
  jsonText,
  madeUpToken,
  MARKER,
  method,
  multipart,
  orgSegment,
  queryString,
  routePath,
  SEED,
  urlencoded,
} from './arbitraries.js';
import { type HostileApp, INSTALLED_ORG, startHostileApp } from './hostile-app.js';
import { checkAfterRun, checkResponse } from './response-checks.js';
import { type RawRequest, type RawResponse, sendRaw } from './raw-request.js';

// Issue 12: every route of the README's table, fuzzed through the real front door
// (`serveApp`) against the fake GitHub, with a fixed seed and a bounded number of runs.

/** Client addresses sent in proxy headers: the app trusts no proxy, and must log none of them. */
function addressesIn(headers: ReadonlyArray<readonly [string, string]>, into: Set<string>): void {
  for (const [name, value] of headers) if (/^x-real-ip$/i.test(name)) into.add(value);
}

describeEachBackend('hostile input on every route', (backend) => {
  let app: HostileApp | null = null;
  const addresses = new Set<string>();

  afterEach(async () => {
    await app?.stop();
    app = null;
    addresses.clear();
  });

  async function start(env: Record<string, string> = {}): Promise<HostileApp> {
    app = await startHostileApp({ store: await backend.open(), env });
    return app;
  }

  async function send(running: HostileApp, request: RawRequest): Promise<RawResponse> {
    addressesIn(request.headers, addresses);
    const response = await sendRaw(running.port, request);
    checkResponse(request, response);
    return response;
  }

  it('answers any method, path, query, headers and body on any route without a 5xx or a leak', async () => {
    const running = await start();

    await fc.assert(
      fc.asyncProperty(
        method,
        routePath,
        queryString,
        hostileHeaders,
        fc.option(fc.tuple(contentType, fc.oneof(apiBody, fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('latin1')))), { nil: undefined }),
        async (verb, path, query, headers, body) => {
          const all: Array<[string, string]> = body === undefined ? headers : [...headers, ['Content-Type', body[0]]];
          await send(running, { method: verb, target: `${path}${query}`, headers: all, body: body === undefined ? undefined : Buffer.from(body[1], 'latin1') });
        },
      ),
      { seed: SEED, numRuns: 100 },
    );

    checkAfterRun(running, addresses);
  });

  it('stores every report the JSON API answers 202 to, and names a field in every refusal', async () => {
    const running = await start();
    let accepted = 0;

    await fc.assert(
      fc.asyncProperty(
        fc.oneof({ weight: 5, arbitrary: fc.constant(INSTALLED_ORG) }, { weight: 1, arbitrary: orgSegment }),
        fc.oneof({ weight: 5, arbitrary: fc.constant('application/json') }, { weight: 1, arbitrary: contentType }),
        fc.oneof({ weight: 4, arbitrary: apiBody }, { weight: 1, arbitrary: heavyJsonText }, { weight: 1, arbitrary: jsonText }),
        hostileHeaders,
        async (org, type, body, headers) => {
          const response = await send(running, { method: 'POST', target: `/api/v1/orgs/${org}/reports`, headers: [...headers, ['Content-Type', type]], body: Buffer.from(body, 'utf8') });

          if (response.status === 202) {
            accepted += 1;
            const answer = JSON.parse(response.text) as { id: string; status_url: string };
            expect(answer.status_url).toMatch(/\/status\/[A-Za-z0-9_-]{43}$/);
            expect(await running.store.getReport(answer.id), `202 for a report not in the store: ${answer.id}`).not.toBeNull();
          } else {
            expect([400, 404, 413, 415]).toContain(response.status);
          }
        },
      ),
      { seed: SEED, numRuns: 100 },
    );

    expect(accepted).toBeGreaterThan(0);
    expect(await running.store.countReports()).toBe(accepted);
    checkAfterRun(running, addresses);
  });

  it('answers generated form posts, urlencoded and multipart, with pages that escape every echo', async () => {
    const running = await start();
    let confirmed = 0;

    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(`/orgs/${INSTALLED_ORG}/report`, '/orgs/ACME/report', '/orgs/globex/report'),
        formFields,
        fc.array(generatedFile, { maxLength: 3 }),
        fc.constantFrom('urlencoded', 'multipart', 'raw-urlencoded', 'raw-multipart'),
        fc.stringMatching(/^[A-Za-z0-9'()+_,-./:=?]{1,40}$/),
        hostileHeaders,
        async (target, fields, files, encoding, boundary, headers) => {
          const multi = encoding.endsWith('multipart');
          const raw = encoding.startsWith('raw');
          const body = multi ? multipart(boundary, fields, files, raw) : urlencoded(fields, raw);
          const type = multi ? `multipart/form-data; boundary=${boundary}` : 'application/x-www-form-urlencoded';

          const response = await send(running, { method: 'POST', target, headers: [...headers, ['Content-Type', type]], body });

          if (response.status === 200) {
            confirmed += 1;
            const id = /DD-[A-Z0-9-]+/.exec(response.text)?.[0];
            expect(id, 'a confirmation without a tracking id').toBeDefined();
            expect(await running.store.getReport(id ?? ''), `confirmed ${id ?? ''} but it is not in the store`).not.toBeNull();
          } else {
            expect([400, 404, 413, 415]).toContain(response.status);
          }
        },
      ),
      { seed: SEED, numRuns: 80 },
    );

    expect(confirmed).toBeGreaterThan(0);
    checkAfterRun(running, addresses);
  });

  it('answers made-up and malformed status tokens on every status route with the same plain 404', async () => {
    const running = await start();

    await fc.assert(
      fc.asyncProperty(
        madeUpToken,
        fc.constantFrom(['GET', ''], ['HEAD', ''], ['POST', ''], ['GET', '/data.json'], ['POST', '/erase']),
        fc.array(fc.tuple(fc.constantFrom('message', 'confirm', 'lang', '__proto__'), hostileText), { maxLength: 3 }),
        hostileHeaders,
        async (token, [verb, suffix], fields, headers) => {
          const body = verb === 'POST' ? urlencoded(fields, false) : undefined;

          const response = await send(running, { method: verb, target: `/status/${token}${suffix}`, headers: [...headers, ['Content-Type', 'application/x-www-form-urlencoded']], body });

          // A token segment that is no segment at all (`..`, `%2F`) is another path: 404 or 405 too.
          expect([404, 405]).toContain(response.status);
          if (response.status === 404 && verb !== 'HEAD' && /^[A-Za-z0-9_-]+$/.test(token)) expect(response.text).toBe('Not found\n');
        },
      ),
      { seed: SEED, numRuns: 80 },
    );

    checkAfterRun(running, addresses);
  });

  it('takes hostile replies on a real status page and shows them escaped', async () => {
    const running = await start();
    const filed = await sendRaw(running.port, {
      method: 'POST',
      target: `/api/v1/orgs/${INSTALLED_ORG}/reports`,
      headers: [['Content-Type', 'application/json']],
      body: Buffer.from(JSON.stringify({ title: 'A real report here', description: 'Twenty characters or more of description.', affected: 'https://shop.example.org/' })),
    });
    const statusPath = new URL((JSON.parse(filed.text) as { status_url: string }).status_url, 'http://x').pathname;
    await running.core.worker.runOnce();
    const filingRequests = running.fake.requests.length;

    await fc.assert(
      fc.asyncProperty(hostileText, queryString, hostileHeaders, async (message, query, headers) => {
        const reply = await send(running, { method: 'POST', target: `${statusPath}${query}`, headers: [...headers, ['Content-Type', 'application/x-www-form-urlencoded']], body: urlencoded([['message', message]], false) });
        const page = await send(running, { method: 'GET', target: `${statusPath}${query}`, headers });

        expect([303, 400]).toContain(reply.status);
        expect(page.status).toBe(200);
      }),
      { seed: SEED, numRuns: 40 },
    );

    const data = await send(running, { method: 'GET', target: `${statusPath}/data.json`, headers: [] });
    expect(data.status).toBe(200);
    checkAfterRun(running, addresses, filingRequests);
  });

  it('refuses webhooks with bad signatures before anything is handled', async () => {
    const running = await start();
    const signature = fc.oneof(
      fc.constant(undefined),
      fc.stringMatching(/^[0-9a-f]{64}$/).map((hex) => `sha256=${hex}`),
      fc.constantFrom('sha256=', 'sha1=abc', 'sha256=zz', `sha256=${MARKER}`, 'SHA256=00', ''),
      hostileText.map((text) => signWebhook(text)),
    );

    await fc.assert(
      fc.asyncProperty(
        fc.oneof(jsonText, fc.constant(JSON.stringify({ action: 'created', installation: { id: 99, account: { login: 'globex' } }, sender: { login: 'mallory' } }))),
        signature,
        fc.oneof(fc.constantFrom('installation', 'issue_comment', 'issues', 'repository_advisory', 'ping'), fc.stringMatching(/^[a-z_]{0,20}$/), hostileText.map(headerSafe)),
        fc.oneof(fc.constant('application/json'), contentType),
        hostileHeaders,
        async (body, sig, event, type, headers) => {
          const all: Array<[string, string]> = [...headers, ['Content-Type', type], ['X-GitHub-Event', event], ['X-GitHub-Delivery', '72d3162e-cc78-11e3-81ab-4c9367dc0958']];
          if (sig !== undefined) all.push(['X-Hub-Signature-256', sig]);

          const response = await send(running, { method: 'POST', target: '/api/github/webhooks', headers: all, body: Buffer.from(body, 'utf8') });

          expect([400, 401, 413, 415]).toContain(response.status);
        },
      ),
      { seed: SEED, numRuns: 80 },
    );

    expect(await running.store.installationRecord('globex')).toBeNull();
    expect(running.fake.requests).toEqual([]);
    checkAfterRun(running, addresses);
  });

  it('answers 429 naming the request once the limits are reached, whatever the proxy headers say', async () => {
    const running = await start({ INTAKE_RATE_LIMIT: '3/600', READ_RATE_LIMIT: '5/60' });
    let limited = 0;

    await fc.assert(
      fc.asyncProperty(method, routePath, hostileHeaders, fc.option(apiBody, { nil: undefined }), async (verb, path, headers, body) => {
        const response = await send(running, { method: verb, target: path, headers: [...headers, ['Content-Type', 'application/json']], body: body === undefined ? undefined : Buffer.from(body, 'utf8') });
        if (response.status === 429) limited += 1;
      }),
      { seed: SEED, numRuns: 60 },
    );

    expect(limited).toBeGreaterThan(0);
    checkAfterRun(running, addresses);
  });
});
