import { connect, type Socket } from 'node:net';

/** What came back on a raw connection by the time the server closed it. */
export interface RawOutcome {
  /** The status of the first response, or null when the server closed without one. */
  status: number | null;
  head: string;
  /** From connecting until the server closed the connection. */
  ms: number;
}

/** A raw TCP client, for clients no fetch can play: slow, trickling, lying about lengths. */
export interface RawClient {
  socket: Socket;
  write(data: string | Buffer): void;
  /** Resolves when the server has closed the connection (or `timeoutMs` passed: then status is what arrived). */
  closed(timeoutMs?: number): Promise<RawOutcome>;
}

export async function rawClient(port: number): Promise<RawClient> {
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const started = Date.now();
  let received = '';
  socket.on('data', (chunk: Buffer) => {
    if (received.length < 4096) received += chunk.toString('latin1');
  });
  // The server may reset a connection it cut; that is an answer too.
  socket.on('error', () => undefined);
  const done = new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now() - started)));
  return {
    socket,
    write(data) {
      if (!socket.destroyed && socket.writable) socket.write(data);
    },
    async closed(timeoutMs = 10_000) {
      const timer = new Promise<number>((resolve) => setTimeout(() => resolve(-1), timeoutMs).unref());
      const ms = await Promise.race([done, timer]);
      if (ms === -1) socket.destroy();
      const match = /^HTTP\/1\.1 (\d{3})/.exec(received);
      return { status: match?.[1] === undefined ? null : Number(match[1]), head: received.split('\r\n\r\n')[0] ?? '', ms };
    },
  };
}

/** Writes `total` bytes of `byte`, `chunk` at a time, every `everyMs`, until done or the socket is gone. */
export function trickle(client: RawClient, total: number, chunk: number, everyMs: number): () => void {
  let sent = 0;
  const timer = setInterval(() => {
    if (client.socket.destroyed || sent >= total) {
      clearInterval(timer);
      return;
    }
    const size = Math.min(chunk, total - sent);
    client.write(Buffer.alloc(size, 0x61));
    sent += size;
  }, everyMs);
  return () => clearInterval(timer);
}
