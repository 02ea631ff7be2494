import type { IncomingMessage, ServerResponse } from 'node:http';
import { OrgSettingInputError } from '../../flows/org-settings/org-settings-desk.js';
import type { Language } from '../../report/report.js';
import { csrfToken, type StaffSession } from '../http/staff-session.js';
import type { StaffContext } from '../http/staff-context.js';
import { renderStaffSettingsPage, type StaffSettingsPageView } from '../pages/staff-settings-page.js';
import { staffTranslator } from '../pages/staff-strings.js';
import { errorName } from './accept-report.js';
import { sessionOrSignIn } from './staff-sign-in.js';
import { readStaffForm, sendStaffHtml, sendStaffMessage, sendStaffUnavailable, staffLanguage } from './staff-responses.js';

/** An armored RSA-4096 private key is about 7 KiB; with the other fields, far below this. */
const MAX_SETTINGS_FORM_BYTES = 64 * 1024;

type Who = { session: StaffSession; language: Language; settings: NonNullable<StaffContext['orgSettings']> };

/**
 * The signed-in owner of the organisation, or null after answering: a GET without a session
 * starts a sign-in, a POST without one is refused; anyone but an owner (checked with GitHub
 * at most a minute ago) gets 403; an organisation the app is not on, 404.
 */
async function signedInOwner(context: StaffContext, req: IncomingMessage, res: ServerResponse, url: URL, org: string, method: 'GET' | 'POST'): Promise<Who | null> {
  const language = staffLanguage(req, url);
  const settings = context.orgSettings;
  if (settings === undefined) {
    req.resume();
    sendStaffMessage(res, 404, language, 'notFound.title', [{ key: 'notFound.body' }]);
    return null;
  }
  const session = sessionOrSignIn(context, req, res, url, method, language);
  if (session === null) return null;
  let access;
  try {
    access = await settings.owners.check(org, session.login);
  } catch (error) {
    context.log.warn({ org, error: errorName(error) }, 'organisation owner could not be checked');
    req.resume();
    sendStaffUnavailable(res, language);
    return null;
  }
  if (access.kind !== 'allowed') {
    req.resume();
    if (access.kind === 'unknown-org') sendStaffMessage(res, 404, language, 'notFound.title', [{ key: 'notFound.body' }]);
    else {
      context.log.info({ org, staff: session.login }, 'organisation settings refused: not an owner');
      sendStaffMessage(res, 403, language, 'forbidden.title', [{ key: 'forbidden.hint' }], { signOut: { csrf: csrfToken(context.keys, session) } });
    }
    return null;
  }
  return { session, language, settings };
}

async function sendPage(context: StaffContext, res: ServerResponse, who: Who, org: string, status: number, notice: StaffSettingsPageView['notice']): Promise<void> {
  const page = renderStaffSettingsPage({
    t: staffTranslator(who.language),
    language: who.language,
    login: who.session.login,
    csrf: csrfToken(context.keys, who.session),
    settings: await who.settings.desk.show(org),
    notice,
  });
  sendStaffHtml(res, status, page);
}

/** `GET /staff/orgs/{org}/settings`: which settings exist, for owners. */
export async function handleSettingsPage(context: StaffContext, req: IncomingMessage, res: ServerResponse, url: URL, org: string): Promise<void> {
  const who = await signedInOwner(context, req, res, url, org, 'GET');
  if (who !== null) await sendPage(context, res, who, org, 200, null);
}

/**
 * `POST /staff/orgs/{org}/settings/key` or `/mailbox`: sets the organisation's key (the
 * replaced one still decrypts for the grace period) or mailbox. A refused value answers 400
 * with the field and the reason, never the value; nothing secret is logged.
 */
export async function handleSettingsPost(context: StaffContext, req: IncomingMessage, res: ServerResponse, url: URL, org: string, setting: 'key' | 'mailbox'): Promise<void> {
  const who = await signedInOwner(context, req, res, url, org, 'POST');
  if (who === null) return;
  const fields = await readStaffForm(context, req, res, who.session, who.language, MAX_SETTINGS_FORM_BYTES);
  if (fields === null) return;
  try {
    if (setting === 'key') {
      const grace = fields.get('grace_days')?.trim() ?? '';
      if (grace !== '' && !/^[0-9]{1,4}$/.test(grace)) throw new OrgSettingInputError('grace_days', 'must be a whole number of days');
      const summary = await who.settings.desk.setKey(org, fields.get('key') ?? '', fields.get('passphrase') || null, grace === '' ? {} : { graceDays: Number(grace) });
      context.log.info({ org, staff: who.session.login, fingerprint: summary.fingerprint }, 'organisation key set on the staff page');
      return await sendPage(context, res, who, org, 200, { kind: 'saved', text: `${summary.fingerprint}: OK` });
    }
    const port = fields.get('port')?.trim() ?? '';
    const summary = await who.settings.desk.setMailbox(org, {
      host: fields.get('host') ?? '',
      port: /^[0-9]{1,5}$/.test(port) ? Number(port) : -1,
      user: fields.get('user') ?? '',
      password: fields.get('password') ?? '',
      folder: fields.get('folder') || 'INBOX',
      tls: fields.get('tls') || 'implicit',
      processedFolder: null,
    });
    context.log.info({ org, staff: who.session.login, host: summary.host }, 'organisation mailbox set on the staff page');
    return await sendPage(context, res, who, org, 200, { kind: 'saved', text: `${summary.user} @ ${summary.host}: OK` });
  } catch (error) {
    if (!(error instanceof OrgSettingInputError)) throw error;
    await sendPage(context, res, who, org, 400, { kind: 'refused', text: error.message });
  }
}
