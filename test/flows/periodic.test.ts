import { afterEach, describe, expect, it, vi } from 'vitest';
import { periodic } from '../../src/flows/periodic.js';

describe('a task run on a timer', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs at once and then every interval, and stops', async () => {
    vi.useFakeTimers();
    const task = vi.fn(() => Promise.resolve());
    const timer = periodic(task, { everyMs: 1000, onError: () => undefined });

    timer.start();
    timer.start();
    await vi.advanceTimersByTimeAsync(2500);
    await timer.stop();
    await vi.advanceTimersByTimeAsync(5000);

    expect(task).toHaveBeenCalledTimes(3);
  });

  it('waits for its first run when told, and keeps going after a failure', async () => {
    vi.useFakeTimers();
    const errors: unknown[] = [];
    const task = vi.fn().mockRejectedValueOnce(new Error('store gone')).mockResolvedValue(undefined);
    const timer = periodic(task, { everyMs: 1000, firstMs: 300, onError: (error) => errors.push(error) });

    timer.start();
    await vi.advanceTimersByTimeAsync(299);
    const before = task.mock.calls.length;
    await vi.advanceTimersByTimeAsync(1001);
    await timer.stop();

    expect(before).toBe(0);
    expect(task).toHaveBeenCalledTimes(2);
    expect(errors).toEqual([new Error('store gone')]);
  });

  it('lets a run in progress finish before stop resolves', async () => {
    let finish = (): void => undefined;
    const task = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const timer = periodic(task, { everyMs: 60_000, onError: () => undefined });
    timer.start();

    let stopped = false;
    const stopping = timer.stop().then(() => (stopped = true));
    await Promise.resolve();
    const early = stopped;
    finish();
    await stopping;

    expect(early).toBe(false);
    expect(stopped).toBe(true);
  });
});
