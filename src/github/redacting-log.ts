import { pino, type LoggerOptions, type Logger as PinoLogger } from 'pino';
import { getTransformStream } from '@probot/pino';

/** A status link's token (43 base64url characters) and anything after `/status/`. */
const STATUS_PATH = /\/status\/[^\s"?#/]+/g;

/** Replaces status tokens in one serialised log line. */
export function redactStatusTokens(line: string): string {
  return line.replace(STATUS_PATH, '/status/[redacted]');
}

/** Keys under which an Error is commonly logged (`log.error({ err }, …)`). */
const ERROR_KEYS = ['err', 'error'] as const;

/**
 * What is kept of an Error: its name, and a code or HTTP status when they are plain tokens.
 * Never its message or stack, and never its own properties: Octokit's webhook errors carry
 * the whole delivery (`error.event`), a RequestError the request body, and any message may
 * quote what a client sent.
 */
export function errorFacts(error: Error): Record<string, string | number> {
  const facts: Record<string, string | number> = { type: error.name };
  const { code, status } = error as { code?: unknown; status?: unknown };
  if (typeof code === 'string' && /^[A-Z0-9_]{1,40}$/.test(code)) facts.code = code;
  if (typeof status === 'number') facts.status = status;
  return facts;
}

/**
 * Rewrites a log call so no Error travels whole: `log.error(error)` (Probot's webhook error
 * handler does this) becomes `{ err: { type } }` with a fixed message, and an Error under
 * `err` / `error` in the metadata becomes its facts.
 */
export function withoutErrorText(args: unknown[]): unknown[] {
  const [first, ...rest] = args;
  if (first instanceof Error) {
    return [{ err: errorFacts(first) }, typeof rest[0] === 'string' ? rest[0] : 'error'];
  }
  if (typeof first === 'object' && first !== null && ERROR_KEYS.some((key) => (first as Record<string, unknown>)[key] instanceof Error)) {
    const meta: Record<string, unknown> = { ...(first as Record<string, unknown>) };
    for (const key of ERROR_KEYS) {
      const value = meta[key];
      if (value instanceof Error) meta[key] = errorFacts(value);
    }
    return [meta, ...rest];
  }
  return args;
}

/**
 * The pino options of the app's logger: Probot's, with two changes (rule "no researcher data in logs"). Status
 * tokens are secrets (whoever holds one can read the report's status), so they are
 * redacted from every finished line. Errors are logged by name (see withoutErrorText).
 */
export function redactingLogOptions(env: NodeJS.ProcessEnv = process.env): LoggerOptions {
  return {
    level: env.LOG_LEVEL ?? 'info',
    name: 'probot',
    messageKey: env.LOG_MESSAGE_KEY ?? 'msg',
    hooks: {
      streamWrite: redactStatusTokens,
      logMethod(args, method) {
        method.apply(this, withoutErrorText(args) as Parameters<typeof method>);
      },
    },
  };
}

/** The app's logger: Probot's format (pretty, or JSON in production), with {@link redactingLogOptions}. */
export async function createRedactingLog(env: NodeJS.ProcessEnv = process.env): Promise<PinoLogger> {
  const transform = await getTransformStream({
    logFormat: env.LOG_FORMAT === 'json' || (env.LOG_FORMAT === undefined && env.NODE_ENV === 'production') ? 'json' : 'pretty',
    logLevelInString: env.LOG_LEVEL_IN_STRING === 'true',
    sentryDsn: env.SENTRY_DSN,
  });
  // pino.destination is a SonicBoom, a writable stream in all but its declared type.
  transform.pipe(pino.destination(1) as unknown as NodeJS.WritableStream);
  return pino(redactingLogOptions(env), transform);
}
