import type { Logger } from '../../log.js';
import type { Store } from '../../store/store.js';
import type { ReportIntake } from './intake-ports.js';
import { reportFromAdvisory, type RepositoryAdvisoryEvent } from '../../report/pvr-report.js';

export type AdvisoryIntakeOutcome = 'accepted' | 'duplicate';

/**
 * A report made through GitHub's private vulnerability reporting joins the same queue as
 * a form report (`channel:github`). The GHSA id is the idempotency key: a redelivered
 * `reported` webhook, or two deliveries racing, file one report.
 */
export async function acceptAdvisoryReport(
  deps: { store: Store; intake: ReportIntake; log: Logger },
  event: RepositoryAdvisoryEvent,
): Promise<AdvisoryIntakeOutcome> {
  const advisory = event.repository_advisory;
  if ((await deps.store.findReportByGhsa(advisory.ghsa_id)) !== null) return 'duplicate';
  const org = event.repository.owner.login;
  const repo = `${org}/${event.repository.name}`;
  try {
    const { id } = await deps.intake.accept(org, 'github', reportFromAdvisory(event), {
      advisory: { ghsaId: advisory.ghsa_id, url: advisory.html_url, repo },
    });
    deps.log.info({ reportId: id, ghsaId: advisory.ghsa_id }, 'private vulnerability report accepted');
    return 'accepted';
  } catch (error) {
    // The unique GHSA index refused a second report: another delivery got there first.
    if ((await deps.store.findReportByGhsa(advisory.ghsa_id)) !== null) return 'duplicate';
    throw error;
  }
}
