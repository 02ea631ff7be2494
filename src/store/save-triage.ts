import type { Store } from './store.js';
import type { TriageChange, TriageFields, TriageRecord } from './triage-records.js';

/** How often a change is planned again when another one was saved first. */
const MAX_CONFLICT_RETRIES = 5;

/** The fields of a triage record, as a change starts from them. */
export function triageFieldsOf(t: TriageRecord): TriageFields {
  return {
    status: t.status,
    severity: t.severity,
    cvssVector: t.cvssVector,
    sla: t.sla,
    fixBy: t.fixBy,
    acceptedRepository: t.acceptedRepository,
    closedAt: t.closedAt,
    nextCheckAt: t.nextCheckAt,
    cweIds: t.cweIds,
    packages: t.packages,
    reward: t.reward,
    disclosure: t.disclosure ?? null,
  };
}

/**
 * Plans a triage change on the latest state and saves it; when another change was saved in
 * between (version conflict), reads the state again and plans again. Resolves `duplicate`
 * when the change's idempotency key was already applied, `gone` when the report is not a
 * filed report (any more).
 */
export async function saveTriageRetrying(
  store: Store,
  reportId: string,
  plan: (triage: TriageRecord) => TriageChange | null | Promise<TriageChange | null>,
): Promise<'saved' | 'duplicate' | 'gone' | 'nothing'> {
  for (let attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt += 1) {
    const triage = await store.getTriage(reportId);
    if (triage === null) return 'gone';
    const change = await plan(triage);
    if (change === null) return 'nothing';
    const saved = await store.saveTriage(change);
    if (saved !== 'conflict') return saved;
  }
  throw new Error(`triage state of ${reportId} kept changing; the outbox will retry`);
}
