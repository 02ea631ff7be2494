import { createHmac } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createFrontDoor, type FrontDoor } from '../../src/server/front-door.js';
import type { FrontDoorLimits } from '../../src/server/front-door-limits.js';
import type { FrontDoorLog } from '../../src/server/front-door-log.js';
import { createWebhookRoute, type WebhookDelivery } from '../../src/server/webhook-route.js';
import { BodyReadError, BodyTooLargeError, readBody } from '../../src/web/http/read-body.js';
import { rawClient, trickle } from './raw-client.js';

const SECRET = 'front-door-test-secret';
const MARKER = 'PAYLOAD-MARKER-7f3a';
const TEST_IP = '203.0.113.77';
const TEST_AGENT = 'ResearcherBrowser/9.9 (marker-agent)';
const KIB = 1024;

/** Small limits so every cut happens in well under a second or two. */
const SMALL: Partial<FrontDoorLimits> = {
  maxInflightBytes: 256 * KIB,
  maxRequestBytes: 128 * KIB,
  headersTimeoutMs: 600,
  idleTimeoutMs: 400,
  minBytesPerSecond: 20 * KIB,
  rateGraceMs: 500,
  requestTimeoutMs: 1_500,
  checkIntervalMs: 100,
  keepAliveTimeoutMs: 500,
  retryAfterSeconds: 7,
};

interface Started {
  door: FrontDoor;
  base: string;
  port: number;
  lines: string[];
  delivered: WebhookDelivery[];
}

let running: FrontDoor | null = null;

afterEach(async () => {
  await running?.close(100);
  running = null;
});

function capturingLog(lines: string[]): FrontDoorLog {
  const write = (level: string) => (meta: object, message: string) => lines.push(JSON.stringify({ level, ...meta, msg: message }));
  return { info: write('info'), warn: write('warn'), error: write('error') };
}

/** A JSON route that reads its body the way the intake does. */
async function echoRoute(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  if (req.url !== '/echo') return false;
  try {
    const body = await readBody(req, 96 * KIB);
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end(String(body.length));
  } catch (error) {
    if (!(error instanceof BodyTooLargeError || error instanceof BodyReadError)) throw error;
    res.writeHead(error instanceof BodyTooLargeError ? 413 : 400, { Connection: 'close' });
    res.end();
  }
  return true;
}

/** Reads any body to its end and discards it. */
function sinkRoute(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.url !== '/sink') return false;
  req.resume();
  req.on('end', () => res.end('ok'));
  return true;
}

async function start(limits: Partial<FrontDoorLimits> = SMALL): Promise<Started> {
  const lines: string[] = [];
  const delivered: WebhookDelivery[] = [];
  const log = capturingLog(lines);
  const webhooks = createWebhookRoute({
    path: '/api/github/webhooks',
    secret: SECRET,
    log,
    maxBytes: 64 * KIB,
    receive: async (delivery) => {
      if ((delivery.payload as { action?: string }).action === 'explode') throw new TypeError(`handler choked on ${MARKER}`);
      delivered.push(delivery);
    },
  });
  const crash = (req: IncomingMessage) => {
    if (req.url === '/crash') throw new RangeError(`route choked on ${MARKER}`);
    return false;
  };
  const door = createFrontDoor({ routes: [webhooks, crash, echoRoute, sinkRoute], log, limits, webhookPath: '/api/github/webhooks' });
  running = door;
  const { port } = await door.listen(0, '127.0.0.1');
  return { door, base: `http://127.0.0.1:${port}`, port, lines, delivered };
}

function sign(body: string | Buffer, secret = SECRET): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

function researcherHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return { 'user-agent': TEST_AGENT, 'x-forwarded-for': TEST_IP, 'x-real-ip': TEST_IP, ...extra };
}

function webhookHeaders(body: string, extra: Record<string, string> = {}): Record<string, string> {
  return researcherHeaders({ 'content-type': 'application/json', 'x-github-event': 'issues', 'x-github-delivery': 'abc-123', 'x-hub-signature-256': sign(body), ...extra });
}

