import type { StatusView } from '../../flows/intake/intake-ports.js';
import type { Language } from '../../report/report.js';
import { renderDeadlines } from './deadlines.js';
import { formatDateTime } from './format.js';
import { html, type SafeHtml } from '../http/html.js';
import { layout } from './layout.js';
import type { Translate } from './strings.js';

/** What the reporter sees once the report is stored. */
export interface ConfirmationView {
  t: Translate;
  language: Language;
  orgName: string;
  reportId: string;
  statusUrl: string;
  /** Deadlines, when the status could be read right after storing; the page works without. */
  status: StatusView | null;
  /** The report's SHA-256 and time of receipt, and where the signed receipt is. */
  receipt: { sha256: string; receivedAt: Date; url: string };
}

/**
 * The confirmation: tracking id and the status link. Rendered directly in answer to the POST
 * (no redirect), because the token is shown only here and must not end up in a Location header.
 */
export function renderConfirmationPage(view: ConfirmationView): SafeHtml {
  const { t, orgName } = view;
  const content = html`<h1>${t('confirm.heading')}</h1>
<p>${t('confirm.stored', { org: orgName })}</p>
<dl class="facts">
<dt>${t('status.trackingId')}</dt>
<dd><strong class="tracking-id">${view.reportId}</strong></dd>
</dl>
<p>${t('confirm.statusIntro')}</p>
<p class="status-link"><a href="${view.statusUrl}" rel="noreferrer">${view.statusUrl}</a></p>
<p class="notice">${t('confirm.keepSecret')}</p>
${view.status !== null && renderDeadlines(t, view.language, view.status)}
<h2>${t('confirm.receiptHeading')}</h2>
<p>${t('confirm.receiptIntro')}</p>
<dl class="facts receipt">
<dt>${t('confirm.receivedAt')}</dt>
<dd><time datetime="${view.receipt.receivedAt.toISOString()}">${formatDateTime(view.receipt.receivedAt, view.language, view.status?.timeZone ?? 'UTC')}</time></dd>
<dt>${t('confirm.sha256')}</dt>
<dd><code class="digest">${view.receipt.sha256}</code></dd>
</dl>
<p><a href="${view.receipt.url}" rel="noreferrer" download>${t('confirm.receiptLink')}</a></p>
<p>${t('confirm.reminder')}</p>`;
  return layout({ t, language: view.language, title: t('confirm.pageTitle', { org: orgName }), orgName }, content);
}
