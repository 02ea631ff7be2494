import type { Clock } from '../../clock/clock.js';
import { acceptAdvisoryReport } from '../intake/accept-advisory-report.js';
import type { ReportIntake } from '../intake/intake-ports.js';
import { RepositoryAdvisoryEvent } from '../../report/pvr-report.js';
import type { Logger } from '../../log.js';
import { publishCreditJob } from './publish-credit-job.js';
import type { Store } from '../../store/store.js';

export type AdvisoryEventOutcome = 'accepted' | 'duplicate' | 'queued' | 'ignored';

/**
 * `repository_advisory` webhooks, parsed at the edge: `reported` (GitHub private
 * vulnerability reporting) becomes a report like any other; `published` queues the credit
 * record, the tracking issue's close and the hall of fame, durably, before the answer.
 */
export async function handleAdvisoryEvent(
  deps: { store: Store; intake: ReportIntake; clock: Clock; log: Logger; kick: () => void },
  payload: unknown,
): Promise<AdvisoryEventOutcome> {
  const parsed = RepositoryAdvisoryEvent.safeParse(payload);
  if (!parsed.success) {
    deps.log.warn({ problems: parsed.error.issues.length }, 'repository_advisory payload not understood; ignored');
    return 'ignored';
  }
  const event = parsed.data;
  if (event.action === 'reported') return acceptAdvisoryReport(deps, event);

  const advisory = event.repository_advisory;
  const credits =
    advisory.credits_detailed != null
      ? // Only credit a person accepted: a pending one has not agreed to be named in public.
        advisory.credits_detailed.filter((c) => c.state === undefined || c.state === 'accepted').map((c) => ({ login: c.user.login, type: c.type }))
      : (advisory.credits ?? []);
  const now = deps.clock();
  await deps.store.enqueue(
    publishCreditJob(
      {
        org: event.repository.owner.login,
        ghsaId: advisory.ghsa_id,
        url: advisory.html_url,
        cveId: advisory.cve_id,
        summary: advisory.summary,
        publishedAt: (advisory.published_at ?? now).getTime(),
        credits,
      },
      now,
    ),
  );
  deps.kick();
  return 'queued';
}
