import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BodyBudget } from './body-budget.js';
import type { FrontDoorLimits } from './front-door-limits.js';

/** Why the front door cut a request before its body was read to the end. */
export type BodyCut = 'over-budget' | 'too-large' | 'idle' | 'too-slow';

/** What the front door knows about one request's body while it is served. */
export interface MeteredBody {
  /** Set once the request was cut; the client has had its answer (or the socket is gone). */
  readonly cut: BodyCut | null;
  /** Body bytes received so far. */
  readonly received: number;
}

export interface MeterOptions {
  budget: BodyBudget;
  limits: Pick<FrontDoorLimits, 'maxRequestBytes' | 'idleTimeoutMs' | 'minBytesPerSecond' | 'rateGraceMs' | 'retryAfterSeconds'>;
  /** Called once when the request is cut, for the log. */
  onCut(reason: BodyCut): void;
  /** Milliseconds, for the rate; tests may fix it. */
  now?: () => number;
}

/** After answering a request whose body we did not read, the socket gets this long to take the answer. */
const LINGER_MS = 1_000;

const ANSWERS: Record<BodyCut, { status: number; text: string }> = {
  'over-budget': { status: 503, text: 'Server busy; please try again later.\n' },
  'too-large': { status: 413, text: 'Request body too large.\n' },
  idle: { status: 408, text: 'Request body too slow.\n' },
  'too-slow': { status: 408, text: 'Request body too slow.\n' },
};

/**
 * Meters one request body where every reader gets it: the bytes the HTTP parser pushes into
 * the request stream. Whatever route reads the body (JSON, form, multipart, webhook), the
 * bytes count against the shared budget from the moment they arrive until the response is
 * over, and the request is cut (answered and its connection closed, the rest never read)
 * when it would pass the budget or the per-request cap, sends nothing for `idleTimeoutMs`,
 * or averages less than `minBytesPerSecond` after `rateGraceMs`. A declared Content-Length
 * is taken up front, so a body that cannot fit is refused before a byte is read.
 *
 * Time counts only while the stream has room: when our own reader is behind (the stream's
 * buffer is full), the client is not to blame.
 */
export function meterBody(req: IncomingMessage, res: ServerResponse, options: MeterOptions): MeteredBody {
  const { budget, limits } = options;
  const now = options.now ?? Date.now;
  const started = now();
  let taken = 0;
  let received = 0;
  let cut: BodyCut | null = null;
  let done = req.complete;
  let idleTimer: NodeJS.Timeout | null = null;

  const state: MeteredBody = {
    get cut() {
      return cut;
    },
    get received() {
      return received;
    },
  };

  res.once('close', () => {
    budget.give(taken);
    taken = 0;
    stopTimers();
  });
  // A response that ends before its request body did (a 404, a refusal, a cut): close the
  // connection rather than read the rest to keep it alive.
  res.once('finish', () => {
    if (done) return;
    const socket = req.socket;
    socket.end();
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
  });

  if (done) return state;

  const declared = declaredLength(req);
  if (declared !== null && declared > limits.maxRequestBytes) {
    cutWith('too-large');
    return state;
  }
  if (declared !== null) {
    if (!budget.tryTake(declared)) {
      cutWith('over-budget');
      return state;
    }
    taken = declared;
  }

  const push = req.push.bind(req);
  req.push = (chunk: unknown, encoding?: BufferEncoding): boolean => {
    if (chunk === null) {
      done = true;
      stopTimers();
      return push(chunk, encoding);
    }
    if (cut !== null) return false;
    const size = Buffer.isBuffer(chunk) ? chunk.length : Buffer.byteLength(String(chunk));
    received += size;
    if (received > limits.maxRequestBytes) return cutWith('too-large');
    if (received > taken) {
      if (!budget.tryTake(received - taken)) return cutWith('over-budget');
      taken = received;
    }
    if (tooSlow()) return cutWith('too-slow');
    idleTimer?.refresh();
    return push(chunk, encoding);
  };
  idleTimer = setTimeout(onIdle, limits.idleTimeoutMs);
  idleTimer.unref();
  return state;

  function onIdle(): void {
    if (done || cut !== null) return;
    if (backedUp()) {
      idleTimer?.refresh();
      return;
    }
    cutWith('idle');
  }

  function tooSlow(): boolean {
    const elapsed = now() - started;
    if (elapsed < limits.rateGraceMs || backedUp()) return false;
    return (received * 1000) / elapsed < limits.minBytesPerSecond;
  }

  /** Our reader is behind: the stream holds a full buffer nobody has taken yet. */
  function backedUp(): boolean {
    return req.readableLength >= req.readableHighWaterMark;
  }

  function stopTimers(): void {
    if (idleTimer !== null) clearTimeout(idleTimer);
    idleTimer = null;
  }

  function cutWith(reason: BodyCut): false {
    if (cut !== null) return false;
    cut = reason;
    stopTimers();
    options.onCut(reason);
    if (res.headersSent || res.writableEnded) {
      req.socket.destroy();
      return false;
    }
    const answer = ANSWERS[reason];
    res.writeHead(answer.status, {
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      Connection: 'close',
      ...(reason === 'over-budget' ? { 'Retry-After': String(limits.retryAfterSeconds) } : {}),
    });
    res.end(answer.text);
    sealResponse(res);
    return false;
  }
}

/** The request's Content-Length, or null when it sends none (chunked) or an unreadable one. */
function declaredLength(req: IncomingMessage): number | null {
  const header = req.headers['content-length'];
  if (header === undefined || !/^[0-9]+$/.test(header)) return null;
  const value = Number(header);
  return Number.isSafeInteger(value) ? value : null;
}

/**
 * The front door has answered; a route still reading the body will see it end and try to
 * answer too. Its late answer is dropped instead of throwing ERR_HTTP_HEADERS_SENT.
 */
function sealResponse(res: ServerResponse): void {
  res.writeHead = (() => res) as typeof res.writeHead;
  res.setHeader = (() => res) as typeof res.setHeader;
  res.write = (() => true) as typeof res.write;
  res.end = (() => res) as typeof res.end;
}
