import type { StatusView } from '../intake/intake-service.js';
import type { Language } from '../report/report.js';
import { formatDateTime } from './format.js';
import { html, type SafeHtml } from './html.js';
import type { Translate } from './strings.js';

/** What staff sent the researcher, oldest first; plain text, escaped, line breaks kept by CSS. */
export function renderMessages(t: Translate, language: Language, status: StatusView): SafeHtml {
  if (status.messages.length === 0) return html``;
  return html`<section class="messages" aria-labelledby="messages-heading">
<h2 id="messages-heading">${t('status.messagesHeading')}</h2>
<ol>
${status.messages.map(
  (m) => html`<li><time datetime="${m.at.toISOString()}">${formatDateTime(m.at, language, status.timeZone)}</time>
<p class="message">${m.body}</p></li>
`,
)}</ol>
</section>`;
}
