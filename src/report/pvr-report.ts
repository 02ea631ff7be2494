import { z } from 'zod';
import { ReportInput } from './report.js';
import { scoreCvss } from './cvss.js';

/*
 * GitHub private vulnerability reporting (PVR): a researcher files a report on a
 * repository's Security tab; GitHub sends a `repository_advisory` webhook with action
 * `reported` (and `published` when the advisory goes public). Field names and nullability
 * follow `components.schemas["repository-advisory"]` of @octokit/openapi. Only the fields
 * we use are declared; zod drops the rest. Fields GitHub marks required but we can do
 * without are optional here, so a payload from an older GitHub still parses.
 */

const Login = z.object({ login: z.string() });
const Timestamp = z.iso.datetime({ offset: true }).transform((value) => new Date(value));
const Vector = z.object({ vector_string: z.string().nullable().optional() });

const AdvisoryPackage = z.object({
  /** An ecosystem GitHub knows (`npm`, `pip`, …); a string so a new one does not fail parsing. */
  ecosystem: z.string(),
  name: z.string().nullable(),
});

export const RepositoryAdvisory = z.object({
  ghsa_id: z.string(),
  cve_id: z.string().nullable(),
  html_url: z.string(),
  summary: z.string(),
  description: z.string().nullable(),
  severity: z.enum(['critical', 'high', 'medium', 'low']).nullable().optional(),
  /** Legacy single vector; GitHub now also fills `cvss_severities`. */
  cvss: Vector.nullable().optional(),
  cvss_severities: z.object({ cvss_v3: Vector.nullable().optional(), cvss_v4: Vector.nullable().optional() }).nullable().optional(),
  cwe_ids: z.array(z.string()).nullable().optional(),
  vulnerabilities: z
    .array(
      z.object({
        package: AdvisoryPackage.nullable(),
        vulnerable_version_range: z.string().nullable().optional(),
        patched_versions: z.string().nullable().optional(),
      }),
    )
    .nullable()
    .optional(),
  credits: z.array(z.object({ login: z.string(), type: z.string() })).nullable().optional(),
  /** Credits with their acceptance state (`accepted`, `declined`, `pending`). */
  credits_detailed: z.array(z.object({ user: Login, type: z.string(), state: z.string().optional() })).nullable().optional(),
  /** Whoever created the advisory: for a PVR submission, the researcher who reported it. */
  author: Login.nullable().optional(),
  /** Set only on advisories that came from private vulnerability reporting. */
  submission: z.object({ accepted: z.boolean() }).nullable().optional(),
  published_at: Timestamp.nullable(),
  created_at: Timestamp.nullable(),
});
export type RepositoryAdvisory = z.infer<typeof RepositoryAdvisory>;

/** The `repository_advisory` webhook payload, as far as we read it. */
export const RepositoryAdvisoryEvent = z.object({
  action: z.enum(['reported', 'published']),
  repository_advisory: RepositoryAdvisory,
  repository: z.object({ name: z.string(), owner: Login }),
  installation: z.object({ id: z.number().int() }).optional(),
});
export type RepositoryAdvisoryEvent = z.infer<typeof RepositoryAdvisoryEvent>;

/** The login rule of `Contact.github`, so a bot author (`name[bot]`) never reaches intake. */
const GITHUB_LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
const TITLE_MAX = 200;
const DESCRIPTION_MIN = 20;
const DESCRIPTION_MAX = 50_000;
const AFFECTED_MAX = 2000;
const CVSS_MAX = 200;
const NO_DESCRIPTION = 'Reported through GitHub private vulnerability reporting; the advisory gives no further description.';
const CUT_NOTE = '[Cut here: the full description is in the GitHub advisory.]';

/**
 * The researcher who reported the advisory:
 * 1. a `reporter` credit in `credits_detailed` that was not declined (GitHub credits the
 *    submitter of a private report as reporter);
 * 2. else the advisory's `author`, but only when the advisory came from private
 *    vulnerability reporting (`submission` set, or a `reported` event, which GitHub sends
 *    only for PVR submissions). On an advisory a maintainer drafted, the author is staff.
 * `submission` itself names no user. null when neither gives a valid user login (bots
 * such as `name[bot]` are not researchers we can contact).
 */
