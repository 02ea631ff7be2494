import { UnsupportedMediaTypeError } from './form-body.js';
import { MalformedBodyError } from './multipart.js';
import { BodyReadError, BodyTooLargeError } from './read-body.js';

/** Why a body could not be read, in the terms the responses need. */
export type BodyErrorKind =
  | { reason: 'too-large'; limitBytes: number }
  | { reason: 'media-type' }
  | { reason: 'malformed' };

/**
 * Classifies an error from reading a body. Anything that is not a body error is rethrown:
 * it is a bug, not the reporter's fault.
 */
export function bodyErrorKind(error: unknown): BodyErrorKind {
  if (error instanceof BodyTooLargeError) return { reason: 'too-large', limitBytes: error.limitBytes };
  if (error instanceof UnsupportedMediaTypeError) return { reason: 'media-type' };
  if (error instanceof MalformedBodyError || error instanceof BodyReadError) return { reason: 'malformed' };
  throw error;
}
