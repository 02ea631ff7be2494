import type { Attachment, Language, ReportInputRaw } from '../../report/report.js';
import { nearestName } from '../../report/unknown-keys.js';

/** The form's text fields. The names are the contract with the web catalogue's labels and any client. */
export const FORM_TEXT_FIELDS = [
  'title',
  'description',
  'steps',
  'affected',
  'impact',
  'cvss',
  'contact_name',
  'contact_email',
  'contact_phone',
  'contact_github',
  'contact_pgp_key',
  'credit',
  'lang',
] as const;
export type FormTextField = (typeof FORM_TEXT_FIELDS)[number];

/** Every field an error can point at: the text fields plus the file input. */
export type FormField = FormTextField | 'attachments';

/** What the reporter typed, kept as typed so the form can be shown again. */
export type FormValues = Partial<Record<FormTextField, string>>;

/** Picks the known text fields out of whatever the body carried; see {@link unknownFormFields} for the others. */
export function formValuesFrom(get: (name: string) => string | null | undefined): FormValues {
  const values: FormValues = {};
  for (const field of FORM_TEXT_FIELDS) {
    const value = get(field);
    if (typeof value === 'string') values[field] = value;
  }
  return values;
}

/**
 * Maps the flat form onto the schema's shape. Empty optional fields become undefined inside
 * the schema; an empty `credit` or `lang` means "not chosen", so the default applies.
 */
export function formToReportInput(values: FormValues, attachments: Attachment[], pageLanguage: Language): ReportInputRaw {
  return {
    title: values.title ?? '',
    description: values.description ?? '',
    steps: values.steps,
    affected: values.affected ?? '',
    impact: values.impact,
    cvss: values.cvss,
    contact: {
      name: values.contact_name,
      email: values.contact_email,
      phone: values.contact_phone,
      github: values.contact_github,
      pgpKey: values.contact_pgp_key,
    },
    // The schema rejects anything outside its unions; a crafted value gets a field error.
    credit: (values.credit || undefined) as ReportInputRaw['credit'],
    language: (values.lang || pageLanguage) as ReportInputRaw['language'],
    attachments,
  };
}

/**
 * The form field a schema error path belongs to, e.g. `contact.email` → `contact_email`. A
 * field the schema does not know (possible only in a browser-encrypted report, whose JSON
 * the server did not build) falls back to the first field of its object: `contact_name`, or
 * `title` at the top; the message itself names the field probably meant.
 */
export function formFieldForPath(path: readonly PropertyKey[]): FormField {
  const [head, second] = path;
  if (head === 'contact') return CONTACT_FIELDS.get(String(second)) ?? 'contact_name';
  if (head === 'language') return 'lang';
  if (head === 'attachments') return 'attachments';
  return FORM_TEXT_FIELDS.find((field) => field === head) ?? 'title';
}

/** A Map, not an object literal: a sender's `constructor` or `__proto__` must not find Object's. */
const CONTACT_FIELDS: ReadonlyMap<string, FormField> = new Map([
  ['name', 'contact_name'],
  ['email', 'contact_email'],
  ['phone', 'contact_phone'],
  ['github', 'contact_github'],
  ['pgpKey', 'contact_pgp_key'],
]);

/** What a form post may carry besides its text fields: the files, and the browser-encrypted report. */
const FORM_OTHER_FIELDS = ['attachments', 'pgp_message'] as const;

/** Other spellings a client may use for a form field: the JSON API's names. */
const FORM_ALIASES: Partial<Record<FormField, readonly string[]>> = {
  contact_name: ['name'],
  contact_email: ['email'],
  contact_phone: ['phone'],
  contact_github: ['github'],
  contact_pgp_key: ['pgpKey', 'pgp_key'],
  lang: ['language'],
};

/** A field a form post carried that the form does not have. */
export interface UnknownFormField {
  /** The name as posted (the sender's text: show it escaped, never log it). */
  name: string;
  /** The form field the sender probably meant, to show the message beside; null when none is near. */
  nearest: FormField | null;
  /** In English, in the voice of the schema's messages. */
  message: string;
}

/** Names longer than this are shown cut: the page shows the sender's own name back, not a payload. */
const MAX_SHOWN_NAME = 40;

/** At most this many unknown fields are named one by one; the rest are counted, so a small post cannot make a huge page. */
const MAX_UNKNOWN_LISTED = 20;

/**
 * The posted fields the form does not have and that carry a value (rule "strict at every edge":
 * nothing the sender meant is dropped silently). The form's fields are a public contract that
 * scripts post to as well, so `email=…` instead of `contact_email=…` must not become an
 * anonymous report. An empty unknown field carries nothing and is ignored: the form's own
 * page sends no unnamed extras, but another page's empty control loses nothing. Named submit
 * buttons send a value and are refused like any unknown field: the app's form has none.
 */
export function unknownFormFields(fields: Iterable<readonly [string, string]>): UnknownFormField[] {
  const known = new Set<string>([...FORM_TEXT_FIELDS, ...FORM_OTHER_FIELDS]);
  const candidates = [...FORM_TEXT_FIELDS, 'attachments' as const].map((field) => ({ value: field, names: [field, ...(FORM_ALIASES[field] ?? [])] }));
  const out: UnknownFormField[] = [];
  let more = 0;
  for (const [name, value] of fields) {
    if (known.has(name) || value.trim() === '') continue;
    if (out.length >= MAX_UNKNOWN_LISTED) {
      more += 1;
      continue;
    }
    const nearest = nearestName(name, candidates);
    const chars = Array.from(name);
    const shown = chars.length > MAX_SHOWN_NAME ? `${chars.slice(0, MAX_SHOWN_NAME).join('')}…` : name;
    const hint = nearest === null ? `; its fields are ${FORM_TEXT_FIELDS.join(', ')}, attachments` : `; did you mean ${nearest}?`;
    out.push({ name, nearest, message: `the form has no field “${shown}”${hint}` });
  }
  if (more > 0) out.push({ name: '', nearest: null, message: `and ${more} more fields the form does not have` });
  return out;
}