const payload = (action = 'opened') => JSON.stringify({ action, issue: { body: `report text ${MARKER}` } });

function rawHead(path: string, headers: Record<string, string>): string {
  return `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('')}\r\n`;
}

describe('webhook route', () => {
  it('hands a correctly signed delivery to the app, parsed, and answers 200', async () => {
    const { base, delivered } = await start();
    const body = payload();

    const response = await fetch(`${base}/api/github/webhooks`, { method: 'POST', body, headers: webhookHeaders(body) });

    expect(response.status).toBe(200);
    expect(delivered).toEqual([{ id: 'abc-123', name: 'issues', payload: JSON.parse(body) }]);
  });

  it('refuses a wrongly signed delivery with 401 and one line without the payload', async () => {
    const { base, delivered, lines } = await start();
    const body = payload();

    const response = await fetch(`${base}/api/github/webhooks`, { method: 'POST', body, headers: webhookHeaders(body, { 'x-hub-signature-256': sign(body, 'not-the-secret') }) });

    expect(response.status).toBe(401);
    expect(delivered).toEqual([]);
    const refusals = lines.filter((line) => line.includes('webhook refused'));
    expect(refusals).toHaveLength(1);
    expect(JSON.parse(refusals[0] ?? '{}')).toMatchObject({ deliveryId: 'abc-123', event: 'issues', reason: 'signature mismatch', status: 401 });
  });

  it('refuses an unsigned delivery with 400', async () => {
    const { base, delivered } = await start();
    const body = payload();
    const headers = webhookHeaders(body);
    delete headers['x-hub-signature-256'];

    const response = await fetch(`${base}/api/github/webhooks`, { method: 'POST', body, headers });

    expect(response.status).toBe(400);
    expect(delivered).toEqual([]);
  });

  it('refuses signed malformed JSON with 400 without parsing it into the log', async () => {
    const { base, lines } = await start();
    const body = `{"action": "opened", "x": "${MARKER}"`;

    const response = await fetch(`${base}/api/github/webhooks`, { method: 'POST', body, headers: webhookHeaders(body) });

    expect(response.status).toBe(400);
    expect(lines.some((line) => line.includes('malformed JSON'))).toBe(true);
  });

  it('answers 500 when a handler throws and logs the error name only', async () => {
    const { base, lines } = await start();
    const body = payload('explode');

    const response = await fetch(`${base}/api/github/webhooks`, { method: 'POST', body, headers: webhookHeaders(body) });

    expect(response.status).toBe(500);
    const failure = lines.find((line) => line.includes('webhook handler failed'));
    expect(JSON.parse(failure ?? '{}')).toMatchObject({ deliveryId: 'abc-123', event: 'issues', error: 'TypeError' });
  });

  it('answers 413 to a declared oversize delivery at once and closes without reading the rest', async () => {
    const { port } = await start({ ...SMALL, maxRequestBytes: 25_000_000, maxInflightBytes: 64_000_000 });
    const client = await rawClient(port);

    client.write(rawHead('/api/github/webhooks', webhookHeaders('x', { 'content-length': String(20_000_000) })));
    client.write(Buffer.alloc(64 * KIB, 0x61));
    const outcome = await client.closed(3_000);

    expect(outcome.status).toBe(413);
    expect(outcome.head).toMatch(/connection: close/i);
    expect(outcome.ms).toBeLessThan(2_000);
  });

  it('answers 413 to a body declared past the largest any route takes, before routing', async () => {
    const { port, lines } = await start({ ...SMALL, maxRequestBytes: 25_000_000 });
    const client = await rawClient(port);

    client.write(rawHead('/api/github/webhooks', webhookHeaders('x', { 'content-length': String(192 * 1024 * 1024) })));
    client.write(Buffer.alloc(64 * KIB, 0x61));
    const outcome = await client.closed(3_000);

    expect(outcome.status).toBe(413);
    expect(outcome.ms).toBeLessThan(1_500);
    expect(lines.some((line) => line.includes('"reason":"too-large"'))).toBe(true);
  });

  it('answers 413 when a chunked delivery passes the cap while streaming', async () => {
    const { port } = await start();
    const client = await rawClient(port);

    client.write(rawHead('/api/github/webhooks', webhookHeaders('x', { 'transfer-encoding': 'chunked' })));
    for (let i = 0; i < 10; i += 1) client.write(`${(16 * KIB).toString(16)}\r\n${'a'.repeat(16 * KIB)}\r\n`);
    const outcome = await client.closed(3_000);

    expect(outcome.status).toBe(413);
  });
});

