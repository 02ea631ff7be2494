import { z } from 'zod';

/*
 * Unknown keys (rule "strict at every edge"). zod reports all unknown keys of one strict object in
 * one `unrecognized_keys` issue at the object's path. Senders need one entry per key, at the
 * key's own path, and a hint: the key they probably meant, or the keys known at that level.
 * The config (`.github/disclosure.yml`) uses the same wording with "key" for "field".
 */

/** One unknown key: its full path and a message that says what is known there. */
export interface UnknownKeyIssue {
  path: PropertyKey[];
  message: string;
}

/** One object reports at most this many unknown keys one by one; the rest are counted. A body can hold a million. */
const MAX_UNKNOWN_KEYS_LISTED = 20;
/** Known keys at one level are listed when there are at most this many. */
const MAX_KEYS_LISTED = 12;
/** Keys longer than this get no suggestion: nobody misspells a known key that way. */
const MAX_SUGGESTED_KEY_LENGTH = 64;

/**
 * Splits an `unrecognized_keys` issue of `schema` into one issue per key, e.g. for `{"email": …}`
 * at the top: path `email`, "is not a known field; did you mean contact.email?". Without a
 * near key: "is not a known field; known here: name, email, …" (when the level has few keys).
 */
export function unknownKeyIssues(schema: z.ZodType, issue: z.core.$ZodIssueUnrecognizedKeys, noun: 'field' | 'key'): UnknownKeyIssue[] {
  const at = [...issue.path];
  const listed = issue.keys.slice(0, MAX_UNKNOWN_KEYS_LISTED).map((key) => ({ path: [...at, key], message: unknownKeyMessage(schema, at, key, noun) }));
  const rest = issue.keys.length - listed.length;
  return rest > 0 ? [...listed, { path: at, message: `has ${rest} more unknown ${noun}s` }] : listed;
}

/** The keys a strict object in `schema` knows at `path` (array items by index), or null when no object is there. */
export function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] | null {
  const shape = shapeAt(schema, path);
  return shape === null ? null : Object.keys(shape);
}

function unknownKeyMessage(schema: z.ZodType, at: readonly PropertyKey[], key: string, noun: 'field' | 'key'): string {
  const known = knownKeysAt(schema, at) ?? [];
  const suggestion = nearestKey(schema, at, key);
  if (suggestion !== null) return `is not a known ${noun}; did you mean ${suggestion.join('.')}?`;
  if (known.length > 0 && known.length <= MAX_KEYS_LISTED) return `is not a known ${noun}; known here: ${known.join(', ')}`;
  return `is not a known ${noun}`;
}

interface Candidate {
  path: PropertyKey[];
  /** The spellings the unknown key is compared with: the key, and for a nested key also parent and key run together. */
  names: string[];
}

/**
 * The known key the sender most likely meant, as a full path: a near spelling at the same
 * level (`emial` → `contact.email`), a key one level down (`email` or `contact_email` at the
 * top → `contact.email`), or one level up (`credit` inside `contact` → `credit`).
 */
function nearestKey(schema: z.ZodType, at: readonly PropertyKey[], key: string): PropertyKey[] | null {
  return nearestName(key, candidates(schema, at).map((candidate) => ({ value: candidate.path, names: candidate.names })));
}

/**
 * The candidate whose name is nearest to `key`, if one is near enough to be what the sender
 * meant: the same name but for case and `_`/`-`/`.`, a prefix (`lang` → `language`), or one to
 * three typing errors by length (`emial` → `email`). On a tie the first candidate wins.
 */
export function nearestName<T>(key: string, candidates: readonly { value: T; names: readonly string[] }[]): T | null {
  const wanted = normalised(key);
  if (wanted === '' || key.length > MAX_SUGGESTED_KEY_LENGTH) return null;
  let best: { value: T; distance: number } | null = null;
  for (const candidate of candidates) {
    const distance = Math.min(...candidate.names.map((name) => keyDistance(wanted, normalised(name))));
    if (distance <= tolerance(wanted) && (best === null || distance < best.distance)) best = { value: candidate.value, distance };
  }
  return best?.value ?? null;
}

/** Same level first, then one level down, then one level up: on a tie the nearer level wins. */
function candidates(schema: z.ZodType, at: readonly PropertyKey[]): Candidate[] {
  const here = shapeAt(schema, at) ?? {};
  const out: Candidate[] = Object.keys(here).map((name) => ({ path: [...at, name], names: [name] }));
  for (const [name, child] of Object.entries(here)) {
    const inner = objectShape(child);
    if (inner !== null) out.push(...Object.keys(inner).map((leaf) => ({ path: [...at, name, leaf], names: [leaf, `${name}${leaf}`] })));
  }
  const parent = at.at(-1);
  if (typeof parent === 'string') {
    const above = shapeAt(schema, at.slice(0, -1)) ?? {};
    out.push(...Object.keys(above).filter((name) => name !== parent).map((name) => ({ path: [...at.slice(0, -1), name], names: [name] })));
  }
  return out;
}

/** Case, `_`, `-`, `.` and spaces do not count: `pgp_key`, `PGPKey` and `pgpKey` are one key. */
function normalised(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** How far off a key may be: one edit in a short key, up to three in a long one. */
function tolerance(key: string): number {
  if (key.length <= 4) return 1;
  return key.length <= 8 ? 2 : 3;
}

/** Edits (insert, delete, substitute, swap neighbours) from `a` to `b`; a prefix of 3+ characters (`lang`, `desc`) counts as one. */
function keyDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length >= 3 && b.startsWith(a)) return 1;
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const at = (i: number, j: number): number => rows[i]?.[j] ?? 0;
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, at(i - 2, j - 2) + 1);
      const row = rows[i];
      if (row !== undefined) row[j] = value;
    }
  }
  return at(a.length, b.length);
}

type Shape = Readonly<Record<string, z.ZodType>>;

function shapeAt(schema: z.ZodType, path: readonly PropertyKey[]): Shape | null {
  let current: z.ZodType | undefined = schema;
  for (const segment of path) {
    const inner: z.ZodType = unwrapped(current);
    if (inner instanceof z.ZodObject && typeof segment === 'string' && Object.hasOwn(inner.shape, segment)) current = (inner.shape as Shape)[segment];
    else if (inner instanceof z.ZodArray && typeof segment === 'number') current = inner.element as z.ZodType;
    else return null;
    if (current === undefined) return null;
  }
  return objectShape(current);
}

function objectShape(schema: z.ZodType): Shape | null {
  const inner = unwrapped(schema);
  return inner instanceof z.ZodObject ? (inner.shape as Shape) : null;
}

/** The schema under defaults, optionals and pipes: what the sender's value is checked against first. */
function unwrapped(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    if (current instanceof z.ZodDefault || current instanceof z.ZodPrefault || current instanceof z.ZodOptional || current instanceof z.ZodNullable || current instanceof z.ZodReadonly || current instanceof z.ZodCatch || current instanceof z.ZodNonOptional) {
      current = current.def.innerType as z.ZodType;
    } else if (current instanceof z.ZodPipe) {
      current = current.def.in as z.ZodType;
    } else {
      return current;
    }
  }
}
