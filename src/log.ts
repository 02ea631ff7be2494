/**
 * The logging port: a fixed message plus a metadata object of ids.
 * Probot's pino logger satisfies it. Never pass report text, contacts or keys.
 */
export interface Logger {
  debug(meta: object, message: string): void;
  info(meta: object, message: string): void;
  warn(meta: object, message: string): void;
  error(meta: object, message: string): void;
}

export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
