/**
 * What the front door logs through: a fixed message plus ids. pino's Logger
 * fits. Nothing a client sent is passed in, except values first checked against
 * {@link loggableId} or {@link loggableEventName}.
 */
export interface FrontDoorLog {
  info(meta: object, message: string): void;
  warn(meta: object, message: string): void;
  error(meta: object, message: string): void;
}

export const SILENT_LOG: FrontDoorLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** A delivery id as GitHub sends it (a GUID); anything else is logged as `[invalid]`. */
export function loggableId(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return /^[A-Za-z0-9-]{1,64}$/.test(value) ? value : '[invalid]';
}

/** A webhook event name (`issue_comment`); anything else is logged as `[invalid]`. */
export function loggableEventName(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return /^[a-z_]{1,64}$/.test(value) ? value : '[invalid]';
}

/** An error's name only: its message could quote what the client sent. */
export function errorNameOf(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
