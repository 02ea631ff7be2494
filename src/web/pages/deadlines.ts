import type { StatusView } from '../../flows/intake/intake-ports.js';
import type { Language } from '../../report/report.js';
import { formatDateTime } from './format.js';
import { html, type SafeHtml } from '../http/html.js';
import { plural, type Translate } from './strings.js';

/** The organisation's promises for this report, in its time zone: receipt and assessment. */
export function renderDeadlines(t: Translate, language: Language, status: StatusView): SafeHtml {
  const date = (d: Date): string => formatDateTime(d, language, status.timeZone);
  return html`<section class="deadlines" aria-labelledby="deadlines-heading">
<h2 id="deadlines-heading">${t('status.deadlinesHeading')}</h2>
<ul>
<li>${t('status.receiptDue', { date: date(status.receiptDue), within: plural(t, 'status.within', status.receiptBusinessDays) })}</li>
<li>${t('status.assessmentDue', { date: date(status.assessmentDue), within: plural(t, 'status.within', status.assessmentBusinessDays) })}</li>
</ul>
<p class="hint">${t('status.timeZone', { zone: status.timeZone })}</p>
</section>`;
}
