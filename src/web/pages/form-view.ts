import type { IntakeLimits } from '../../report/intake-limits.js';
import type { OrganisationView } from '../../flows/intake/intake-ports.js';
import type { Language } from '../../report/report.js';
import type { FormField, FormValues } from '../http/form-fields.js';
import { languageLinks, type LanguageLink } from './layout.js';
import { translator, type Translate } from './strings.js';
import type { WebContext } from '../http/web-context.js';

/** A message to show beside a field, already in the page's language. */
export interface FormError {
  field: FormField;
  message: string;
}

/** Everything the report form shows. */
export interface FormPageView {
  t: Translate;
  language: Language;
  orgName: string;
  /** The organisation's login, for links to its policy and hall of fame. */
  orgLogin?: string;
  /** Where the form posts: the page's own path, with `?lang=` so early errors speak the same language. */
  action: string;
  values: FormValues;
  errors: FormError[];
  /** A problem not tied to one field (e.g. "not stored, try again"), shown at the top of the summary. */
  notice?: string;
  /** The reporter had attached files, which a re-rendered form cannot keep. */
  filesDropped: boolean;
  maxAttachments: number;
  maxAttachmentBytes: number;
  languageLinks: LanguageLink[];
  /** Set when the organisation has an OpenPGP key: the browser then encrypts the report before sending it. */
  encryption: FormEncryption | null;
  /** The credit choice preselected until the reporter picks one: the organisation's `credit.default`. */
  creditDefault: 'anonymous' | 'name';
}

/** What the form's script needs to encrypt a report in the browser (`assets/encrypt-form.js`). */
export interface FormEncryption {
  /** Where the script fetches the armored public key: `/orgs/{org}/pgp-key.asc`. */
  keyUrl: string;
  /** Shown beside the note, so a careful reporter can compare it with the published key. */
  fingerprint: string;
  /**
   * An armored message must be shorter than this many bytes: it travels as one text field,
   * which the server reads up to the urlencoded body limit. The script checks before sending.
   */
  maxMessageBytes: number;
}

/**
 * An empty form for an organisation, in one language. The form posts back to the path it
 * was served from (`/orgs/{org}/report` or `/report`), carrying `?lang=` so that errors
 * found before the body is read are in the same language.
 */
export function emptyFormView(context: WebContext, org: OrganisationView, language: Language, url: URL): FormPageView {
  return {
    t: translator(language),
    language,
    orgName: org.name,
    orgLogin: org.login,
    action: `${url.pathname}?lang=${language}`,
    values: {},
    errors: [],
    filesDropped: false,
    maxAttachments: context.limits.maxAttachments,
    maxAttachmentBytes: context.limits.maxAttachmentBytes,
    languageLinks: languageLinks(url, language, org.languages),
    creditDefault: org.creditDefault,
    encryption: context.pgp ? { keyUrl: `/orgs/${org.login}/pgp-key.asc`, fingerprint: context.pgp.fingerprint, maxMessageBytes: encryptedMessageLimit(context.limits) } : null,
  };
}

/**
 * An armored message shorter than this arrives whole in a form post. It is one text field:
 * busboy cuts a multipart field at the urlencoded limit, and the whole multipart body has its
 * own limit (1 KiB left for the part headers and the `lang` field).
 */
export function encryptedMessageLimit(limits: Pick<IntakeLimits, 'maxUrlencodedBodyBytes' | 'maxMultipartBytes'>): number {
  return Math.min(limits.maxUrlencodedBodyBytes, limits.maxMultipartBytes - 1024);
}
