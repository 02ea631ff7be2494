import type { z } from 'zod';
import { ReportInput } from '../../report/report.js';
import { unknownKeyIssues } from '../../report/unknown-keys.js';

/** One validation problem: where (schema path) and what, in plain English. */
export interface FieldIssue {
  path: PropertyKey[];
  message: string;
  /** The last path segment is a field the schema does not know (the sender chose its name). */
  unknown: boolean;
}

/**
 * Turns zod issues into short English messages a reporter can act on. The schema's own
 * messages are kept; zod's generic ones ("Invalid input: expected string, received
 * undefined") are rewritten in the same voice ("is required"). Unknown fields get one issue
 * each, at their own path, with the field probably meant ("is not a known field; did you
 * mean contact.email?"), looked up in `schema`: the one that produced `error`.
 */
export function fieldIssues(error: z.ZodError, schema: z.ZodType = ReportInput): FieldIssue[] {
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? unknownKeyIssues(schema, issue, 'field').map((unknown) => ({ ...unknown, unknown: unknown.path.length > issue.path.length }))
      : [{ path: [...issue.path], message: plainMessage(issue), unknown: false }],
  );
}

function plainMessage(issue: z.core.$ZodIssue): string {
  const { message } = issue;
  if (issue.code === 'invalid_type' && message.startsWith('Invalid input')) {
    return message.endsWith('received undefined') ? 'is required' : `must be ${article(issue.expected)} ${issue.expected}`;
  }
  if (issue.code === 'too_big' && message.startsWith('Too big')) {
    return `at most ${String(issue.maximum)} ${issue.origin === 'array' ? 'items' : 'characters'}`;
  }
  if (issue.code === 'too_small' && message.startsWith('Too small')) {
    return `at least ${String(issue.minimum)} ${issue.origin === 'array' ? 'items' : 'characters'}`;
  }
  if (issue.code === 'invalid_value' && message.startsWith('Invalid option')) {
    return `must be one of ${issue.values.map(String).join(', ')}`;
  }
  if (message.startsWith('Invalid')) return 'is not valid';
  return message;
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}
