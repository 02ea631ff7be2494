/**
 * Big bodies against the front door: peak RSS of the server process while 16 clients send
 * maximum-size bodies (JSON intake, then signed webhooks), and time and RSS for one oversize
 * unsigned webhook. The server runs in a child process (this file with `serve`), so the
 * clients' own buffers do not count. Bounded to about 20 s.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore } from '../src/app.js';
import { createFrontDoor } from '../src/server/front-door.js';
import { DEFAULT_FRONT_DOOR_LIMITS, GITHUB_WEBHOOK_CAP_BYTES } from '../src/server/front-door-limits.js';
import { SILENT_LOG } from '../src/server/front-door-log.js';
import { createWebhookRoute } from '../src/server/webhook-route.js';
import { DEFAULT_LIMITS } from '../src/report/intake-limits.js';
import { silentLogger } from '../src/log.js';
import type { GitHubPort } from '../src/ports/github.js';
import { fixed, heading, row } from './format.js';
import { reportsPath, sampleReport } from './report-body.js';

const SECRET = 'bench-secret';
const WEBHOOK_PATH = '/api/github/webhooks';
const CLIENTS = 16;
const MIB = 1024 * 1024;

type Request = { kind: 'reset' } | { kind: 'peak' };
type Reply = { kind: 'port'; port: number } | { kind: 'peak'; peakRss: number; rss: number };

const notFiling: GitHubPort = {
  installationFor: async () => 1,
  forgetInstallation: () => undefined,
  loadRawConfig: async () => null,
  issues: async () => {
    throw new Error('the front door bench never files reports');
  },
  advisories: async () => {
    throw new Error('the front door bench never opens advisories');
  },
  repoFiles: async () => {
    throw new Error('the front door bench never writes files');
  },
  checks: async () => {
    throw new Error('the front door bench never writes checks');
  },
  pins: async () => {
    throw new Error('the front door bench never pins issues');
  },
};

/** The child: the app's intake and a webhook route behind the front door, default limits. */
async function serveInChild(): Promise<void> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'dd-bench-door-'));
  const core = await createCore({ github: notFiling, log: silentLogger, env: { DATA_DIR: dataDir, INTAKE_RATE_LIMIT: '0' } });
  const webhooks = createWebhookRoute({ path: WEBHOOK_PATH, secret: SECRET, log: SILENT_LOG, receive: async () => undefined });
  const door = createFrontDoor({ routes: [webhooks, core.http], log: SILENT_LOG, webhookPath: WEBHOOK_PATH });
  const { port } = await door.listen(0, '127.0.0.1');
  let peak = process.memoryUsage().rss;
  setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  process.on('message', (message: Request) => {
    const rss = process.memoryUsage().rss;
    if (message.kind === 'reset') peak = rss;
    process.send?.({ kind: 'peak', peakRss: Math.max(peak, rss), rss } satisfies Reply);
  });
  process.on('disconnect', () => {
    void door.close(100).then(() => core.close()).then(() => rm(dataDir, { recursive: true, force: true })).then(() => process.exit(0));
  });
  process.send?.({ kind: 'port', port } satisfies Reply);
}

function ask(child: ChildProcess, request: Request): Promise<{ peakRss: number; rss: number }> {
  return new Promise((resolve) => {
    child.once('message', (reply: Reply) => {
      if (reply.kind === 'peak') resolve(reply);
    });
    child.send(request);
  });
}

async function startChild(): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(fileURLToPath(import.meta.url), ['serve'], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (reply: Reply) => (reply.kind === 'port' ? resolve(reply.port) : reject(new Error('unexpected reply'))));
    child.once('exit', () => reject(new Error('the bench server exited')));
  });
  return { child, port };
}

/** One POST; resolves with its status, or `reset` when the server closed on us first. */
async function post(url: string, body: Buffer, headers: Record<string, string>): Promise<string> {
  try {
    const response = await fetch(url, { method: 'POST', body, headers, signal: AbortSignal.timeout(15_000) });
    await response.arrayBuffer();
    return String(response.status);
  } catch {
    return 'reset';
  }
}

function tally(statuses: string[]): string {
  const counts = new Map<string, number>();
  for (const status of statuses) counts.set(status, (counts.get(status) ?? 0) + 1);
  return [...counts].map(([status, n]) => `${n}× ${status}`).join(', ');
}

