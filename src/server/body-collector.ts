import type { IncomingMessage } from 'node:http';

/**
 * Gathers a body's chunks into one buffer. With a declared length the buffer is allocated
 * once and the chunks are copied in as they come, so a body costs its size once, not twice
 * (chunks plus their concatenation) at the end.
 */
export class BodyCollector {
  #whole: Buffer | null;
  #chunks: Buffer[] = [];
  #size = 0;
  #copied = 0;

  constructor(expected: number | null) {
    this.#whole = expected === null ? null : Buffer.allocUnsafe(expected);
  }

  add(chunk: Buffer): void {
    if (this.#whole !== null && this.#chunks.length === 0 && this.#size + chunk.length <= this.#whole.length) {
      chunk.copy(this.#whole, this.#size);
      this.#copied += chunk.length;
    } else this.#chunks.push(chunk);
    this.#size += chunk.length;
  }

  /** The body so far; the collector lets go of it. */
  take(): Buffer {
    const whole = this.#whole;
    const head = whole === null ? [] : [whole.subarray(0, this.#copied)];
    const result = this.#chunks.length === 0 && whole !== null ? whole.subarray(0, this.#size) : Buffer.concat([...head, ...this.#chunks], this.#size);
    this.drop();
    return result;
  }

  drop(): void {
    this.#whole = null;
    this.#chunks = [];
  }
}

/** The declared Content-Length when it is readable and within `maxBytes`; null otherwise. */
export function declaredLength(req: IncomingMessage, maxBytes: number): number | null {
  const header = req.headers['content-length'];
  if (header === undefined || !/^[0-9]+$/.test(header)) return null;
  const value = Number(header);
  return Number.isSafeInteger(value) && value <= maxBytes ? value : null;
}