export function reporterLogin(event: RepositoryAdvisoryEvent): string | null {
  const advisory = event.repository_advisory;
  const credited = (advisory.credits_detailed ?? []).find((credit) => credit.type === 'reporter' && credit.state !== 'declined');
  if (credited !== undefined && GITHUB_LOGIN.test(credited.user.login)) return credited.user.login;
  const fromPvr = (advisory.submission ?? null) !== null || event.action === 'reported';
  const author = advisory.author?.login;
  return fromPvr && author !== undefined && GITHUB_LOGIN.test(author) ? author : null;
}

/**
 * Maps a PVR advisory to intake's ReportInput. Text is copied, not escaped: filing
 * neutralises ReportInput text like any other channel's. The reporter is credited by
 * GitHub login ('name', with no separate name: the hall of fame then shows the login) when
 * the advisory credits them and they did not decline; otherwise 'anonymous'.
 */
export function reportFromAdvisory(event: RepositoryAdvisoryEvent): ReportInput {
  const advisory = event.repository_advisory;
  const login = reporterLogin(event);
  const cvss = advisoryCvss(advisory);
  return ReportInput.parse({
    title: advisoryTitle(advisory.summary),
    description: advisoryDescription(advisory.description),
    affected: affectedText(event),
    cvss,
    contact: { github: login ?? undefined },
    credit: login !== null && isCredited(advisory, login) ? 'name' : 'anonymous',
    language: 'en',
    attachments: [],
  });
}

/** The summary, trimmed to 200 characters; a too-short one gets a prefix to reach intake's 5. */
function advisoryTitle(summary: string): string {
  const line = summary.replace(/\s+/g, ' ').trim();
  const title = line.length >= 5 ? line : `Private vulnerability report${line === '' ? '' : `: ${line}`}`;
  return clip(title, TITLE_MAX);
}

function advisoryDescription(description: string | null): string {
  const text = (description ?? '').trim();
  if (text.length > DESCRIPTION_MAX) return `${clip(text, DESCRIPTION_MAX - CUT_NOTE.length - 2).trimEnd()}\n\n${CUT_NOTE}`;
  if (text.length >= DESCRIPTION_MIN) return text;
  return text === '' ? NO_DESCRIPTION : `${text}\n\n${NO_DESCRIPTION}`;
}

/** `owner/repo`, then the named packages, e.g. `acme/app (packages: npm left-pad)`. */
function affectedText(event: RepositoryAdvisoryEvent): string {
  const repository = `${event.repository.owner.login}/${event.repository.name}`;
  const packages = (event.repository_advisory.vulnerabilities ?? [])
    .map((vulnerability) => vulnerability.package)
    .filter((pkg) => pkg !== null && pkg.name !== null && pkg.name.trim() !== '')
    .map((pkg) => `${pkg?.ecosystem ?? 'other'} ${pkg?.name?.trim() ?? ''}`);
  const unique = [...new Set(packages)];
  return clip(unique.length === 0 ? repository : `${repository} (packages: ${unique.join(', ')})`, AFFECTED_MAX);
}

/**
 * The first CVSS 3.1 or 4.0 vector of the advisory that scores: `cvss_severities.cvss_v3`,
 * then the legacy `cvss`, then `cvss_severities.cvss_v4` (3.1 first: it is what our
 * advisories send back to GitHub). Other versions are not taken.
 */
function advisoryCvss(advisory: RepositoryAdvisory): string | undefined {
  const candidates = [advisory.cvss_severities?.cvss_v3?.vector_string, advisory.cvss?.vector_string, advisory.cvss_severities?.cvss_v4?.vector_string];
  return candidates.find(
    (vector): vector is string =>
      typeof vector === 'string' && vector.length <= CVSS_MAX && /^CVSS:(?:3\.1|4\.0)\//.test(vector) && scoreCvss(vector).ok,
  );
}

/** Credited in `credits` or in `credits_detailed` with any type, unless that credit was declined. */
function isCredited(advisory: RepositoryAdvisory, login: string): boolean {
  const same = (other: string) => other.toLowerCase() === login.toLowerCase();
  const detailed = advisory.credits_detailed ?? [];
  if (detailed.some((credit) => same(credit.user.login))) return detailed.some((credit) => same(credit.user.login) && credit.state !== 'declined');
  return (advisory.credits ?? []).some((credit) => same(credit.login));
}

/** At most `max` UTF-16 units, never splitting a surrogate pair. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const char of text) {
    if (out.length + char.length > max) break;
    out += char;
  }
  return out;
}
