import type { OrgSettingsView } from '../../flows/org-settings/org-settings-desk.js';
import { catalogue, type Catalogue } from '../../i18n/catalogues.js';
import type { Language } from '../../report/report.js';
import { html, type SafeHtml } from '../http/html.js';
import { formatDateTime } from './format.js';
import { layout } from './layout.js';
import { renderSignOut } from './staff-message-page.js';
import type { StaffTranslate } from './staff-strings.js';
import { translator } from './strings.js';

/** The organisation settings page as an owner sees it. */
export interface StaffSettingsPageView {
  t: StaffTranslate;
  language: Language;
  login: string;
  csrf: string;
  settings: OrgSettingsView;
  /** After a form: what was saved, or which field was refused and why (never a secret). */
  notice: { kind: 'saved' | 'refused'; text: string } | null;
}

type Key = keyof Catalogue['staffSettings'];

/** Server-rendered, no script, every value escaped; both forms carry the session's CSRF token. */
export function renderStaffSettingsPage(view: StaffSettingsPageView): SafeHtml {
  const strings: Record<Key, string> = catalogue(view.language).staffSettings;
  const s = (key: Key, params: Record<string, string | number> = {}) => strings[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
  const { settings, csrf } = view;
  const base = `/staff/orgs/${settings.org}/settings`;
  const date = (value: Date | string) => formatDateTime(new Date(value), view.language, 'UTC');
  const key = settings.pgpKey;
  const mailbox = settings.mailbox;
  const content = html`<h1>${s('heading', { org: settings.org })}</h1>
<p>${s('intro')}</p>
${view.notice !== null && html`<div class="notice" role="${view.notice.kind === 'refused' ? 'alert' : 'status'}"><p>${view.notice.text}</p></div>`}
<h2>${s('key')}</h2>
${key === null ? html`<p>${s('noKey')}</p>` : html`<p>${s('current', { fingerprint: key.fingerprint, date: date(key.updatedAt) })}</p>
${key.previous.map((p) => html`<p>${s('previous', { fingerprint: p.fingerprint, date: date(p.decryptsUntil) })}</p>`)}`}
<form method="post" action="${base}/key">
<h3>${s('uploadKey')}</h3>
<input type="hidden" name="csrf" value="${csrf}">
<p><label for="key">${s('armored')}</label><br><textarea id="key" name="key" rows="8" cols="64" required></textarea></p>
<p><label for="passphrase">${s('passphrase')}</label><br><input id="passphrase" name="passphrase" type="password" autocomplete="off"></p>
<p><label for="grace_days">${s('graceDays')}</label><br><input id="grace_days" name="grace_days" type="number" min="0" max="3650" value="30"></p>
<p><button type="submit">${s('saveKey')}</button></p>
</form>
<h2>${s('mailbox')}</h2>
<p>${mailbox === null ? s('noMailbox') : s('mailboxIs', { user: mailbox.user, host: mailbox.host, port: mailbox.port, folder: mailbox.folder, tls: mailbox.tls, date: date(mailbox.updatedAt) })}</p>
<form method="post" action="${base}/mailbox">
<h3>${s('setMailbox')}</h3>
<input type="hidden" name="csrf" value="${csrf}">
<p><label for="host">${s('host')}</label><br><input id="host" name="host" required></p>
<p><label for="port">${s('port')}</label><br><input id="port" name="port" type="number" min="1" max="65535" value="993"></p>
<p><label for="user">${s('user')}</label><br><input id="user" name="user" required autocomplete="off"></p>
<p><label for="password">${s('password')}</label><br><input id="password" name="password" type="password" required autocomplete="off"></p>
<p><label for="folder">${s('folder')}</label><br><input id="folder" name="folder" value="INBOX"></p>
<p><label for="tls">${s('tls')}</label><br><select id="tls" name="tls"><option value="implicit" selected>${s('tlsImplicit')}</option><option value="starttls">${s('tlsStarttls')}</option></select></p>
<p><button type="submit">${s('saveMailbox')}</button></p>
</form>
${renderSignOut(view.t, csrf)}`;
  return layout({ t: translator(view.language), language: view.language, title: s('heading', { org: settings.org }) }, content);
}
