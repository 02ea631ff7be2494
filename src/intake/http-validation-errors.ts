import type { z } from 'zod';

/** One validation problem: where (schema path) and what, in plain English. */
export interface FieldIssue {
  path: PropertyKey[];
  message: string;
}

/**
 * Turns zod issues into short English messages a reporter can act on. The schema's own
 * messages are kept; zod's generic ones ("Invalid input: expected string, received
 * undefined") are rewritten in the same voice ("is required").
 */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: [...issue.path], message: plainMessage(issue) }));
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
