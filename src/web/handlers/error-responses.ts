import type { ServerResponse } from 'node:http';
import type { Language } from '../../report/report.js';
import { renderErrorPage } from '../pages/error-page.js';
import { formatBytes } from '../pages/format.js';
import { PUBLIC_PAGE, sendHtml, type ExtraHeaders } from '../http/respond.js';
import { plural, translator } from '../pages/strings.js';

/** Where an error page sits: its language, and the organisation and form it belongs to, if any. */
export interface ErrorPlace {
  language: Language;
  orgName?: string;
  formHref?: string;
}

/** 404 as an HTML page: unknown organisation or malformed path. */
export function sendNotFoundPage(res: ServerResponse, place: ErrorPlace, extra: ExtraHeaders = {}): void {
  const t = translator(place.language);
  sendHtml(res, 404, renderErrorPage({ t, ...place, title: t('error.notFound.title'), paragraphs: [t('error.notFound.body')] }), PUBLIC_PAGE, extra);
}

/** 413: the body is bigger than we read; the reporter's text is still in their browser. */
export function sendTooLargePage(res: ServerResponse, place: ErrorPlace, limitBytes: number, fileLimitBytes: number, extra: ExtraHeaders): void {
  const t = translator(place.language);
  const body = t('error.tooLarge.body', { limit: formatBytes(limitBytes, place.language), fileLimit: formatBytes(fileLimitBytes, place.language) });
  sendHtml(res, 413, renderErrorPage({ t, ...place, title: t('error.tooLarge.title'), paragraphs: [body, t('error.keepInput')] }), PUBLIC_PAGE, extra);
}

/** 429 with Retry-After, in whole seconds as RFC 9110 asks; the page rounds up to minutes. */
export function sendRateLimitedPage(res: ServerResponse, place: ErrorPlace, retryAfterSeconds: number, extra: ExtraHeaders, what: 'reports' | 'reads' = 'reports'): void {
  const t = translator(place.language);
  const wait = plural(t, 'wait.minutes', Math.ceil(retryAfterSeconds / 60));
  // A refused read had no input to keep; a refused report did.
  const paragraphs = what === 'reports' ? [t('error.rateLimited.body', { wait }), t('error.keepInput')] : [t('error.readLimited.body', { wait })];
  const page = renderErrorPage({ t, ...place, title: t(what === 'reports' ? 'error.rateLimited.title' : 'error.readLimited.title'), paragraphs });
  sendHtml(res, 429, page, PUBLIC_PAGE, { ...extra, 'Retry-After': String(retryAfterSeconds) });
}

/** 400 or 415: the body was not a form we can read. */
export function sendBadFormPage(res: ServerResponse, status: 400 | 415, place: ErrorPlace, extra: ExtraHeaders = {}): void {
  const t = translator(place.language);
  sendHtml(res, status, renderErrorPage({ t, ...place, title: t('error.badRequest.title'), paragraphs: [t('error.badRequest.body'), t('error.keepInput')] }), PUBLIC_PAGE, extra);
}

/** 503: nothing was stored; never a success claim (rule "a 2xx means durable"). */
export function sendUnavailablePage(res: ServerResponse, place: ErrorPlace): void {
  const t = translator(place.language);
  sendHtml(res, 503, renderErrorPage({ t, ...place, title: t('error.unavailable.title'), paragraphs: [t('errors.notStored')] }), PUBLIC_PAGE);
}
