import type { ServerResponse } from 'node:http';
import { decryptedFormInput } from '../http/decrypted-form-input.js';
import { formFieldForPath } from '../http/form-fields.js';
import type { OrganisationView } from '../../flows/intake/intake-ports.js';
import { isJsonObject } from '../http/json-input.js';
import { fieldIssues } from '../http/validation-errors.js';
import { ReportInput, type Language } from '../../report/report.js';
import { acceptReport, errorName } from './accept-report.js';
import { attachmentMessage } from '../pages/attachment-message.js';
import { renderErrorPage } from '../pages/error-page.js';
import { sendTooLargePage, sendUnavailablePage, type ErrorPlace } from './error-responses.js';
import { label } from '../pages/form-controls.js';
import type { FormError } from '../pages/form-view.js';
import { asLanguage } from '../pages/language.js';
import { PUBLIC_PAGE, sendHtml } from '../http/respond.js';
import { sendConfirmation } from './send-confirmation.js';
import { translator, type StringKey } from '../pages/strings.js';
import { translateMessage } from '../pages/translate-message.js';
import type { WebContext } from '../http/web-context.js';

/**
 * A form post carrying `pgp_message`: the whole report, attachments included, encrypted in
 * the browser to the organisation's key by `assets/encrypt-form.js`. Decrypted here, read as
 * ReportInput JSON and checked like any form report; stored as channel `form`.
 *
 * The reporter's input cannot be shown back (the server never had it in a form it could
 * re-render safely), so refusals are pages that say what to fix; the form with the reporter's
 * text is still a click on the back button away. The decrypted text is never logged.
 */
export async function handleEncryptedForm(context: WebContext, res: ServerResponse, org: OrganisationView, armored: string, place: ErrorPlace & { language: Language }): Promise<void> {
  const meta = { org: org.login, channel: 'form', encrypted: true };
  const limits = context.limits;
  if (context.pgp === null) {
    context.log.info(meta, 'report refused: encrypted, but no OpenPGP key is configured');
    sendRefusal(res, 400, place, 'error.pgpNotAccepted', []);
    return;
  }
  // Busboy cuts a field at this size without saying so; a cut message could only fail to decrypt.
  if (Buffer.byteLength(armored) >= limits.maxUrlencodedBodyBytes) {
    context.log.info({ ...meta, reason: 'too-large' }, 'report refused: body not read');
    sendTooLargePage(res, place, limits.maxUrlencodedBodyBytes, limits.maxAttachmentBytes, {});
    return;
  }

  let text: string;
  try {
    text = (await context.pgp.decryptText(armored)).text;
  } catch (error) {
    context.log.info({ ...meta, error: errorName(error) }, 'report refused: not decryptable');
    sendRefusal(res, 400, place, 'error.pgpUndecryptable', []);
    return;
  }
  // The same bound as a JSON API body; openpgp.js already capped the decompressed size.
  if (text.length > limits.maxJsonBodyBytes) {
    context.log.info({ ...meta, reason: 'too-large' }, 'report refused: body not read');
    sendTooLargePage(res, place, limits.maxJsonBodyBytes, limits.maxAttachmentBytes, {});
    return;
  }
  const decrypted = decryptedFormInput(text, limits);
  if (decrypted === null) {
    context.log.info({ ...meta, reason: 'not-a-report' }, 'report refused: not decryptable');
    sendRefusal(res, 400, place, 'error.pgpUndecryptable', []);
    return;
  }

  const reportLanguage = offeredLanguage(decrypted.input.language, org);
  const language = reportLanguage ?? place.language;
  const t = translator(language);
  const parsed = ReportInput.safeParse({ ...decrypted.input, language: decrypted.input.language ?? place.language });
  const errors: FormError[] = decrypted.problems.map((problem) => ({ field: 'attachments', message: attachmentMessage(t, language, problem) }));
  if (!parsed.success) {
    for (const issue of fieldIssues(parsed.error)) {
      const translated = translateMessage(issue.message, language);
      // An unknown field has no form label of its own: its name goes with the message (cut by characters).
      const message = issue.unknown ? `${Array.from(issue.path.map(String).join('.')).slice(0, 60).join('')}: ${translated}` : translated;
      const file = issue.path[0] === 'attachments' ? attachmentName(decrypted.input.attachments, issue.path[1]) : undefined;
      errors.push({ field: formFieldForPath(issue.path), message: file === undefined ? message : `“${file}”: ${message}` });
    }
  }
  if (!parsed.success || errors.length > 0) {
    const status = decrypted.problems.some((problem) => problem.kind === 'too-large') ? 413 : 400;
    context.log.info({ ...meta, fields: [...new Set(errors.map((error) => error.field))] }, 'report refused: invalid input');
    const problems = errors.map((error) => `${label(t, error.field)}: ${error.message}`);
    sendRefusal(res, status, { ...place, language }, 'error.pgpInvalid', problems);
    return;
  }

  const outcome = await acceptReport(context, org.login, 'form', parsed.data);
  if (!outcome.stored) {
    sendUnavailablePage(res, { ...place, language });
    return;
  }
  sendConfirmation(context, res, org.name, language, outcome);
}

type RefusalKey = 'error.pgpNotAccepted' | 'error.pgpUndecryptable' | 'error.pgpInvalid';

/** An error page: what happened, the problems found (if any), and that the input is still in the browser. */
function sendRefusal(res: ServerResponse, status: 400 | 413, place: ErrorPlace & { language: Language }, key: RefusalKey, problems: string[]): void {
  const t = translator(place.language);
  const title = t(`${key}.title` satisfies StringKey);
  const paragraphs = [t(`${key}.body` satisfies StringKey), ...problems, t('error.keepInput')];
  sendHtml(res, status, renderErrorPage({ t, ...place, title, paragraphs }), PUBLIC_PAGE);
}

/** The file name of the attachment a schema issue points at, if the input has one there. */
function attachmentName(attachments: unknown, index: PropertyKey | undefined): string | undefined {
  if (!Array.isArray(attachments) || typeof index !== 'number') return undefined;
  const item: unknown = attachments[index];
  return isJsonObject(item) && typeof item.filename === 'string' ? item.filename : undefined;
}

function offeredLanguage(value: unknown, org: OrganisationView): Language | null {
  const language = typeof value === 'string' ? asLanguage(value) : null;
  return language !== null && org.languages.includes(language) ? language : null;
}
