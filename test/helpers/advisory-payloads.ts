/**
 * `repository_advisory` webhook payloads (actions `reported` and `published`).
 * @octokit/webhooks-examples has none, so the advisory starts from GitHub's OpenAPI example
 * (`components.examples["repository-advisory"]`, the example of
 * `security-advisories/get-repository-advisory`), and the repository, organization and
 * sender come from the `repository.created` example of @octokit/webhooks-examples.
 *
 * What GitHub does with a private vulnerability report (`reported`): the advisory is in
 * state `triage`, its `author` is the reporter, `submission` is `{ accepted: false }`, the
 * reporter is credited as `reporter` (credits / credits_detailed) and added to
 * `collaborating_users`. Once staff accept it, it becomes a `draft` and
 * `submission.accepted` turns true.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { AdvisoryCreditType } from '../../src/ports/github.js';
import { scoreCvss } from '../../src/report/cvss.js';
import { gitHubResponseExample } from './openapi.js';

export type AdvisoryEventAction = 'reported' | 'published';

export interface AdvisoryEventOverrides {
  /** Default `GHSA-2345-6789-cfgh`. */
  ghsaId?: string;
  /** The organization owning the repository; default `acme`. */
  owner?: string;
  /** Default `widget`. */
  repo?: string;
  summary?: string;
  description?: string;
  /** A CVSS 3.x or 4.0 vector; the severity follows from it unless `severity` is given. */
  cvssVector?: string | null;
  severity?: 'critical' | 'high' | 'medium' | 'low' | null;
  cveId?: string | null;
  /** Default: the reporter credited as `reporter` (accepted) when there is one, else none. */
  credits?: Array<{ login: string; type: AdvisoryCreditType; state?: 'accepted' | 'declined' | 'pending' }>;
  /**
   * Who reported it privately: the advisory's `author`, a collaborator, and the event's
   * sender for `reported`. Default `reporter-jane` for `reported`; none for `published`
   * (then a maintainer, `octocat`, is the author).
   */
  reporter?: string | null;
  /** Who published it (sender and publisher of a `published` event); default `octocat`. */
  publisher?: string;
  /** Default 2026-03-02T10:00:00Z for `published`; always null for `reported`. */
  publishedAt?: Date | string;
  /** Default 1. */
  installationId?: number;
}

/** The advisory object, as in `repository_advisory.repository_advisory`. */
export type RepositoryAdvisoryJson = Record<string, unknown> & {
  ghsa_id: string;
  summary: string;
  description: string | null;
  state: string;
  author: { login: string } | null;
  submission: { accepted: boolean } | null;
  credits: Array<{ login: string; type: string }>;
  credits_detailed: Array<{ user: { login: string }; type: string; state: string }>;
  collaborating_users: Array<{ login: string }> | null;
};

export interface RepositoryAdvisoryEvent {
  action: AdvisoryEventAction;
  repository_advisory: RepositoryAdvisoryJson;
  repository: Record<string, unknown> & { name: string; full_name: string; private: boolean; owner: { login: string } };
  organization: Record<string, unknown> & { login: string };
  installation: { id: number; node_id: string };
  sender: Record<string, unknown> & { login: string };
}

const require = createRequire(import.meta.url);
const webhookExamples = require('@octokit/webhooks-examples/api.github.com/index.json') as Array<{
  name: string;
  examples: Array<Record<string, unknown>>;
}>;

/** A `repository_advisory` webhook payload, parsed. */
export function advisoryEventPayload(action: AdvisoryEventAction, overrides: AdvisoryEventOverrides = {}): RepositoryAdvisoryEvent {
  const owner = overrides.owner ?? 'acme';
  const repo = overrides.repo ?? 'widget';
  const reporter = overrides.reporter === undefined ? (action === 'reported' ? 'reporter-jane' : null) : overrides.reporter;
  const publisher = overrides.publisher ?? 'octocat';
  const base = repositoryExample();
  const sender = action === 'reported' && reporter !== null ? reporter : publisher;
  return {
    action,
    repository_advisory: advisoryJson(action, owner, repo, reporter, publisher, overrides),
    repository: repositoryJson(base.repository, owner, repo),
    organization: organizationJson(base.organization, owner),
    installation: { id: overrides.installationId ?? 1, node_id: Buffer.from(`04:Installation${overrides.installationId ?? 1}`).toString('base64') },
    sender: userJson(sender),
  };
}

