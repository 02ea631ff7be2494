import type { ContactKind, Removal } from '../researcher-contact.js';
import type { DeadlineFate, DeadlineOutcome } from '../../clock/deadline-outcomes.js';
import type { CreditPreference, Language } from '../../report/report.js';
import type { Severity } from '../../report/severity.js';
import type { AttachmentInfo, StoredAttachment } from '../../store/staff-records.js';
import type { TriageStatus } from '../../triage/triage-status.js';

export type { AttachmentInfo, StoredAttachment } from '../../store/staff-records.js';

/** Contact details the desk may hold about a researcher. */
export type StaffContactKind = ContactKind;

/** How a promised deadline fared, by the one rule of clock/deadline-outcomes.ts. */
export type StaffDeadlineOutcome = DeadlineOutcome;
export type StaffDeadline = DeadlineFate;

export type { Removal } from '../researcher-contact.js';

/**
 * What the staff page shows of a report: facts, never report text (GitHub keeps that), and
 * which contact details are held, never their values (those only in a recorded reveal).
 */
export interface StaffReportView {
  id: string;
  org: string;
  /** `queued` / `held`: not filed yet. */
  state: 'queued' | 'held' | 'filed';
  /** The tracking issue's title as GitHub has it now (staff may have edited it); null when it cannot be read. */
  title: string | null;
  /** null until filed. */
  status: TriageStatus | null;
  /** The clock stands still (`/needs-info`). */
  paused: boolean;
  severity: Severity | null;
  receivedAt: Date;
  deadlines: StaffDeadline[];
  /** Where dates are shown (the organisation's `sla.time_zone`). */
  timeZone: string;
  /** The tracking issue; null until filed. */
  issue: { repo: string; number: number; url: string } | null;
  /** As the researcher chose; null when not known (erased, or never given). */
  credit: CreditPreference | null;
  /** The kinds of contact details held now (values only in a recorded reveal). */
  contactHeld: StaffContactKind[];
  contactRemoved: Removal | null;
  /** Earlier reveals, oldest first. */
  reveals: Array<{ login: string; at: Date }>;
  attachments: AttachmentInfo[];
  attachmentsRemoved: (Removal & { count: number }) | null;
  /** The tracking issue's language: the page's default. */
  trackingLanguage: Language;
}

/** The contact details, as a reveal shows them. */
export interface RevealedContact {
  name: string | null;
  email: string | null;
  phone: string | null;
  github: string | null;
  /** The fingerprint of their OpenPGP key; `unreadable` when a key is kept but cannot be read; null when none. */
  pgpFingerprint: string | null | 'unreadable';
}

export type RevealOutcome =
  /** Recorded (an event, and a comment on the tracking issue through the outbox), then read. */
  | { kind: 'revealed'; view: StaffReportView; contact: RevealedContact }
  /** Nothing to reveal: none given, removed, or not filed yet. Nothing is recorded. */
  | { kind: 'nothing'; view: StaffReportView }
  | { kind: 'not-found' };

/** What the staff pages read and do, for people the web layer has signed in and checked. */
export interface StaffDesk {
  /** The report of `org` with this id; null for an unknown id or a report of another organisation. */
  report(org: string, id: string): Promise<StaffReportView | null>;
  /** Records that `login` saw the researcher's contact details, then shows them. */
  reveal(org: string, id: string, login: string): Promise<RevealOutcome>;
  /** Attachment `position` (from 1) of the report, with its bytes; null when there is none. */
  attachment(org: string, id: string, position: number): Promise<StoredAttachment | null>;
}
