import type { Language } from '../../report/report.js';
import { orgPagePaths } from './org-page-paths.js';

/** Expires is this many days ahead, renewed on every request (RFC 9116 §2.5.5 advises less than a year). */
export const EXPIRES_DAYS = 180;

/** Where security.txt is served for the default organisation (RFC 9116 §3). */
export const WELL_KNOWN_PATH = '/.well-known/security.txt';

/** What the file says about one organisation. */
export interface SecurityTxtInput {
  /** Absolute https base, from {@link publicBase}. */
  base: string;
  login: string;
  /** `contact.email`: a second Contact, after the form. */
  email: string | undefined;
  /** `contact.phone`: a `tel:` Contact, after the e-mail address. */
  phone?: string | undefined;
  /** An OpenPGP key is configured and served: adds Encryption. */
  hasKey: boolean;
  /** Config `languages`, the organisation's order. */
  languages: readonly Language[];
  /** The file is also the default organisation's `/.well-known/security.txt`. */
  wellKnown: boolean;
  now: Date;
}

/** One `Name: value` line. */
export interface SecurityTxtField {
  name: 'Contact' | 'Expires' | 'Encryption' | 'Acknowledgments' | 'Preferred-Languages' | 'Canonical' | 'Policy';
  value: string;
}

/**
 * The absolute https base of `PUBLIC_URL` without a trailing slash, or null when it is
 * unset or not https: RFC 9116 requires https URIs, so without it there is no valid file.
 */
export function publicBase(publicUrl: string | undefined): string | null {
  if (publicUrl === undefined || publicUrl.trim() === '') return null;
  let url: URL;
  try {
    url = new URL(publicUrl.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') return null;
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/**
 * The start of the UTC day of `now`, plus {@link EXPIRES_DAYS}: always in the future, and
 * the same all day, so the (signed) file only changes once a day.
 */
export function securityTxtExpires(now: Date): Date {
  const day = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return new Date(day + EXPIRES_DAYS * 86_400_000);
}

/** The fields, in the order of RFC 9116's examples: Contact (form first, then e-mail), Expires, … */
export function securityTxtFields(input: SecurityTxtInput): SecurityTxtField[] {
  const paths = orgPagePaths(input.login);
  const url = (path: string): string => `${input.base}${path}`;
  return [
    { name: 'Contact', value: url(paths.report) },
    ...(input.email === undefined ? [] : [{ name: 'Contact' as const, value: `mailto:${input.email}` }]),
    ...(input.phone === undefined ? [] : [{ name: 'Contact' as const, value: telUri(input.phone) }]),
    { name: 'Expires', value: securityTxtExpires(input.now).toISOString().replace(/\.\d{3}Z$/, 'Z') },
    ...(input.hasKey ? [{ name: 'Encryption' as const, value: url(paths.pgpKey) }] : []),
    { name: 'Acknowledgments', value: url(paths.hallOfFame) },
    { name: 'Preferred-Languages', value: input.languages.join(', ') },
    { name: 'Canonical', value: url(paths.securityTxt) },
    ...(input.wellKnown ? [{ name: 'Canonical' as const, value: url(WELL_KNOWN_PATH) }] : []),
    { name: 'Policy', value: url(paths.policy) },
  ];
}

/** The file's text: a comment, then one field per line, LF line ends. */
export function renderSecurityTxt(fields: readonly SecurityTxtField[]): string {
  const comments = ['# Security contact (RFC 9116), served by Disclosure Desk.', '# Expires is renewed automatically: fetch this file again rather than keeping a copy.'];
  return `${[...comments, ...fields.map((field) => `${field.name}: ${field.value}`)].join('\n')}\n`;
}

/** `+31 58 845 8000` → `tel:+31588458000` (RFC 3966: a global number without visual separators). */
export function telUri(phone: string): string {
  return `tel:${phone.replace(/ /g, '')}`;
}
