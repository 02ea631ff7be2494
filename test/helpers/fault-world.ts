/**
 * What every fault suite opens before each test: the OpenAPI-checked fake GitHub, whose
 * close fails the test on any request GitHub would refuse, and filing a report the way a
 * researcher does (the JSON API, then the outbox to completion).
 */
import { expect } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { type FakeGitHub, startFakeGitHub } from './fake-github.js';
import type { FaultApp } from './fault-app.js';
import { type Accepted, type ApiReport, submitReport } from './fault-fixtures.js';

/** Starts the fake GitHub and registers its close in `cleanups` (closed in reverse order after the test). */
export async function startCheckedFakeGitHub(cleanups: Array<() => Promise<void>>): Promise<FakeGitHub> {
  const fake = await startFakeGitHub();
  cleanups.push(async () => {
    const invalid = fake.state.invalidRequests;
    await fake.close();
    expect(invalid, 'requests GitHub would refuse').toEqual([]);
  });
  return fake;
}

/** Submits through the JSON API and runs the outbox to completion; the report's tracking issue number. */
export async function fileThroughApi(app: FaultApp, store: Store, report: ApiReport): Promise<{ accepted: Accepted; issueNumber: number }> {
  const accepted = await submitReport(app.base, report);
  await app.drain();
  const stored = await store.getReport(accepted.id);
  if (stored?.issueNumber == null) throw new Error(`report ${accepted.id} was not filed: ${stored?.status ?? 'missing'} ${stored?.holdReason ?? ''}`);
  return { accepted, issueNumber: stored.issueNumber };
}
