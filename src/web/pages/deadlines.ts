import type { DeadlineView, StatusView } from '../../flows/intake/intake-ports.js';
import type { Language } from '../../report/report.js';
import { formatDate, formatDateTime } from './format.js';
import { html, type SafeHtml } from '../http/html.js';
import { plural, type Translate } from './strings.js';

/**
 * The organisation's promises for this report, in its time zone: receipt, assessment and,
 * once a severity sets one, the resolution target. With `outcomes` (the status page), each
 * says how it fared: met (and when), missed, due, on hold, or no longer applying.
 */
export function renderDeadlines(t: Translate, language: Language, status: StatusView, outcomes = false): SafeHtml {
  if (status.deadlines.length === 0) return html``;
  return html`<section class="deadlines" aria-labelledby="deadlines-heading">
<h2 id="deadlines-heading">${t('status.deadlinesHeading')}</h2>
<ul>
${status.deadlines.map((deadline) => html`<li class="deadline deadline-${deadline.kind}">${promise(t, language, status.timeZone, deadline)}${outcomes ? html`: <strong class="outcome outcome-${deadline.outcome}">${outcome(t, language, status.timeZone, deadline)}</strong>` : html``}</li>\n`)}</ul>
<p class="hint">${t('status.timeZone', { zone: status.timeZone })}</p>
</section>`;
}

/** "Confirmation of receipt by Wednesday, 4 March 2026 at 23:59 CET (within 1 business day)". */
function promise(t: Translate, language: Language, timeZone: string, deadline: DeadlineView): string {
  const text = t(`status.deadline.${deadline.kind}`, { date: formatDateTime(deadline.due, language, timeZone) });
  const span = deadline.span;
  if (span === null) return text;
  const within = span.unit === 'business' ? plural(t, 'status.within', span.days) : t(span.days === 1 ? 'status.withinDays.one' : 'status.withinDays.other', { n: span.days });
  return `${text} (${within})`;
}

/** "met on 3 March 2026", "missed: done on 5 March 2026", "missed", "due", … */
function outcome(t: Translate, language: Language, timeZone: string, deadline: DeadlineView): string {
  const metOn = deadline.metAt === null ? null : formatDate(deadline.metAt, language, timeZone);
  switch (deadline.outcome) {
    case 'met':
      return t('status.outcome.met', { date: metOn ?? '' });
    case 'missed':
      return metOn === null ? t('status.outcome.missed') : t('status.outcome.metLate', { date: metOn });
    case 'due':
    case 'paused':
    case 'void':
      return t(`status.outcome.${deadline.outcome}`);
  }
}
