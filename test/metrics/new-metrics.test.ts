import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { issueCommentPayload } from '../helpers/comment-webhook.js';
import { type FakeGitHub, startFakeGitHub } from '../helpers/fake-github.js';
import { type AppServer, startAppServer } from '../helpers/probot-server.js';
import { describeEachBackend } from '../helpers/stores.js';

// Held reports, researcher mail, SLA deadlines and lane pauses as an operator sees them:
// the app served over HTTP, driven by the API and signed webhooks, scraped at GET /metrics.

const TOKEN = 'metrics-token-for-tests';
const TITLE = 'Open redirect on login';

/** Every label value the exposition may carry: a fixed vocabulary, never text from a report or config. */
const LABEL_VALUES: Record<string, ReadonlySet<string>> = {
  channel: new Set(['form', 'api', 'github', 'email']),
  outcome: new Set(['ok', 'server-error', 'lost', 'rate-limited', 'refused', 'sent', 'failed', 'met', 'missed']),
  reason: new Set(['config-invalid', 'not-installed', 'tracking-repo-missing', 'tracking-repo-public', 'tracking-repo-archived', 'other', 'rate-limited', 'budget-spent']),
  deadline: new Set(['receipt', 'assessment', 'resolution']),
  condition: new Set(['ok', 'unreachable', 'auth-failed', 'unknown']),
};

/** The value of one sample line, e.g. `disclosure_desk_mails_total{outcome="sent"}`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

function sla(text: string, deadline: string, outcome: string): number | undefined {
  return sample(text, `disclosure_desk_sla_deadlines_total{deadline="${deadline}",outcome="${outcome}"}`);
}

/** Label values of the app's own series that are not in the fixed vocabulary (`le` is a bucket bound). */
function freeTextLabels(text: string): string[] {
  const found: string[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('disclosure_desk_')) continue;
    for (const [, name = '', value = ''] of line.matchAll(/(\w+)="([^"]*)"/g)) {
      if (name === 'le' ? !/^(\d+(\.\d+)?|\+Inf)$/.test(value) : LABEL_VALUES[name]?.has(value) !== true) found.push(`${name}=${value}`);
    }
  }
  return found;
}

