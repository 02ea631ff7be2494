/**
 * Waiting on conditions with a deadline instead of fixed sleeps: poll until the condition
 * holds, and on timeout throw with whatever the caller says about the state of things.
 */

export interface WaitOptions {
  /** Give up after this long; default 30 s. */
  timeoutMs?: number;
  /** Poll this often; default 200 ms. */
  intervalMs?: number;
  /** Runs before every check, e.g. to move the outbox's backoff forward. */
  tick?: () => Promise<unknown>;
  /** What the failure message adds (pending jobs, process output, …). */
  diagnostics?: () => Promise<string> | string;
}

export const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Resolves with the first truthy value of `condition`; throws `waiting for <what>` with diagnostics on timeout. */
export async function waitFor<T>(what: string, condition: () => Promise<T> | T, options: WaitOptions = {}): Promise<NonNullable<T>> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  let lastError: unknown = null;
  for (;;) {
    try {
      await options.tick?.();
      const value = await condition();
      if (value !== null && value !== undefined && value !== false) return value as NonNullable<T>;
      lastError = null;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const details = options.diagnostics === undefined ? '' : `\n${await options.diagnostics()}`;
      const cause = lastError === null ? '' : ` (last check threw: ${lastError instanceof Error ? lastError.message : String(lastError)})`;
      throw new Error(`timed out waiting for ${what}${cause}${details}`);
    }
    await pause(options.intervalMs ?? 200);
  }
}

/** `promise`, or an error naming `what` after `ms`. */
export async function withDeadline<T>(what: string, promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
