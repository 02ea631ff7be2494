/** Lanes: the records the store and the outbox's pacer and worker both speak. */

/** A lane's write pacing and pause, as every instance sees it. */
export interface LaneState {
  /** The earliest instant the next GitHub write may leave. */
  nextWriteAt: Date;
  /** No job of the lane is claimed before this; null when not paused. */
  pausedUntil: Date | null;
  /** Limits in a row (see LanesTable.pause_level). */
  pauseLevel: number;
}

/** Lanes: one job per lane at a time across instances, staff first, least recently served lane next. */
export interface LaneStore {
  /** Extends a running job's lease and its lane's, so a long job is not taken over. */
  extendLease(jobId: number, lane: string, until: Date): Promise<void>;
  laneState(lane: string): Promise<LaneState>;
  /**
   * A write was answered (or failed): the next may leave at `nextWriteAt`; a create is
   * counted; a write that `succeeded` ends a rate-limit streak.
   */
  recordWrite(lane: string, at: Date, nextWriteAt: Date, created: boolean, succeeded: boolean): Promise<void>;
  /** When the lane's content-creating requests of the last hour before `now` left, oldest first. */
  createsInLastHour(lane: string, now: Date): Promise<Date[]>;
  /** No job of the lane is claimed before `until`; `level` counts the limits in a row. */
  pauseLane(lane: string, until: Date, level: number, reason: string): Promise<void>;
}
