import type { IncomingMessage, ServerResponse } from 'node:http';
import { formFieldForPath, formToReportInput, formValuesFrom, unknownFormFields } from '../http/form-fields.js';
import type { OrganisationView } from '../../flows/intake/intake-ports.js';
import { checkUploads } from '../http/form-attachments.js';
import { readFormBody } from '../http/form-body.js';
import type { MultipartForm } from '../http/multipart.js';
import { fieldIssues } from '../http/validation-errors.js';
import { ReportInput, type Language } from '../../report/report.js';
import { acceptReport } from './accept-report.js';
import { attachmentMessage } from '../pages/attachment-message.js';
import { sendBadFormPage, sendRateLimitedPage, sendTooLargePage, type ErrorPlace } from './error-responses.js';
import { formPageHeaders, renderFormPage } from '../pages/form-page.js';
import { emptyFormView, type FormError } from '../pages/form-view.js';
import { asLanguage, chooseLanguage } from '../pages/language.js';
import { bodyErrorKind } from '../http/body-error-kind.js';
import { rateLimitRequest } from './rate-limit-request.js';
import { handleEncryptedForm } from './handle-encrypted-form.js';
import { closeAfterResponse, PUBLIC_PAGE, sendHtml } from '../http/respond.js';
import { sendConfirmation } from './send-confirmation.js';
import { translator } from '../pages/strings.js';
import { translateMessage } from '../pages/translate-message.js';
import type { WebContext } from '../http/web-context.js';

/**
 * `POST /orgs/{org}/report`: validates the form with the one ReportInput schema. Errors
 * re-render the form with the reporter's text kept and each message beside its field; a
 * stored report gets the confirmation page with its tracking id and status link. A post
 * with a `pgp_message` field (encrypted in the browser) goes to {@link handleEncryptedForm}.
 */
export async function handleFormPost(context: WebContext, req: IncomingMessage, res: ServerResponse, url: URL, org: OrganisationView): Promise<void> {
  const pageLanguage = chooseLanguage(url.searchParams.get('lang'), req.headers['accept-language'], org.languages);
  const place: ErrorPlace = { language: pageLanguage, orgName: org.name, formHref: `${url.pathname}?lang=${pageLanguage}` };
  const meta = { org: org.login, channel: 'form' };

  const decision = rateLimitRequest(context, req);
  if (!decision.allowed) {
    context.log.info(meta, 'report refused: rate limit');
    sendRateLimitedPage(res, place, decision.retryAfterSeconds, closeAfterResponse(req, res));
    return;
  }

  let form: MultipartForm;
  try {
    form = await readFormBody(req, context.limits);
  } catch (error) {
    const kind = bodyErrorKind(error);
    context.log.info({ ...meta, reason: kind.reason }, 'report refused: body not read');
    const extra = closeAfterResponse(req, res);
    if (kind.reason === 'too-large') sendTooLargePage(res, place, kind.limitBytes, context.limits.maxAttachmentBytes, extra);
    else sendBadFormPage(res, kind.reason === 'media-type' ? 415 : 400, place, extra);
    return;
  }

  const armored = form.fields.get('pgp_message');
  if (armored !== undefined) {
    const language = offeredLanguage(form.fields.get('lang'), org) ?? pageLanguage;
    await handleEncryptedForm(context, res, org, armored, { ...place, language });
    return;
  }

  const values = formValuesFrom((name) => form.fields.get(name));
  const language = offeredLanguage(values.lang, org) ?? pageLanguage;
  const t = translator(language);
  const uploads = checkUploads(form.files);
  const problems = [...form.problems, ...uploads.problems];
  const parsed = ReportInput.safeParse(formToReportInput(values, uploads.attachments, language));
  const errors: FormError[] = problems.map((problem) => ({ field: 'attachments', message: attachmentMessage(t, language, problem) }));
  // A field the form does not have, sent with a value, is named rather than dropped (rule "strict at every edge").
  for (const unknown of unknownFormFields(form.fields)) errors.push({ field: unknown.nearest ?? 'title', message: translateMessage(unknown.message, language) });
  if (!parsed.success) {
    for (const issue of fieldIssues(parsed.error)) {
      const message = translateMessage(issue.message, language);
      const file = issue.path[0] === 'attachments' && typeof issue.path[1] === 'number' ? uploads.attachments[issue.path[1]]?.filename : undefined;
      errors.push({ field: formFieldForPath(issue.path), message: file === undefined ? message : `“${file}”: ${message}` });
    }
  }
  const view = { ...emptyFormView(context, org, language, url), values, filesDropped: form.files.length + form.problems.length > 0, languageLinks: [] };

  if (!parsed.success || errors.length > 0) {
    const status = problems.some((problem) => problem.kind === 'too-large') ? 413 : 400;
    context.log.info({ ...meta, fields: [...new Set(errors.map((error) => error.field))] }, 'report refused: invalid input');
    sendHtml(res, status, renderFormPage({ ...view, errors }), PUBLIC_PAGE, formPageHeaders(view));
    return;
  }

  const outcome = await acceptReport(context, org.login, 'form', parsed.data);
  if (!outcome.stored) {
    sendHtml(res, 503, renderFormPage({ ...view, notice: t('errors.notStored') }), PUBLIC_PAGE, formPageHeaders(view));
    return;
  }
  sendConfirmation(context, res, org.name, language, outcome);
}

function offeredLanguage(value: string | undefined, org: OrganisationView): Language | null {
  const language = asLanguage(value);
  return language !== null && org.languages.includes(language) ? language : null;
}
