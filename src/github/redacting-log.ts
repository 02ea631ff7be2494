import { pino, type Logger as PinoLogger } from 'pino';
import { getTransformStream } from '@probot/pino';

/** A status link's token (43 base64url characters) and anything after `/status/`. */
const STATUS_PATH = /\/status\/[^\s"?#/]+/g;

/** Replaces status tokens in one serialised log line. */
export function redactStatusTokens(line: string): string {
  return line.replace(STATUS_PATH, '/status/[redacted]');
}

/**
 * Probot's logger, with one change: status tokens are secrets (whoever holds one can read
 * the report's status), and Probot's HTTP logger writes every request URL. Redacting the
 * finished line catches the message and the serialised request alike (invariant 5).
 */
export async function createRedactingLog(env: NodeJS.ProcessEnv = process.env): Promise<PinoLogger> {
  const transform = await getTransformStream({
    logFormat: env.LOG_FORMAT === 'json' || (env.LOG_FORMAT === undefined && env.NODE_ENV === 'production') ? 'json' : 'pretty',
    logLevelInString: env.LOG_LEVEL_IN_STRING === 'true',
    sentryDsn: env.SENTRY_DSN,
  });
  // pino.destination is a SonicBoom, a writable stream in all but its declared type.
  transform.pipe(pino.destination(1) as unknown as NodeJS.WritableStream);
  return pino(
    {
      level: env.LOG_LEVEL ?? 'info',
      name: 'probot',
      messageKey: env.LOG_MESSAGE_KEY ?? 'msg',
      hooks: { streamWrite: redactStatusTokens },
    },
    transform,
  );
}
