import { createHash } from 'node:crypto';
import type { Clock } from '../clock/clock.js';
import type { OrgDirectory } from '../flows/org-directory.js';
import type { Logger } from '../log.js';
import { receiveResearcherReply } from '../flows/researcher/receive-reply.js';
import type { Store } from '../store/store.js';
import type { ParsedEmail } from './parse-email.js';
import type { EmailReplyDetails } from './imap-poller.js';

/**
 * An e-mail reply to a report becomes a comment on its issue, like a status-page reply.
 * The sender must be the address the researcher reported with: a tracking id in a subject
 * is no secret, so anyone else's mail is filed as a new report instead (resolves false).
 * A report not filed yet throws: the e-mail stays unseen and is tried on the next poll.
 */
export function emailReplyHandler(deps: { store: Store; orgs: OrgDirectory; clock: Clock; log: Logger; kick: () => void }) {
  return async (reportId: string, text: string, from: ParsedEmail['from'], details: EmailReplyDetails): Promise<boolean> => {
    const triage = await deps.store.getTriage(reportId);
    if (triage === null) {
      if ((await deps.store.getReport(reportId)) !== null) throw new Error('report not filed yet; the reply waits for the next poll');
      return false;
    }
    const expected = triage.researcher?.email?.toLowerCase() ?? null;
    if (expected === null || from === null || from.address.toLowerCase() !== expected) {
      deps.log.info({ reportId }, 'e-mail reply from an address other than the report\'s: filed as a new report');
      return false;
    }
    const key = `email-reply:${details.messageId ?? createHash('sha256').update(text).digest('hex')}`;
    const outcome = await receiveResearcherReply(deps, { reportId, text, via: 'email', key });
    if (outcome === 'not-filed') throw new Error('report not filed yet; the reply waits for the next poll');
    return outcome !== 'unknown';
  };
}