describe('front door', () => {
  it('answers 404 to a path nobody serves', async () => {
    const { base } = await start();

    const response = await fetch(`${base}/nothing/here`, { headers: researcherHeaders() });

    expect(response.status).toBe(404);
  });

  it('answers 500 when a route throws, and logs the error name and route template only', async () => {
    const { base, lines } = await start();

    const response = await fetch(`${base}/crash`, { headers: researcherHeaders() });

    expect(response.status).toBe(500);
    expect(lines.some((line) => line.includes('"error":"RangeError"'))).toBe(true);
  });

  it('logs method, route template, status and duration, never the path parameters', async () => {
    const { base, lines } = await start();

    await fetch(`${base}/status/SECRET-TOKEN-abc?lang=nl`, { headers: researcherHeaders() });

    const line = JSON.parse(lines.find((l) => l.includes('"msg":"request"')) ?? '{}') as Record<string, unknown>;
    expect(Object.keys(line).sort()).toEqual(['level', 'method', 'ms', 'msg', 'route', 'status']);
    expect(line).toMatchObject({ method: 'GET', route: '/status/:param', status: 404 });
  });

  it('answers 503 with Retry-After when a declared body would pass the in-flight budget', async () => {
    const { port, door } = await start({ ...SMALL, maxInflightBytes: 100 * KIB });
    const holder = await rawClient(port);
    holder.write(rawHead('/echo', researcherHeaders({ 'content-length': String(80 * KIB) })));
    holder.write(Buffer.alloc(8 * KIB, 0x61));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const late = await rawClient(port);

    late.write(rawHead('/echo', researcherHeaders({ 'content-length': String(40 * KIB) })));
    const outcome = await late.closed(2_000);

    expect(outcome.status).toBe(503);
    expect(outcome.head).toMatch(/retry-after: 7/i);
    holder.socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(door.budget.inFlight).toBe(0);
  });

  it('answers 503 when a chunked body grows past the in-flight budget', async () => {
    const { port } = await start({ ...SMALL, maxInflightBytes: 40 * KIB });
    const client = await rawClient(port);

    client.write(rawHead('/echo', researcherHeaders({ 'transfer-encoding': 'chunked' })));
    for (let i = 0; i < 4; i += 1) client.write(`${(16 * KIB).toString(16)}\r\n${'a'.repeat(16 * KIB)}\r\n`);
    const outcome = await client.closed(2_000);

    expect(outcome.status).toBe(503);
  });

  it('gives the budget back when requests end', async () => {
    const { base, door } = await start();

    const responses = await Promise.all(Array.from({ length: 3 }, () => fetch(`${base}/echo`, { method: 'POST', body: 'x'.repeat(50 * KIB) })));

    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(door.budget.inFlight).toBe(0);
  });

  it('cuts a body that stops sending (idle timeout)', async () => {
    const { port } = await start();
    const client = await rawClient(port);

    client.write(rawHead('/echo', researcherHeaders({ 'content-length': '1000' })));
    client.write('a'.repeat(100));
    const outcome = await client.closed(3_000);

    expect(outcome.status).toBe(408);
    expect(outcome.ms).toBeGreaterThanOrEqual(350);
    expect(outcome.ms).toBeLessThan(1_500);
  });

  it('cuts a body that trickles below the minimum rate after the grace period', async () => {
    const { port, lines } = await start();
    const client = await rawClient(port);

    client.write(rawHead('/echo', researcherHeaders({ 'content-length': String(90 * KIB) })));
    const stop = trickle(client, 90 * KIB, 200, 100);
    const outcome = await client.closed(3_000);
    stop();

    expect(outcome.status).toBe(408);
    expect(outcome.ms).toBeLessThan(1_500);
    expect(lines.some((line) => line.includes('"reason":"too-slow"'))).toBe(true);
  });

  it('lets a slow but steady upload through', async () => {
    const { port } = await start({ ...SMALL, requestTimeoutMs: 5_000 });
    const client = await rawClient(port);

    client.write(rawHead('/echo', researcherHeaders({ 'content-length': String(60 * KIB), connection: 'close' })));
    trickle(client, 60 * KIB, 4 * KIB, 100);
    const outcome = await client.closed(5_000);

    expect(outcome.status).toBe(200);
  });

  it('closes a connection whose headers never finish (headers timeout)', async () => {
    const { port } = await start();
    const client = await rawClient(port);

    client.write('POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: slow');
    const outcome = await client.closed(3_000);

    expect(outcome.ms).toBeLessThan(2_000);
    expect([408, null]).toContain(outcome.status);
  });

  it('closes a request that is still arriving at the hard request timeout', async () => {
    const { port } = await start({ ...SMALL, maxRequestBytes: 1_000_000, maxInflightBytes: 2_000_000, requestTimeoutMs: 1_000, headersTimeoutMs: 500 });
    const client = await rawClient(port);

    client.write(rawHead('/sink', researcherHeaders({ 'content-length': '1000000' })));
    const stop = trickle(client, 1_000_000, 4 * KIB, 100);
    const outcome = await client.closed(4_000);
    stop();

    expect(outcome.ms).toBeGreaterThanOrEqual(900);
    expect(outcome.ms).toBeLessThan(2_500);
  });
});

