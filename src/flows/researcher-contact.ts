import { CreditPreference } from '../report/report.js';
import type { ReportEvent, ReportRecord } from '../store/store.js';

/** Contact details the desk may hold about a researcher. */
export type ContactKind = 'name' | 'email' | 'phone' | 'github' | 'pgpKey';
export const CONTACT_KINDS: readonly ContactKind[] = ['name', 'email', 'phone', 'github', 'pgpKey'];

/** Contact details as stored: the researcher facts of a filed report, or a queued report's input. */
export type HeldContact = Partial<Record<ContactKind, unknown>>;

/** When the contact details (or attachments) went: at the researcher's request, else at the end of retention. */
export interface Removal {
  at: Date;
  by: 'erased' | 'retention';
}

/**
 * The contact and credit choice of a report not filed yet, from its stored input (which an
 * erasure empties); null without a readable input. Once filed they are in the triage record.
 */
export function queuedContact(report: Pick<ReportRecord, 'payload'>): { contact: HeldContact; credit: CreditPreference | null } | null {
  if (report.payload === null) return null;
  try {
    const input = JSON.parse(report.payload) as { contact?: HeldContact; credit?: unknown };
    const credit = CreditPreference.safeParse(input.credit);
    return { contact: input.contact ?? {}, credit: credit.success ? credit.data : null };
  } catch {
    return null;
  }
}

/** The kinds of contact details held (never their values): those given and not blank. */
export function heldKinds(contact: HeldContact | null): ContactKind[] {
  return contact === null ? [] : CONTACT_KINDS.filter((kind) => isFilled(contact[kind]));
}

export function isFilled(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/** The first erasure wins over the retention purge; null while neither happened. */
export function removalOf(events: readonly ReportEvent[], erasedType: string, purgedType: string): Removal | null {
  const erased = events.find((event) => event.type === erasedType);
  if (erased !== undefined) return { at: erased.at, by: 'erased' };
  const purged = events.find((event) => event.type === purgedType);
  return purged === undefined ? null : { at: purged.at, by: 'retention' };
}
