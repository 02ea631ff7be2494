import { describe, expect, it } from 'vitest';
import { pooledRandomBytes } from '../../src/report/random-pool.js';

describe('pooled random bytes', () => {
  it('gives the size asked for, below and above the pooled limit', () => {
    for (const size of [1, 12, 32, 64, 65, 256]) expect(pooledRandomBytes(size)).toHaveLength(size);
  });

  it('never hands out the same bytes twice, across many refills of the pool', () => {
    const seen = new Set<string>();
    // 2,000 status tokens of 32 bytes: about 16 refills of a 4 KiB pool.
    for (let i = 0; i < 2000; i += 1) seen.add(pooledRandomBytes(32).toString('hex'));
    expect(seen.size).toBe(2000);
  });

  it('returns copies: changing one value does not change the next', () => {
    const first = pooledRandomBytes(16);
    const copy = Buffer.from(first);
    first.fill(0);
    const second = pooledRandomBytes(16);
    expect(second.equals(Buffer.alloc(16))).toBe(false);
    expect(copy.equals(Buffer.alloc(16))).toBe(false);
  });

  it('looks uniformly random (every byte value appears over 64 KiB)', () => {
    const counts = new Array<number>(256).fill(0);
    for (let i = 0; i < 1024; i += 1) for (const byte of pooledRandomBytes(64)) counts[byte] = (counts[byte] ?? 0) + 1;
    // Expected 256 per value; a broken pool (zeros, repeats) fails this by far.
    expect(Math.min(...counts)).toBeGreaterThan(150);
    expect(Math.max(...counts)).toBeLessThan(380);
  });
});
