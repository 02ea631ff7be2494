/** How one check came out. `skip`: it could not run because an earlier check failed. */
export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skip';

/** One line of the doctor's report. */
export interface CheckResult {
  status: CheckStatus;
  /** What was checked, e.g. `credentials` or `tracking repository (acme)`. */
  check: string;
  /** What was found, in one sentence; never a secret. */
  detail: string;
  /** What the operator should do; given with `warn` and `fail`. */
  fix?: string;
}

export const ok = (check: string, detail: string): CheckResult => ({ status: 'ok', check, detail });
export const warn = (check: string, detail: string, fix: string): CheckResult => ({ status: 'warn', check, detail, fix });
export const fail = (check: string, detail: string, fix: string): CheckResult => ({ status: 'fail', check, detail, fix });
export const skip = (check: string, detail: string): CheckResult => ({ status: 'skip', check, detail });

/**
 * A sentence about an error that is safe to print: its own message when it is ours or a
 * library's plain one, its code for network failures (an AggregateError from a dual-stack
 * connect has no message of its own). Secrets are scrubbed later, on the whole report.
 */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  const codeText = typeof code === 'string' && /^[A-Z0-9_]{2,40}$/.test(code) ? code : null;
  if (error instanceof AggregateError && error.message === '') {
    const inner = error.errors.find((item: unknown): item is Error => item instanceof Error);
    return inner === undefined ? (codeText ?? error.name) : describeError(inner);
  }
  const message = error.message.split('\n')[0]?.trim() ?? '';
  if (message === '') return codeText ?? error.name;
  return codeText !== null && !message.includes(codeText) ? `${message} (${codeText})` : message;
}

/** The innermost Error of a `cause` chain: for a failed fetch, the socket's own error (ECONNREFUSED, ENOTFOUND). */
export function rootCause(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 10 && current instanceof Error && current.cause instanceof Error; depth += 1) current = current.cause;
  return current;
}

/** The promise, or a rejection naming `what` after `ms`; the timer never holds the process open. */
export function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms / 1000} s`)), ms);
    timer.unref();
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
