/**
 * JSON.parse keeps the last of two equal keys and drops the first without a word, so
 * `{"title": "a", "title": "b"}` would file a report whose sender meant something else
 * (rule "strict at every edge"). This parses the text and also names every key that occurs
 * twice in one object, by its path (`title`, `contact.email`, `attachments.0.filename`).
 */
export type StrictJson = { ok: true; value: unknown } | { ok: false; reason: 'syntax' } | { ok: false; reason: 'duplicate-keys'; paths: string[] };

/** At most this many duplicate keys are named; a body may hold a million. */
const MAX_DUPLICATES_NAMED = 20;

export function parseStrictJson(text: string): StrictJson {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    return { ok: false, reason: 'syntax' };
  }
  const paths = duplicateKeyPaths(text);
  return paths.length === 0 ? { ok: true, value } : { ok: false, reason: 'duplicate-keys', paths };
}

interface Frame {
  kind: 'object' | 'array';
  /** The path of this container. */
  path: string;
  keys: Set<string>;
  /** The next array index, or the key whose value comes next. */
  index: number;
  pendingKey: string | null;
}

/**
 * One pass over text JSON.parse accepted: a stack of open containers, each object with the
 * keys it has seen. Keys are compared decoded (`"\u0074itle"` is `title`). Iterative, so any
 * depth JSON.parse took costs no stack.
 */
function duplicateKeyPaths(text: string): string[] {
  const found: string[] = [];
  const stack: Frame[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length && found.length < MAX_DUPLICATES_NAMED; i += 1) {
    const char = text[i];
    const top = stack.at(-1);
    if (char === '"') {
      const end = stringEnd(text, i);
      if (top?.kind === 'object' && expectKey) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        const path = join(top.path, key);
        if (top.keys.has(key)) found.push(path);
        top.keys.add(key);
        top.pendingKey = key;
        expectKey = false;
      }
      i = end;
    } else if (char === '{' || char === '[') {
      const path = top === undefined ? '' : top.kind === 'array' ? join(top.path, String(top.index)) : join(top.path, top.pendingKey ?? '');
      stack.push({ kind: char === '{' ? 'object' : 'array', path, keys: new Set(), index: 0, pendingKey: null });
      expectKey = char === '{';
    } else if (char === '}' || char === ']') {
      stack.pop();
    } else if (char === ',' && top !== undefined) {
      if (top.kind === 'array') top.index += 1;
      else expectKey = true;
    }
  }
  return found;
}

/** The index of the quote that closes the string opening at `start`. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i += 1) {
    if (text[i] === '\\') i += 1;
    else if (text[i] === '"') return i;
  }
  return text.length - 1;
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}
