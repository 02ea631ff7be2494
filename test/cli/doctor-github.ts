/**
 * Test helpers for `npm run doctor`: the fake GitHub behind a small front that answers
 * `GET /app` (which the fake does not implement) and checks the app's JWT signature there,
 * so a wrong private key is refused as GitHub refuses it; and the doctor run as a child
 * process, the way an operator runs it.
 */
import { execFile } from 'node:child_process';
import { verify } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FakeGitHub } from '../helpers/fake-github.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DOCTOR = join(ROOT, 'src', 'cli', 'doctor.ts');
// Resolved here: the child runs in a temporary directory, where `--import tsx` would find nothing.
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

export const APP_SLUG = 'disclosure-desk';

export interface GitHubFront {
  /** `127.0.0.1:<port>`, for GHE_HOST. */
  host: string;
  close(): Promise<void>;
}

/** Starts the front on 127.0.0.1; `publicKey` is the key the app's JWT must be signed with. */
export async function startGitHubFront(fake: FakeGitHub, publicKey: string): Promise<GitHubFront> {
  const server = createServer((req, res) => {
    if (req.method === 'GET' && /^\/api\/v3\/app\/?(\?|$)/.test(req.url ?? '')) answerApp(req, res, publicKey);
    else forward(req, res, fake);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** `GET /app`: GitHub's answer for a JWT signed by the app's key, its 401 otherwise. */
function answerApp(req: IncomingMessage, res: ServerResponse, publicKey: string): void {
  const token = /^bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
  const [header = '', payload = '', signature = ''] = token.split('.');
  const signed = verify('RSA-SHA256', Buffer.from(`${header}.${payload}`), publicKey, Buffer.from(signature, 'base64url'));
  res.writeHead(signed ? 200 : 401, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(signed ? { id: 1, slug: APP_SLUG, name: 'Disclosure Desk', owner: { login: 'acme' } } : { message: 'A JSON web token could not be decoded', status: '401' }));
}

function forward(req: IncomingMessage, res: ServerResponse, fake: FakeGitHub): void {
  const target = new URL(fake.url);
  const upstream = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on('error', () => res.destroy());
  req.pipe(upstream);
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

export interface DoctorRun {
  code: number;
  stdout: string;
  stderr: string;
  /** The stdout line of one check, e.g. `line('store')`. */
  line(check: string): string;
}

/**
 * `node --import tsx src/cli/doctor.ts` in a fresh temporary directory (so no `.env` of the
 * repository is read) with exactly `env` and PATH; `dotEnv` becomes that directory's `.env`.
 */
export async function runDoctor(env: Record<string, string>, dotEnv?: string): Promise<DoctorRun> {
  const cwd = await mkdtemp(join(tmpdir(), 'dd-doctor-'));
  try {
    if (dotEnv !== undefined) await writeFile(join(cwd, '.env'), dotEnv);
    const outcome = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, ['--import', TSX, DOCTOR], { cwd, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr });
      });
    });
    const line = (check: string) => outcome.stdout.split('\n').find((text) => text.slice(6).startsWith(`${check}:`)) ?? `(no line for ${check})`;
    return { ...outcome, line };
  } finally {
    await rm(cwd, { recursive: true, force: true });
  }
}
