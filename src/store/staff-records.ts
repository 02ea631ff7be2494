import type { NewJob } from './job-records.js';

/** An attachment as filing hands it to the store: the bytes, under the name and type the issue lists. */
export interface NewAttachment {
  /** From 1, in the order the researcher sent them. */
  position: number;
  /** The safe name (src/report/safe-file-name.ts). */
  fileName: string;
  /** The verified type. */
  contentType: string;
  data: Buffer;
}

/** What the staff page lists of an attachment: never its bytes. */
export interface AttachmentInfo {
  position: number;
  fileName: string;
  contentType: string;
  /** Bytes. */
  size: number;
  /** SHA-256 of the bytes, hex. */
  sha256: string;
  storedAt: Date;
}

/** An attachment with its bytes, for the staff download. */
export interface StoredAttachment extends AttachmentInfo {
  data: Buffer;
}

/**
 * Attachments, kept encrypted by the app instead of committed to the tracking repository;
 * part of the Store. Removed with the contact details (Store.purgeContacts, eraseContact).
 */
export interface AttachmentStore {
  /**
   * Keeps a report's attachments. Idempotent by position: a retry of filing keeps what is
   * there. Resolves `erased`, storing nothing, when the researcher erased their details
   * first (rule "erasure and retention win": a filing job that read the report before the
   * erasure cannot bring its files back).
   */
  saveAttachments(reportId: string, files: readonly NewAttachment[], now: Date): Promise<'saved' | 'erased'>;
  /** The report's attachments, by position, without their bytes. */
  listAttachments(reportId: string): Promise<AttachmentInfo[]>;
  /** One attachment with its bytes, decrypted; null when there is none at `position`. */
  getAttachment(reportId: string, position: number): Promise<StoredAttachment | null>;
}

/** A staff member saw the researcher's contact details. */
export interface ContactReveal {
  reportId: string;
  /** The GitHub login of the staff member. */
  login: string;
  at: Date;
  /** The comment on the tracking issue that says so (an `issue-update` job, keyed so it is posted once). */
  job: NewJob;
}

/** The staff pages' own records; part of the Store. */
export interface StaffStore {
  /**
   * The secret every instance signs staff sessions, sign-in states and CSRF tokens with
   * (hex; made once per database by migration 0012). Never logged.
   */
  staffSessionKey(): Promise<string>;
  /**
   * Marks a sign-in state (by its hash) as used: true the first time, false for a state
   * already used, on any instance. `expiresAt`: when the state could no longer be used
   * anyway; rows past it are pruned.
   */
  consumeSignInState(stateHash: string, expiresAt: Date, now: Date): Promise<boolean>;
  /**
   * Records a reveal in one transaction: a `contact-revealed` event (with the login) every
   * time, and the job that comments on the tracking issue, unless a job with its key exists.
   */
  recordContactReveal(reveal: ContactReveal): Promise<void>;
}