describe('what the front door logs', () => {
  it('never carries a payload, a client address or a user agent, on any path', async () => {
    const { base, port, lines } = await start();
    const body = payload();
    const explode = payload('explode');
    const post = (path: string, text: string, headers: Record<string, string>) => fetch(`${base}${path}`, { method: 'POST', body: text, headers }).then((r) => r.status);

    await post('/api/github/webhooks', body, webhookHeaders(body));
    await post('/api/github/webhooks', body, webhookHeaders(body, { 'x-hub-signature-256': sign(`${body} `) }));
    await post('/api/github/webhooks', body, webhookHeaders(body, { 'x-github-delivery': MARKER, 'x-github-event': `${MARKER}` }));
    await post('/api/github/webhooks', `{${MARKER}`, webhookHeaders(`{${MARKER}`));
    await post('/api/github/webhooks', explode, webhookHeaders(explode));
    await post('/api/github/webhooks', 'x'.repeat(70 * KIB) + MARKER, webhookHeaders('x'.repeat(70 * KIB) + MARKER));
    await fetch(`${base}/crash`, { headers: researcherHeaders() });
    await fetch(`${base}/${MARKER}/status/${MARKER}`, { headers: researcherHeaders() });
    const slow = await rawClient(port);
    slow.write(rawHead('/echo', researcherHeaders({ 'content-length': '1000' })));
    slow.write(MARKER);
    await slow.closed(3_000);
    const greedy = await rawClient(port);
    greedy.write(rawHead('/echo', researcherHeaders({ 'content-length': String(300 * KIB) })));
    await greedy.closed(3_000);

    expect(lines.length).toBeGreaterThan(10);
    const all = lines.join('\n');
    expect(all).not.toContain(MARKER);
    expect(all).not.toContain(TEST_IP);
    expect(all).not.toContain(TEST_AGENT);
    expect(all).not.toContain('marker-agent');
    expect(all).not.toContain('127.0.0.1');
  });
});
