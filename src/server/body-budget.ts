/**
 * The bytes all request bodies hold at once, shared by every request the server reads. A
 * request takes bytes as they arrive (or its declared length up front) and gives them back
 * when its response is over, so the sum bounds what bodies can cost in memory.
 */
export interface BodyBudget {
  /** Takes `bytes` if they fit; false (and nothing taken) if they would pass the budget. */
  tryTake(bytes: number): boolean;
  /** Gives back bytes taken earlier. */
  give(bytes: number): void;
  /** Bytes taken now. */
  readonly inFlight: number;
  readonly maxBytes: number;
}

export function createBodyBudget(maxBytes: number): BodyBudget {
  let inFlight = 0;
  return {
    tryTake(bytes) {
      if (inFlight + bytes > maxBytes) return false;
      inFlight += bytes;
      return true;
    },
    give(bytes) {
      inFlight = Math.max(0, inFlight - bytes);
    },
    get inFlight() {
      return inFlight;
    },
    maxBytes,
  };
}
