import { describe, expect, it } from 'vitest';
import { decide } from '../../src/web/http/rate-limit.js';

describe('the sliding-window decision', () => {
  it.each([
    { case: 'within the limit', elapsed: 0, current: 10, previous: 0, allowed: true },
    { case: 'one over in a fresh window', elapsed: 0, current: 11, previous: 0, allowed: false },
    { case: 'the previous window still weighs', elapsed: 300_000, current: 6, previous: 10, allowed: false },
    { case: 'the previous window has faded enough', elapsed: 540_000, current: 6, previous: 10, allowed: true },
  ])('$case', ({ elapsed, current, previous, allowed }) => {
    const decision = decide(10, 600_000, elapsed, current, previous);

    expect(decision.allowed).toBe(allowed);
  });

  it('says how long until the previous window has faded enough', () => {
    const decision = decide(10, 600_000, 300_000, 6, 10);

    expect(decision).toEqual({ allowed: false, retryAfterSeconds: 60 });
  });

  it('says to wait into the next window, until this full one has faded enough', () => {
    const decision = decide(10, 600_000, 0, 11, 0);

    expect(decision).toEqual({ allowed: false, retryAfterSeconds: 660 });
  });
});
