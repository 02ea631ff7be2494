/** The fate of one item in a committed batch: committed, or rejected on its own. */
export type ItemOutcome = { ok: true } | { ok: false; error: unknown };

/**
 * Writes a batch in ONE transaction and reports each item's outcome once that transaction has
 * committed. Throwing means nothing was committed, and every item in the batch fails.
 */
export type CommitBatch<T> = (items: readonly T[]) => Promise<ItemOutcome[]>;

interface Waiter<T> {
  item: T;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: calls that arrive in the same tick, or while a commit is running, share the
 * next transaction. A durable (synchronous = FULL) commit costs one fsync however many rows it
 * holds, so N concurrent reporters pay for about one fsync instead of N, and no caller's
 * promise settles before its row is on disk (rule "a 2xx means durable").
 */
export class GroupCommit<T> {
  readonly #commit: CommitBatch<T>;
  readonly #maxBatch: number;
  #queue: Waiter<T>[] = [];
  #scheduled = false;
  #running: Promise<void> | null = null;

  /** @param maxBatch caps one transaction so a burst does not hold the write lock too long. */
  constructor(commit: CommitBatch<T>, maxBatch = 256) {
    this.#commit = commit;
    this.#maxBatch = maxBatch;
  }

  /** Resolves once `item` is committed; rejects with its own error or the batch's. */
  submit(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#queue.push({ item, resolve, reject });
      this.#schedule();
    });
  }

  /** Waits until every submitted item has settled (used before closing the database). */
  async drain(): Promise<void> {
    while (this.#running !== null || this.#queue.length > 0) {
      await (this.#running ?? new Promise<void>((resolve) => setImmediate(resolve)));
    }
  }

  #schedule(): void {
    // While a commit runs, new items wait for it: they form the next, larger batch.
    if (this.#scheduled || this.#running !== null) return;
    this.#scheduled = true;
    // setImmediate (not a microtask) lets every request parsed in this turn of the event
    // loop join the batch.
    setImmediate(() => {
      this.#scheduled = false;
      this.#running = this.#flush().finally(() => {
        this.#running = null;
        if (this.#queue.length > 0) this.#schedule();
      });
    });
  }

  async #flush(): Promise<void> {
    const batch = this.#queue.splice(0, this.#maxBatch);
    try {
      const outcomes = await this.#commit(batch.map((w) => w.item));
      batch.forEach((waiter, i) => {
        const outcome = outcomes[i];
        if (outcome?.ok === true) waiter.resolve();
        else waiter.reject(outcome?.error ?? new Error('group commit: no outcome for item'));
      });
    } catch (error) {
      for (const waiter of batch) waiter.reject(error);
    }
  }
}
