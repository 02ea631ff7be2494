import type { AcceptedFacts } from '../intake/accept-report.js';
import { newSendMailJob } from './send-mail-job.js';
import type { NewJob } from '../../store/store.js';
import { formatDateTime } from '../../i18n/format-date.js';
import { acknowledgementText } from '../../researcher/plan-mail.js';

/**
 * The acknowledgement e-mail (tracking id, status link, promised deadlines), committed with
 * the report itself and sent as soon as it is filed; none without an e-mail address. The
 * status link is the researcher's only way back for an e-mailed report; the job's payload,
 * which holds it, is emptied once the mail has gone.
 */
export function acknowledgementJobs(publicUrl: string | undefined) {
  return (accepted: AcceptedFacts): NewJob[] => {
    if (accepted.input.contact.email === undefined) return [];
    const lang = accepted.input.language;
    // Dates for people, in the researcher's language and the organisation's time zone (as on the status page).
    const when = (date: Date | null) => (date === null ? null : formatDateTime(date, lang, accepted.timeZone));
    const base = publicUrl?.replace(/\/+$/, '') ?? '';
    return [
      newSendMailJob(
        accepted.org,
        {
          reportId: accepted.id,
          messageIndex: 0,
          kind: 'acknowledgement',
          body: acknowledgementText(lang, { id: accepted.id, receiptDue: when(accepted.receiptDue), assessmentDue: when(accepted.assessmentDue) }),
          language: lang,
          // Relative links mean nothing in an e-mail: without PUBLIC_URL the mail has none.
          statusUrl: base === '' ? null : `${base}/status/${accepted.statusToken}`,
          // Threaded on the researcher's e-mail; a hashed key is no Message-ID.
          inReplyTo: accepted.emailMessageKey === undefined || accepted.emailMessageKey.startsWith('sha256:') ? null : accepted.emailMessageKey,
        },
        accepted.receivedAt,
      ),
    ];
  };
}
