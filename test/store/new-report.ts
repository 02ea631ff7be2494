import type { NewReport } from '../../src/store/store.js';

/** A fixed instant so stored times can be compared exactly. */
export const T0 = new Date('2025-03-03T09:00:00.000Z');

let counter = 0;

/** Builds a NewReport with unique id and token hash; override what the test is about. */
export function aNewReport(overrides: Partial<NewReport> = {}): NewReport {
  counter += 1;
  const n = String(counter).padStart(4, '0');
  return {
    id: `DD-TEST-${n}`,
    org: 'acme',
    channel: 'form',
    language: 'en',
    statusTokenHash: `hash-${n}-${'0'.repeat(56)}`,
    receivedAt: T0,
    receiptDue: new Date(T0.getTime() + 2 * 86_400_000),
    assessmentDue: new Date(T0.getTime() + 10 * 86_400_000),
    payload: JSON.stringify({ title: `report ${n}` }),
    ...overrides,
  };
}

/** `base` plus `ms` milliseconds. */
export function later(base: Date, ms: number): Date {
  return new Date(base.getTime() + ms);
}