/** A loopback SMTP server that takes mail for anyone but `refuse@…` (550) and `defer@…` (451). */
async function startPickySmtp(): Promise<{ url: string; accepted: string[]; close(): Promise<void> }> {
  const accepted: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const code = address.address.startsWith('refuse@') ? 550 : address.address.startsWith('defer@') ? 451 : null;
      if (code === null) return callback();
      return callback(Object.assign(new Error(code === 550 ? 'no such user' : 'try again later'), { responseCode: code }));
    },
    onData(stream, session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        accepted.push(...session.envelope.rcptTo.map((rcpt) => rcpt.address));
        callback();
      });
    },
  });
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    accepted,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describeEachBackend('GET /metrics: held reports, mail, SLA deadlines and lane pauses', (backend) => {
  let fake: FakeGitHub;
  let app: AppServer | null = null;
  let now: Date;

  beforeEach(async () => {
    fake = await startFakeGitHub();
    now = new Date('2026-03-02T09:00:00Z');
  });

  afterEach(async () => {
    await app?.stop().catch(() => undefined);
    app = null;
    await fake.close();
  });

  async function start(env: NodeJS.ProcessEnv = {}): Promise<AppServer> {
    app = await startAppServer(fake, { store: await backend.open(), env: { METRICS_TOKEN: TOKEN, ...env }, clock: () => now });
    return app;
  }

  async function scrape(served: AppServer): Promise<string> {
    const response = await fetch(`${served.base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    return response.text();
  }

  async function postReport(served: AppServer, org: string, contact: { email?: string } = {}): Promise<string> {
    const response = await fetch(`${served.base}/api/v1/orgs/${org}/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: TITLE, description: 'The next parameter is not checked.', affected: 'https://www.acme.example/login', contact }),
    });
    expect(response.status).toBe(202);
    const body = (await response.json()) as { id: string };
    return body.id;
  }

  /** A signed staff comment on the report's tracking issue, then the outbox runs it. */
  async function comment(served: AppServer, issueNumber: number, commentId: number, body: string): Promise<void> {
    const issue = fake.issue('acme', 'security-reports', issueNumber);
    const payload = issueCommentPayload({ org: 'acme', repo: 'security-reports', installationId: 11, issueNumber, issueBody: issue?.body ?? null, commentId, body, login: 'alice' });
    expect((await served.deliver('issue_comment', payload)).status).toBe(200);
    await served.core.worker.runOnce();
  }

  function lastIssueNumber(): number {
    const issues = fake.repo('acme', 'security-reports')?.issues ?? [];
    return issues[issues.length - 1]?.number ?? -1;
  }

  it('shows held reports by the category of their reason, and in total, with no repository or config text', async () => {
    fake.addOrg('acme', 11);
    fake.addOrg('globex', 12);
    fake.addRepo('globex', 'security-reports', { private: false });
    fake.addOrg('initech', 13);
    fake.addRepo('initech', 'security-reports', { private: true });
    fake.setFile('initech', '.github', '.github/disclosure.yml', 'sla:\n  receipt_business_days: soon\n');
    const served = await start();
    const ids = [await postReport(served, 'acme'), await postReport(served, 'acme'), await postReport(served, 'globex'), await postReport(served, 'initech')];
    const before = await scrape(served);
    await served.core.worker.runOnce();

    const text = await scrape(served);

    expect(sample(before, 'disclosure_desk_held_reports')).toBe(0);
    expect(sample(before, 'disclosure_desk_reports_held{reason="tracking-repo-missing"}')).toBe(0);
    expect(sample(text, 'disclosure_desk_reports_held{reason="tracking-repo-missing"}')).toBe(2);
    expect(sample(text, 'disclosure_desk_reports_held{reason="tracking-repo-public"}')).toBe(1);
    expect(sample(text, 'disclosure_desk_reports_held{reason="config-invalid"}')).toBe(1);
    expect(sample(text, 'disclosure_desk_reports_held{reason="tracking-repo-archived"}')).toBe(0);
    expect(sample(text, 'disclosure_desk_reports_held{reason="not-installed"}')).toBe(0);
    expect(sample(text, 'disclosure_desk_reports_held{reason="other"}')).toBe(0);
    expect(sample(text, 'disclosure_desk_held_reports')).toBe(4);
    expect(freeTextLabels(text)).toEqual([]);
    for (const secret of ['acme', 'globex', 'initech', 'security-reports', 'receipt_business_days', TITLE, ...ids]) expect(text).not.toContain(secret);
  });

  it('counts researcher mails sent, refused and deferred, and the receipt an acknowledgement met', async () => {
    fake.addOrg('acme', 11);
    fake.addRepo('acme', 'security-reports', { private: true });
    const smtp = await startPickySmtp();
    try {
      const served = await start({ SMTP_URL: smtp.url, MAIL_FROM: 'security@acme.example' });
      const before = await scrape(served);
      await postReport(served, 'acme', { email: 'ada@example.org' });
      await postReport(served, 'acme', { email: 'refuse@example.org' });
      await postReport(served, 'acme', { email: 'defer@example.org' });
      await served.core.worker.runOnce();
      await served.core.worker.runOnce();

      const text = await scrape(served);

      expect(smtp.accepted).toEqual(['ada@example.org']);
      expect(sample(before, 'disclosure_desk_mails_total{outcome="sent"}')).toBe(0);
      expect(sample(before, 'disclosure_desk_mails_total{outcome="refused"}')).toBe(0);
      expect(sample(before, 'disclosure_desk_mails_total{outcome="failed"}')).toBe(0);
      expect(sample(text, 'disclosure_desk_mails_total{outcome="sent"}')).toBe(1);
      expect(sample(text, 'disclosure_desk_mails_total{outcome="refused"}')).toBe(1);
      expect(sample(text, 'disclosure_desk_mails_total{outcome="failed"}')).toBe(1);
      // Only the mail that went out confirmed a receipt.
      expect(sla(text, 'receipt', 'met')).toBe(1);
      expect(freeTextLabels(text)).toEqual([]);
      for (const secret of ['example.org', 'refuse@', 'defer@']) expect(text).not.toContain(secret);
    } finally {
      await smtp.close();
    }
  });

  it('counts a deadline met on time once, a missed one at its overdue notice once, and a late one not again', async () => {
    fake.addOrg('acme', 11);
    fake.addRepo('acme', 'security-reports', { private: true });
    fake.setPermission('acme', 'security-reports', 'alice', 'write');
    const served = await start();
    const zero = await scrape(served);
    await postReport(served, 'acme');
    await served.core.worker.runOnce();
    const onTime = lastIssueNumber();
    await postReport(served, 'acme');
    await served.core.worker.runOnce();
    const late = lastIssueNumber();

    // Monday 10:00: a fix date meets receipt (a human has it) and assessment, on time.
    now = new Date('2026-03-02T10:00:00Z');
    await comment(served, onTime, 9001, '/fix-by 2026-03-20');
    await comment(served, onTime, 9001, '/fix-by 2026-03-20');
    const met = await scrape(served);
    // Wednesday noon: the other report's receipt (due Tuesday) has passed; the sweep runs twice.
    now = new Date('2026-03-04T12:00:00Z');
    await served.core.sweep.runOnce();
    await served.core.sweep.runOnce();
    const missed = await scrape(served);
    // Then its receipt is met late (not counted again) and its assessment on time.
    now = new Date('2026-03-04T12:05:00Z');
    await comment(served, late, 9002, '/fix-by 2026-03-27');
    const text = await scrape(served);

    for (const deadline of ['receipt', 'assessment', 'resolution']) {
      expect(sla(zero, deadline, 'met')).toBe(0);
      expect(sla(zero, deadline, 'missed')).toBe(0);
    }
    expect([sla(met, 'receipt', 'met'), sla(met, 'assessment', 'met'), sla(met, 'receipt', 'missed')]).toEqual([1, 1, 0]);
    expect([sla(missed, 'receipt', 'missed'), sla(missed, 'assessment', 'missed')]).toEqual([1, 0]);
    expect(sla(text, 'receipt', 'met')).toBe(1);
    expect(sla(text, 'receipt', 'missed')).toBe(1);
    expect(sla(text, 'assessment', 'met')).toBe(2);
    expect(sla(text, 'assessment', 'missed')).toBe(0);
    expect(sla(text, 'resolution', 'met')).toBe(0);
    expect(freeTextLabels(text)).toEqual([]);
  });

  it('counts a lane paused by a rate limit', async () => {
    fake.addOrg('acme', 11);
    fake.addRepo('acme', 'security-reports', { private: true });
    const served = await start();
    await postReport(served, 'acme');
    fake.failNext({ method: 'POST', path: /\/issues$/, kind: 'secondary-rate-limit', retryAfterSeconds: 60 });
    await served.core.worker.runOnce();

    const text = await scrape(served);

    expect(sample(text, 'disclosure_desk_lane_pauses_total{reason="rate-limited"}')).toBe(1);
    expect(sample(text, 'disclosure_desk_lane_pauses_total{reason="budget-spent"}')).toBe(0);
  });
});