/** The same payload as the JSON text GitHub posts. */
export function advisoryEventBody(action: AdvisoryEventAction, overrides: AdvisoryEventOverrides = {}): string {
  return JSON.stringify(advisoryEventPayload(action, overrides));
}

// ajv-formats is CommonJS; under NodeNext its default export is the module object.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const eventValidators = new Map<AdvisoryEventAction, ValidateFunction>();

/**
 * Checks a payload against GitHub's own schema for the event (`x-webhooks` of
 * @octokit/openapi): [] when it matches, else one problem per line. Extra properties are
 * allowed, as GitHub adds fields over time. Reads the 70 MB description on first use.
 */
export function validateAdvisoryEvent(payload: { action: AdvisoryEventAction }): string[] {
  let validate = eventValidators.get(payload.action);
  if (validate === undefined) {
    const spec = JSON.parse(readFileSync(require.resolve('@octokit/openapi/generated/api.github.com.deref.json'), 'utf8')) as {
      'x-webhooks': Record<string, { post: { requestBody: { content: Record<string, { schema: unknown }> } } }>;
    };
    const schema = spec['x-webhooks'][`repository-advisory-${payload.action}`]?.post.requestBody.content['application/json']?.schema;
    if (schema === undefined) throw new Error(`no repository-advisory-${payload.action} webhook in the OpenAPI description`);
    const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
    addFormats(ajv);
    for (const name of ['timestamp', 'repo.nwo']) ajv.addFormat(name, true);
    validate = ajv.compile(fromOpenApi(schema) as object);
    eventValidators.set(payload.action, validate);
  }
  if (validate(payload)) return [];
  return (validate.errors ?? []).map((e) => `payload${e.instancePath.replaceAll('/', '.')}: ${e.message ?? e.keyword}`);
}

/** OpenAPI 3.0 `nullable` to JSON Schema; annotations dropped. */
function fromOpenApi(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(fromOpenApi);
  if (typeof schema !== 'object' || schema === null) return schema;
  const source = schema as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    if (key === 'example' || key === 'nullable' || key.startsWith('x-')) continue;
    out[key] = key === 'properties' ? Object.fromEntries(Object.entries(record(value)).map(([name, child]) => [name, fromOpenApi(child)])) : fromOpenApi(value);
  }
  if (source.nullable !== true) return out;
  if (typeof out.type === 'string') {
    return { ...out, type: [out.type, 'null'], ...(Array.isArray(out.enum) && !out.enum.includes(null) ? { enum: [...(out.enum as unknown[]), null] } : {}) };
  }
  return { anyOf: [{ type: 'null' }, out] };
}

