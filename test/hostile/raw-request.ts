import { connect } from 'node:net';

/** One request exactly as generated: no client library cleans the path, the headers or the body. */
export interface RawRequest {
  method: string;
  /** The request target as sent, e.g. `/orgs/acme/report?lang=%00`. */
  target: string;
  /** Sent in this order; `Host`, `Content-Length` and `Connection: close` are added unless present. */
  headers: Array<[string, string]>;
  body?: Buffer;
}

export interface RawResponse {
  /** null when the server closed the connection without an answer. */
  status: number | null;
  /** Lower-case names; repeated headers joined with `, `. */
  headers: Record<string, string>;
  body: Buffer;
  text: string;
}

/** Reads a chunked body; returns what could be decoded when the server cut it short. */
function dechunk(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', at);
    if (lineEnd === -1) break;
    const size = Number.parseInt(data.subarray(at, lineEnd).toString('latin1'), 16);
    if (!Number.isFinite(size) || size === 0) break;
    parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

function parse(data: Buffer): RawResponse {
  const headEnd = data.indexOf('\r\n\r\n');
  const head = (headEnd === -1 ? data : data.subarray(0, headEnd)).toString('latin1');
  const [statusLine = '', ...headerLines] = head.split('\r\n');
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1];
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  const raw = headEnd === -1 ? Buffer.alloc(0) : data.subarray(headEnd + 4);
  const body = headers['transfer-encoding']?.toLowerCase().includes('chunked') ? dechunk(raw) : raw;
  return { status: status === undefined ? null : Number(status), headers, body, text: body.toString('utf8') };
}

/**
 * Sends one request on its own connection and reads the answer until the server closes it
 * (the request asks for `Connection: close`). A reset after an answer still counts as that
 * answer; `timeoutMs` without a close ends the read with what arrived.
 */
export async function sendRaw(port: number, request: RawRequest, timeoutMs = 5_000): Promise<RawResponse> {
  const body = request.body ?? Buffer.alloc(0);
  const names = new Set(request.headers.map(([name]) => name.toLowerCase()));
  const headers: Array<[string, string]> = [...request.headers];
  if (!names.has('host')) headers.unshift(['Host', `127.0.0.1:${port}`]);
  if (!names.has('content-length') && !names.has('transfer-encoding') && body.length > 0) headers.push(['Content-Length', String(body.length)]);
  if (!names.has('connection')) headers.push(['Connection', 'close']);
  const head = `${request.method} ${request.target} HTTP/1.1\r\n${headers.map(([name, value]) => `${name}: ${value}\r\n`).join('')}\r\n`;

  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = connect(port, '127.0.0.1');
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(parse(Buffer.concat(chunks)));
    };
    const timer = setTimeout(finish, timeoutMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => undefined);
    socket.on('close', finish);
    socket.write(Buffer.concat([Buffer.from(head, 'utf8'), body]));
  });
}
