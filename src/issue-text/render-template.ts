const PLACEHOLDER = /\{\{\s*([a-z][a-z0-9_]*)\s*\}\}/g;

/** A template names a placeholder that was given no value. */
export class UnknownPlaceholderError extends Error {
  override name = 'UnknownPlaceholderError' as const;
  constructor(readonly placeholder: string) {
    super(`template placeholder without a value: ${placeholder}`);
  }
}

/**
 * Replaces every `{{name}}` in `template` by `values[name]`, in one pass: a value that
 * itself contains `{{…}}` is inserted as is, never expanded. Values must already be
 * neutralised. Throws UnknownPlaceholderError for a placeholder without a value.
 */
export function renderTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(PLACEHOLDER, (_match, name: string) => {
    if (!Object.hasOwn(values, name)) throw new UnknownPlaceholderError(name);
    return values[name] ?? '';
  });
}