function advisoryJson(
  action: AdvisoryEventAction,
  owner: string,
  repo: string,
  reporter: string | null,
  publisher: string,
  overrides: AdvisoryEventOverrides,
): RepositoryAdvisoryJson {
  const example = gitHubResponseExample('security-advisories/get-repository-advisory', 200) as Record<string, unknown>;
  const ghsaId = overrides.ghsaId ?? 'GHSA-2345-6789-cfgh';
  const cveId = overrides.cveId === undefined ? (action === 'published' ? 'CVE-2026-12345' : null) : overrides.cveId;
  const vector = overrides.cvssVector === undefined ? 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N' : overrides.cvssVector;
  const scored = vector === null ? null : scoreCvss(vector);
  if (scored !== null && !scored.ok) throw new Error(`advisoryEventPayload: not a CVSS vector: ${scored.error}`);
  const v3 = scored?.ok === true && scored.version !== '4.0' ? { vector_string: scored.vector, score: scored.score } : null;
  const v4 = scored?.ok === true && scored.version === '4.0' ? { vector_string: scored.vector, score: scored.score } : null;
  const derived = scored?.ok === true && scored.severity !== 'none' ? scored.severity : null;
  const severity = overrides.severity === undefined ? derived : overrides.severity;
  const credits = overrides.credits ?? (reporter === null ? [] : [{ login: reporter, type: 'reporter' as const, state: 'accepted' as const }]);
  const publishedAt = overrides.publishedAt === undefined ? '2026-03-02T10:00:00Z' : iso(overrides.publishedAt);
  const author = reporter ?? publisher;
  const { private_fork: _fork, ...rest } = example;

  return {
    ...rest,
    ghsa_id: ghsaId,
    cve_id: cveId,
    url: `https://api.github.com/repos/${owner}/${repo}/security-advisories/${ghsaId}`,
    html_url: `https://github.com/${owner}/${repo}/security/advisories/${ghsaId}`,
    summary: overrides.summary ?? 'Stored XSS in the profile page',
    description: overrides.description ?? 'The display name is rendered without escaping.',
    severity,
    author: userJson(author),
    publisher: action === 'published' ? userJson(publisher) : null,
    identifiers: [{ type: 'GHSA', value: ghsaId }, ...(cveId === null ? [] : [{ type: 'CVE', value: cveId }])],
    state: action === 'reported' ? 'triage' : 'published',
    created_at: '2026-02-20T09:00:00Z',
    updated_at: action === 'reported' ? '2026-02-20T09:00:00Z' : publishedAt,
    published_at: action === 'reported' ? null : publishedAt,
    closed_at: null,
    withdrawn_at: null,
    submission: reporter === null ? null : { accepted: action === 'published' },
    vulnerabilities: [
      {
        package: { ecosystem: 'npm', name: repo },
        vulnerable_version_range: '< 2.4.1',
        patched_versions: action === 'published' ? '2.4.1' : null,
        vulnerable_functions: [],
      },
    ],
    // `cvss` is deprecated (dropped by the API version of 2026-03-10) and only carries CVSS 3.
    cvss: { vector_string: v3?.vector_string ?? null, score: v3?.score ?? null },
    cvss_severities: { cvss_v3: v3 ?? { vector_string: null, score: null }, cvss_v4: v4 ?? { vector_string: null, score: null } },
    cwes: [{ cwe_id: 'CWE-79', name: "Improper Neutralization of Input During Web Page Generation ('Cross-site Scripting')" }],
    cwe_ids: ['CWE-79'],
    credits: credits.map((credit) => ({ login: credit.login, type: credit.type })),
    credits_detailed: credits.map((credit) => ({ user: userJson(credit.login), type: credit.type, state: credit.state ?? 'pending' })),
    collaborating_users: reporter === null ? [] : [userJson(reporter)],
    collaborating_teams: [],
    private_fork: null,
  };
}

function repositoryExample(): { repository: Record<string, unknown>; organization: Record<string, unknown> } {
  const example = webhookExamples.find((e) => e.name === 'repository')?.examples.find((e) => e.action === 'created');
  if (example === undefined) throw new Error('no repository.created example in @octokit/webhooks-examples');
  return structuredClone(example) as { repository: Record<string, unknown>; organization: Record<string, unknown> };
}

function repositoryJson(example: Record<string, unknown>, owner: string, repo: string): RepositoryAdvisoryEvent['repository'] {
  const rewritten = rewrite(example, [
    ['Octocoders/Hello-World', `${owner}/${repo}`],
    ['Octocoders', owner],
  ]);
  // Private vulnerability reporting only exists for public repositories.
  return { ...rewritten, name: repo, full_name: `${owner}/${repo}`, private: false, fork: false, owner: { ...record(rewritten.owner), login: owner } };
}

function organizationJson(example: Record<string, unknown>, owner: string): RepositoryAdvisoryEvent['organization'] {
  return { ...rewrite(example, [['Octocoders', owner]]), login: owner };
}

/** A simple-user, shaped like the spec's example author. */
function userJson(login: string): Record<string, unknown> & { login: string } {
  const example = record((gitHubResponseExample('security-advisories/get-repository-advisory', 200) as Record<string, unknown>).author);
  const id = [...login].reduce((sum, char) => (sum * 31 + char.charCodeAt(0)) % 2_000_000_000, 7) + 1;
  return {
    ...rewrite(example, [['octocat', login]]),
    login,
    id,
    node_id: Buffer.from(`04:User${id}`).toString('base64'),
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    type: login.endsWith('[bot]') ? 'Bot' : 'User',
  };
}

function rewrite<T>(value: T, replacements: Array<[string, string]>): T {
  const visit = (node: unknown): unknown => {
    if (typeof node === 'string') return replacements.reduce((text, [from, to]) => text.split(from).join(to), node);
    if (Array.isArray(node)) return node.map(visit);
    if (typeof node === 'object' && node !== null) return Object.fromEntries(Object.entries(node).map(([key, child]) => [key, visit(child)]));
    return node;
  };
  return visit(value) as T;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...(value as Record<string, unknown>) } : {};
}

function iso(value: Date | string): string {
  return typeof value === 'string' ? value : value.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
