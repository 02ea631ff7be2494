import { defaultConfig } from '../../../src/config/parse-config.js';
import type { DisclosureConfig } from '../../../src/config/schema.js';
import type { HallOfFameEntry } from '../../../src/issue-text/hall-of-fame.js';
import type { AcceptedReport, OrganisationView, PublicPages, ReportIntake, StatusDesk, StatusView } from '../../../src/flows/intake/intake-ports.js';
import type { ReportInput } from '../../../src/report/report.js';

/** One recorded call to `accept`. */
export interface AcceptCall {
  org: string;
  channel: 'form' | 'api' | 'github' | 'email';
  input: ReportInput;
}

/** The web's three ports in memory (intake, public pages, status desk), recording what the web layer hands them. */
export interface FakeIntake extends ReportIntake, PublicPages, StatusDesk {
  accepted: AcceptCall[];
  /** Tokens whose contact details were erased. */
  erased: Set<string>;
  /** Replies posted from status pages, in order. */
  replies: Array<{ token: string; text: string }>;
  organisations: Map<string, OrganisationView>;
  statuses: Map<string, StatusView>;
  /** Configs by login; an organisation without one gets the defaults with its name and languages. */
  configs: Map<string, DisclosureConfig>;
  /** Where each organisation's policy comes from; default 'own'. */
  policies: Map<string, 'own' | 'last-valid' | 'setting-up'>;
  /** Hall-of-fame entries by login. */
  hallOfFameEntries: Map<string, HallOfFameEntry[]>;
  /** When set, `accept` rejects with this error (the store is down). */
  acceptError: Error | null;
}

export const ACME: OrganisationView = { login: 'acme', name: 'Acme Corp', languages: ['en', 'nl'], creditDefault: 'anonymous' };
export const GEMEENTE: OrganisationView = { login: 'gemeente', name: 'Gemeente Voorbeeld', languages: ['nl', 'en'], creditDefault: 'anonymous' };

/** When the fake erases contact details: Friday 6 March 2026, 10:00 UTC. */
export const ERASED_AT = new Date('2026-03-06T10:00:00Z');

/** A token of the right shape (43 base64url characters). */
export function tokenFor(n: number): string {
  return `tok${n}`.padEnd(43, 'x');
}

/** A status as the store would report it; Tuesday 3 March 2026, 09:00 in Amsterdam. */
export function statusView(overrides: Partial<StatusView> = {}): StatusView {
  return {
    id: 'DD-0000000000A1',
    org: 'acme',
    language: 'en',
    receivedAt: new Date('2026-03-03T08:00:00Z'),
    state: 'queued',
    deadlines: [
      { kind: 'receipt', due: new Date('2026-03-04T08:00:00Z'), span: { days: 1, unit: 'business' }, metAt: null, outcome: 'due' },
      { kind: 'assessment', due: new Date('2026-03-10T08:00:00Z'), span: { days: 5, unit: 'business' }, metAt: null, outcome: 'due' },
    ],
    story: { acknowledgedAt: null, triageStartedAt: null, questions: [], acceptedAt: null, fixPlanned: null, fixedAt: null, published: null, advisoryPending: false, closed: null },
    contact: { held: ['email'], namedCredit: false },
    contactRemoved: null,
    messagesPurged: null,
    timeZone: 'Europe/Amsterdam',
    triage: null,
    messages: [],
    retentionDays: 90,
    ...overrides,
  };
}

export function createFakeIntake(): FakeIntake {
  const fake: FakeIntake = {
    accepted: [],
    replies: [],
    erased: new Set(),
    organisations: new Map([
      [ACME.login, ACME],
      [GEMEENTE.login, GEMEENTE],
    ]),
    statuses: new Map(),
    configs: new Map(),
    hallOfFameEntries: new Map(),
    policies: new Map(),
    acceptError: null,
    organisation(org) {
      return Promise.resolve(fake.organisations.get(org) ?? null);
    },
    publicConfig(org) {
      const organisation = fake.organisations.get(org);
      if (organisation === undefined) return Promise.resolve(null);
      const config = fake.configs.get(org) ?? { ...defaultConfig(), name: organisation.name, languages: organisation.languages };
      return Promise.resolve({ organisation, config, policy: fake.policies.get(org) ?? 'own' });
    },
    hallOfFame(org) {
      return Promise.resolve(fake.hallOfFameEntries.get(org) ?? []);
    },
    accept(org, channel, input): Promise<AcceptedReport> {
      if (fake.acceptError) return Promise.reject(fake.acceptError);
      fake.accepted.push({ org, channel, input });
      const n = fake.accepted.length;
      const accepted = { id: `DD-00000000000${n}`, statusToken: tokenFor(n), receipt: { sha256: 'ab'.repeat(32), receivedAt: new Date(Date.UTC(2026, 0, 5, 9)) } };
      fake.statuses.set(accepted.statusToken, statusView({ id: accepted.id, org, language: input.language }));
      return Promise.resolve(accepted);
    },
    status(token) {
      return Promise.resolve(fake.statuses.get(token) ?? null);
    },
    exportData(token) {
      const status = fake.statuses.get(token);
      return Promise.resolve(status === undefined ? null : { report: { id: status.id }, contact: fake.erased.has(token) ? null : { email: 'ada@example.org' } });
    },
    erase(token) {
      const status = fake.statuses.get(token);
      if (status === undefined) return Promise.resolve('unknown' as const);
      fake.erased.add(token);
      // As the store remembers it: the page says on every later visit what went, and when.
      status.contactRemoved = { at: ERASED_AT, by: 'erased' };
      status.contact = { held: [], namedCredit: false };
      return Promise.resolve('erased' as const);
    },
    reply(token, text) {
      const status = fake.statuses.get(token);
      if (status === undefined) return Promise.resolve('unknown' as const);
      if (status.state !== 'filed') return Promise.resolve('not-filed' as const);
      fake.replies.push({ token, text });
      status.messages.push({ from: 'researcher', body: text, at: new Date('2026-03-05T10:00:00Z') });
      return Promise.resolve('posted' as const);
    },
  };
  return fake;
}
