import type { OrgPgp } from '../../ports/org-pgp.js';
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
 * the holder of a status token can ask, and the last signatures are kept, so a receipt
 * asked for again is not signed again.
 */
export function createReceiptDesk(deps: { store: Store; pgp: OrgPgp | null }): ReceiptDesk {
  const signed = new Map<string, Promise<string>>();
  const sign = (pgp: OrgPgp, text: string): Promise<string> => {
    const known = signed.get(text);
    if (known !== undefined) return known;
    if (signed.size >= KEPT_SIGNATURES) signed.delete(signed.keys().next().value ?? '');
    const signing = pgp.clearsign(text);
    signed.set(text, signing);
    // A failed signature is not kept: the next request tries again.
    signing.catch(() => signed.delete(text));
    return signing;
  };
  return {
    async receipt(statusToken) {
      const report = await deps.store.findReportByTokenHash(hashToken(statusToken));
      if (report === null) return null;
      const text = await deps.store.getReceipt(report.id);
      if (text === null) return null;
      if (deps.pgp === null) return { reportId: report.id, text, signed: false };
      return { reportId: report.id, text: await sign(deps.pgp, text), signed: true };
    },
  };
}

const KEPT_SIGNATURES = 64;
