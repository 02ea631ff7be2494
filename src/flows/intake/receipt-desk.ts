import type { OrgPgp } from '../../ports/org-pgp.js';
import type { OrgPgpFor } from '../../ports/org-pgp-source.js';
import { cachedClearsign } from '../cached-clearsign.js';
import { hashToken } from '../../report/ids.js';
import type { Store } from '../../store/store.js';

/** A receipt as handed to the researcher. */
export interface HandedReceipt {
  reportId: string;
  /** An OpenPGP cleartext-signed message when the organisation has a key; the plain text otherwise. */
  text: string;
  signed: boolean;
}

/** The researcher's receipt, by status token (the confirmation page, the API answer's URL, the status page). */
export interface ReceiptDesk {
  /** Null: no report for this token, or its receipt was erased (or it predates receipts). */
  receipt(statusToken: string): Promise<HandedReceipt | null>;
}

/**
 * Signs on request rather than at intake: a signature costs milliseconds of CPU (far more
 * with an RSA key), which anybody could otherwise make the intake spend per request. Only
 * the holder of a status token can ask, and a receipt asked for again is not signed again
 * (cached-clearsign.ts). Signed with the report's organisation's own key when it has one
 * (`pgpFor`), else with `pgp`.
 */
export function createReceiptDesk(deps: { store: Store; pgp: OrgPgp | null; pgpFor?: OrgPgpFor }): ReceiptDesk {
  return {
    async receipt(statusToken) {
      const report = await deps.store.findReportByTokenHash(hashToken(statusToken));
      if (report === null) return null;
      const text = await deps.store.getReceipt(report.id);
      if (text === null) return null;
      const pgp = deps.pgpFor === undefined ? deps.pgp : await deps.pgpFor(report.org);
      if (pgp === null) return { reportId: report.id, text, signed: false };
      return { reportId: report.id, text: await cachedClearsign(pgp, text), signed: true };
    },
  };
}
