/** Installations and request counters: the records the store and the front door both speak. */

/** What the store knows of an organisation's installation; `installationId` null: removed or suspended. */
export interface InstallationRecord {
  installationId: number | null;
  updatedAt: Date;
}

/** Installations as the app learnt them, shared by every instance. */
export interface InstallationStore {
  /** null when nothing was ever learnt about the organisation (installed before this version, or never). */
  installationRecord(org: string): Promise<InstallationRecord | null>;
  /** An installation event: replaces whatever was known (`installationId` null: removed or suspended). */
  saveInstallation(org: string, installationId: number | null, at: Date): Promise<void>;
  /** A lookup's answer: kept only when no event has said anything yet, which always wins. */
  learnInstallation(org: string, installationId: number, at: Date): Promise<void>;
}

/** A client's requests in the current fixed window and the one before it. */
export interface RequestCounts {
  windowStart: Date;
  /** Including the request just counted. */
  current: number;
  previous: number;
}

/**
 * Request counters shared by every instance on the database. Clients are stored only as an
 * HMAC of (limit name, client key) under a salt made once per database: never an address.
 */
export interface RequestCounterStore {
  /** Counts one request of `clientKey` against the limit `name` (atomic upsert) and returns the counts. */
  countRequest(name: string, clientKey: string, windowMs: number, now: Date): Promise<RequestCounts>;
  /** Takes back a request counted in the window starting at `windowStart` (a refused one). */
  uncountRequest(name: string, clientKey: string, windowMs: number, windowStart: Date): Promise<void>;
}
