import type { Clock } from '../../clock/clock.js';
import { businessCalendar } from '../../clock/holiday-calendar.js';
import { movedDeadlines, nextCheckAt, resumeClock } from '../../clock/sla-clock.js';
import type { OrgDirectory } from '../org-directory.js';
import { defaultConfig } from '../../config/parse-config.js';
import { catalogue } from '../../i18n/catalogues.js';
import type { Logger } from '../../log.js';
import { issueUpdateJob } from '../triage/queue-issue-update.js';
import { neutraliseMarkdown } from '../../report/neutralise.js';
import { removeControlCharacters } from '../../report/sanitise-unicode.js';
import type { ReportEvent, Store } from '../../store/store.js';
import type { TriageChange } from '../../store/triage-records.js';
import { saveTriageRetrying, triageFieldsOf } from '../../store/save-triage.js';
import { CLOSING_STATUSES } from '../../triage/triage-status.js';

/** Where a researcher's reply came from. */
export type ReplyChannel = 'status-page' | 'email';

export type ReplyOutcome = 'posted' | 'duplicate' | 'not-filed' | 'unknown';

/** A researcher's reply is capped like a report's description. */
export const MAX_REPLY_CHARACTERS = 50_000;

/** Room for the neutralised text in one comment (GitHub's limit is 65,536 characters). */
const MAX_COMMENT_TEXT = 60_000;
const STATUS_LINK = /\/status\/[A-Za-z0-9_-]{43}/g;

/**
 * The neutralised text, cut until it fits one comment: neutralising can grow text (an
 * invisible character becomes `[U+200B]`), and GitHub refuses a longer body for good.
 * The whole reply stays on the status page.
 */
export function fencedWithin(text: string, limit: number = MAX_COMMENT_TEXT): string {
  let cut = text;
  let fenced = neutraliseMarkdown(cut);
  while (fenced.length > limit && cut.length > 0) {
    cut = cut.slice(0, Math.floor((cut.length * limit) / fenced.length) - 100);
    fenced = neutraliseMarkdown(cut);
  }
  return cut.length === text.length ? fenced : `${fenced}\n\n(${text.length - cut.length} more characters, cut to fit one comment.)`;
}

/**
 * A researcher's text as it is kept and posted: without NUL and the other C0 controls
 * (PostgreSQL refuses NUL in text, SQLite keeps it, and the text must be taken the same on
 * both), capped, and with a quoted status link removed (a bearer token that must not reach
 * the tracking issue: everyone with access there could act as the researcher).
 */
export function researcherText(text: string): string {
  return removeControlCharacters(text).slice(0, MAX_REPLY_CHARACTERS).replace(STATUS_LINK, '/status/[link removed]');
}

/**
 * A researcher's reply becomes a comment on the tracking issue, its text neutralised (a
 * fenced block: no mentions, links or HTML), is kept for the status page, and resumes a
 * paused SLA clock (the answer to `/needs-info`). One atomic change; `key` makes a
 * redelivered e-mail land once.
 */
export async function receiveResearcherReply(
  deps: { store: Store; orgs: OrgDirectory; clock: Clock; log: Logger; kick: () => void },
  reply: { reportId: string; text: string; via: ReplyChannel; key: string },
): Promise<ReplyOutcome> {
  const report = await deps.store.getReport(reply.reportId);
  if (report === null) return 'unknown';
  const found = await deps.store.getTriage(reply.reportId);
  if (found === null) return 'not-filed';
  const settings = await deps.orgs.get(found.org).catch(() => null);
  const config = settings?.config.ok === true ? settings.config.config : defaultConfig();
  // A quoted acknowledgement carries the researcher's status link (see researcherText); the
  // same cleaning for the status page and e-mail alike.
  const text = researcherText(reply.text);

  const saved = await saveTriageRetrying(deps.store, reply.reportId, (triage): TriageChange => {
    const now = deps.clock();
    const paused = triage.sla.pausedAt !== null;
    const sla = paused ? resumeClock(triage.sla, now, businessCalendar(config.sla)) : triage.sla;
    const events: ReportEvent[] = [{ reportId: triage.reportId, type: 'researcher-reply', at: now, data: { via: reply.via, characters: text.length } }];
    if (paused) events.push({ reportId: triage.reportId, type: 'resumed', at: now, data: { by: 'researcher' } });
    for (const moved of movedDeadlines(triage.sla, sla)) {
      events.push({ reportId: triage.reportId, type: 'deadline-set', at: now, data: { deadline: moved.deadline, due: moved.due.getTime() } });
    }
    const words = catalogue(triage.trackingLanguage).triage;
    const comment = `**${words.replyHeading[reply.via]}**${paused ? words.replyResumed : ''}\n\n${fencedWithin(text, MAX_COMMENT_TEXT)}`;
    return {
      reportId: triage.reportId,
      expectedVersion: triage.version,
      fields: { ...triageFieldsOf(triage), sla, nextCheckAt: CLOSING_STATUSES.has(triage.status) ? null : nextCheckAt(sla, triage.remindLeadMs, []) },
      events,
      jobs: [
        issueUpdateJob(
          reply.key,
          triage.org,
          {
            reportId: triage.reportId,
            repo: triage.repo,
            issueNumber: triage.issueNumber,
            addLabels: [],
            removeLabels: paused ? ['sla:paused'] : [],
            syncDeadlines: paused,
            comment,
            issueState: null,
          },
          now,
        ),
      ],
      messages: [{ reportId: triage.reportId, kind: 'from-researcher', body: text, at: now }],
    };
  });
  if (saved === 'duplicate') return 'duplicate';
  if (saved !== 'saved') return 'not-filed';
  deps.kick();
  deps.log.info({ reportId: reply.reportId, via: reply.via }, 'researcher reply received');
  return 'posted';
}
