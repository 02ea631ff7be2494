import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { redactingLogOptions, withoutErrorText } from '../../src/github/redacting-log.js';
import { serveApp, type ServedApp } from '../../src/serve.js';
import { type FakeGitHub, startFakeGitHub } from '../helpers/fake-github.js';
import { signWebhook, testProbot, WEBHOOK_SECRET } from '../helpers/probot-server.js';
import { backends } from '../helpers/stores.js';

const MARKER = 'REPORT-TEXT-MARKER-51c9';
const TEST_IP = '198.51.100.23';
const TEST_AGENT = 'MarkerAgent/1.0';

let served: ServedApp | null = null;
let fake: FakeGitHub | null = null;

afterEach(async () => {
  await served?.stop();
  await fake?.close();
  served = null;
  fake = null;
});

/** The app's real logger options at debug level, writing into `lines`. */
function capturingLogger(lines: string[]) {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return pino(redactingLogOptions({ LOG_LEVEL: 'debug' }), sink);
}

describe('the app behind the front door', () => {
  it('logs no payload, error text, address or user agent when deliveries fail or handlers throw', async () => {
    const lines: string[] = [];
    const log = capturingLogger(lines);
    fake = await startFakeGitHub();
    const probot = testProbot(fake, log);
    probot.on('star', async () => {
      throw new Error(`could not handle ${MARKER}`);
    });
    served = await serveApp({ probot, app: { startWorker: false, env: {}, store: await backends[0]!.open() }, host: '127.0.0.1', port: 0, secret: WEBHOOK_SECRET, log });
    const body = JSON.stringify({ action: 'created', starred_at: MARKER, repository: { name: MARKER }, sender: { login: 'octocat' } });
    const headers = { 'content-type': 'application/json', 'x-github-event': 'star', 'x-github-delivery': 'd-9', 'user-agent': TEST_AGENT, 'x-forwarded-for': TEST_IP };

    const thrown = await fetch(`${served.url}/api/github/webhooks`, { method: 'POST', body, headers: { ...headers, 'x-hub-signature-256': signWebhook(body) } });
    const forged = await fetch(`${served.url}/api/github/webhooks`, { method: 'POST', body, headers: { ...headers, 'x-hub-signature-256': signWebhook(`${body}x`) } });
    const page = await fetch(`${served.url}/status/${MARKER}`, { headers });

    expect(thrown.status).toBe(500);
    expect(forged.status).toBe(401);
    expect(page.status).toBe(404);
    const all = lines.join('');
    expect(all).toContain('webhook handler failed');
    expect(all).not.toContain(MARKER);
    expect(all).not.toContain(TEST_IP);
    expect(all).not.toContain(TEST_AGENT);
  });
});

describe('withoutErrorText', () => {
  it('keeps an error name, code and status but never its message or own properties', () => {
    const error = Object.assign(new Error(`body was ${MARKER}`), { status: 422, code: 'E_BAD', event: { payload: MARKER } });

    const [meta, message] = withoutErrorText([error]);

    expect(meta).toEqual({ err: { type: 'Error', code: 'E_BAD', status: 422 } });
    expect(message).toBe('error');
  });

  it('rewrites errors under err and error in the metadata', () => {
    const [meta, message] = withoutErrorText([{ reportId: 'DD-1', err: new TypeError(MARKER) }, 'failed']);

    expect(meta).toEqual({ reportId: 'DD-1', err: { type: 'TypeError' } });
    expect(message).toBe('failed');
  });
});
