import type { Attachment, Language, ReportInputRaw } from '../report/report.js';

/** The form's text fields. The names are the contract with `templates/` and any client. */
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

/** Picks the known text fields out of whatever the body carried; unknown names are ignored. */
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

/** The form field a schema error path belongs to, e.g. `contact.email` → `contact_email`. */
export function formFieldForPath(path: readonly PropertyKey[]): FormField {
  const [head, second] = path;
  if (head === 'contact') return CONTACT_FIELDS[String(second)] ?? 'contact_name';
  if (head === 'language') return 'lang';
  if (head === 'attachments') return 'attachments';
  return FORM_TEXT_FIELDS.find((field) => field === head) ?? 'title';
}

const CONTACT_FIELDS: Record<string, FormField> = {
  name: 'contact_name',
  email: 'contact_email',
  phone: 'contact_phone',
  github: 'contact_github',
  pgpKey: 'contact_pgp_key',
};
