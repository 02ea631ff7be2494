import { describe, expect, it, vi } from 'vitest';
import { GroupCommit } from '../../src/store/group-commit.js';
import type { ItemOutcome } from '../../src/store/group-commit.js';

/** A commit function that records batches and finishes when the test says so. */
function controllableCommit() {
  const batches: string[][] = [];
  const finish: Array<() => void> = [];
  const commit = vi.fn((items: readonly string[]) => {
    batches.push([...items]);
    return new Promise<ItemOutcome[]>((resolve) => finish.push(() => resolve(items.map(() => ({ ok: true })))));
  });
  return { commit, batches, finish };
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('group commit', () => {
  it('commits calls made in the same tick as one batch', async () => {
    const group = new GroupCommit<string>((items) => Promise.resolve(items.map(() => ({ ok: true as const }))));
    const spy = vi.fn(() => undefined);

    await Promise.all(['a', 'b', 'c'].map((item) => group.submit(item).then(spy)));

    expect(spy).toHaveBeenCalledTimes(3);
  });

  it('settles no caller before its batch has committed', async () => {
    const { commit, batches, finish } = controllableCommit();
    const group = new GroupCommit(commit);
    const settled: string[] = [];
    const pending = ['a', 'b'].map((item) => group.submit(item).then(() => settled.push(item)));

    await nextTurn();
    const beforeCommit = [...settled];
    finish[0]?.();
    await Promise.all(pending);

    expect(batches).toEqual([['a', 'b']]);
    expect(beforeCommit).toEqual([]);
    expect(settled).toEqual(['a', 'b']);
  });

  it('gathers calls that arrive during a commit into the next batch', async () => {
    const { commit, batches, finish } = controllableCommit();
    const group = new GroupCommit(commit);
    const first = group.submit('a');
    await nextTurn();

    const rest = ['b', 'c', 'd'].map((item) => group.submit(item));
    await nextTurn();
    const whileRunning = batches.length;
    finish[0]?.();
    await first;
    await vi.waitFor(() => expect(finish).toHaveLength(2));
    finish[1]?.();
    await Promise.all(rest);

    expect(whileRunning).toBe(1);
    expect(batches).toEqual([['a'], ['b', 'c', 'd']]);
  });

  it('splits a burst larger than the batch limit', async () => {
    const batches: number[] = [];
    const group = new GroupCommit<number>((items) => {
      batches.push(items.length);
      return Promise.resolve(items.map(() => ({ ok: true as const })));
    }, 4);

    await Promise.all(Array.from({ length: 10 }, (_, i) => group.submit(i)));

    expect(batches).toEqual([4, 4, 2]);
  });

  it('rejects only the items the commit reports as failed', async () => {
    const duplicate = new Error('duplicate id');
    const group = new GroupCommit<string>((items) =>
      Promise.resolve(items.map((item) => (item === 'bad' ? { ok: false as const, error: duplicate } : { ok: true as const }))),
    );

    const results = await Promise.allSettled(['a', 'bad', 'c'].map((item) => group.submit(item)));

    expect(results).toEqual([
      { status: 'fulfilled', value: undefined },
      { status: 'rejected', reason: duplicate },
      { status: 'fulfilled', value: undefined },
    ]);
  });

  it('rejects every caller in the batch when the transaction fails', async () => {
    const diskFull = new Error('SQLITE_FULL');
    const group = new GroupCommit<string>(() => Promise.reject(diskFull));

    const results = await Promise.allSettled(['a', 'b'].map((item) => group.submit(item)));

    expect(results).toEqual([
      { status: 'rejected', reason: diskFull },
      { status: 'rejected', reason: diskFull },
    ]);
  });

  it('drains: waits until every submitted item has settled', async () => {
    const { commit, finish } = controllableCommit();
    const group = new GroupCommit(commit);
    const submitted = group.submit('a');
    let drained = false;

    const draining = group.drain().then(() => (drained = true));
    await nextTurn();
    const beforeCommit = drained;
    finish[0]?.();
    await Promise.all([submitted, draining]);

    expect(beforeCommit).toBe(false);
    expect(drained).toBe(true);
  });
});