function mib(bytes: number): string {
  return `${fixed(bytes / MIB, 0)} MiB`;
}

/** A JSON report padded to `bytes` (valid JSON, refused by validation: the body is still read and parsed). */
function bigReport(bytes: number): Buffer {
  const base = JSON.stringify({ ...sampleReport(), description: '' });
  return Buffer.from(base.replace('"description":""', `"description":"${'a'.repeat(bytes - base.length)}"`));
}

/** Streams an unsigned `total`-byte webhook until the server answers; time to answer and bytes sent. */
function oversizeUnsigned(port: number, total: number): Promise<{ status: string; ms: number; sent: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1');
    let sent = 0;
    let head = '';
    const chunk = Buffer.alloc(MIB, 0x61);
    const finish = () => {
      socket.destroy();
      resolve({ status: /^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 'none', ms: Date.now() - started, sent });
    };
    socket.on('data', (data: Buffer) => {
      head += data.toString('latin1');
      if (head.includes('\r\n\r\n')) finish();
    });
    // A cut connection may be reset before its answer is read: that is reported as `none`.
    socket.on('error', finish);
    socket.on('close', finish);
    socket.setTimeout(15_000, finish);
    socket.write(`POST ${WEBHOOK_PATH} HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\nX-GitHub-Event: issues\r\nX-GitHub-Delivery: bench-1\r\nContent-Length: ${total}\r\n\r\n`);
    const pump = () => {
      while (sent < total && !socket.destroyed) {
        sent += chunk.length;
        if (!socket.write(chunk)) {
          socket.once('drain', pump);
          return;
        }
      }
    };
    pump();
  });
}

export async function benchFrontDoor(): Promise<void> {
  heading(`Front door: ${CLIENTS} clients with maximum-size bodies, budget ${mib(DEFAULT_FRONT_DOOR_LIMITS.maxInflightBytes)}`);
  const { child, port } = await startChild();
  const base = `http://127.0.0.1:${port}`;
  try {
    const idle = await ask(child, { kind: 'reset' });
    row('server RSS at rest', mib(idle.rss));

    const json = bigReport(DEFAULT_LIMITS.maxJsonBodyBytes - 1024);
    await ask(child, { kind: 'reset' });
    let started = Date.now();
    const jsonStatuses = await Promise.all(Array.from({ length: CLIENTS }, () => post(`${base}${reportsPath('acme')}`, json, { 'content-type': 'application/json' })));
    const jsonPeak = await ask(child, { kind: 'peak' });
    row(`JSON intake, ${CLIENTS} × ${mib(json.length)}`, `peak RSS ${mib(jsonPeak.peakRss)} in ${fixed((Date.now() - started) / 1000)} s (${tally(jsonStatuses)})`);

    const hook = Buffer.from(JSON.stringify({ action: 'opened', padding: 'a'.repeat(GITHUB_WEBHOOK_CAP_BYTES - 64 * 1024) }));
    const signature = `sha256=${createHmac('sha256', SECRET).update(hook).digest('hex')}`;
    await ask(child, { kind: 'reset' });
    started = Date.now();
    const hookStatuses = await Promise.all(
      Array.from({ length: CLIENTS }, (_, i) =>
        post(`${base}${WEBHOOK_PATH}`, hook, { 'content-type': 'application/json', 'x-github-event': 'issues', 'x-github-delivery': `bench-${i}`, 'x-hub-signature-256': signature }),
      ),
    );
    const hookPeak = await ask(child, { kind: 'peak' });
    row(`signed webhooks, ${CLIENTS} × ${mib(hook.length)}`, `peak RSS ${mib(hookPeak.peakRss)} in ${fixed((Date.now() - started) / 1000)} s (${tally(hookStatuses)})`);

    await ask(child, { kind: 'reset' });
    const oversize = await oversizeUnsigned(port, 192 * MIB);
    const after = await ask(child, { kind: 'peak' });
    row('one unsigned 192 MiB webhook', `${oversize.status} after ${oversize.ms} ms, ${mib(oversize.sent)} sent, peak RSS ${mib(after.peakRss)}`);
  } finally {
    child.disconnect();
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

if (process.argv[2] === 'serve') await serveInChild();
