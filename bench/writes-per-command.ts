import type { Core } from '../src/app.js';
import { type RecordedRequest, startFakeGitHub } from '../test/helpers/fake-github.js';
import { heading, row, target } from './format.js';
import { WRITE_METHODS, routeOf, startApp, submitReports } from './requests-per-report.js';

const ORG = 'acme';
const REPO = 'security-reports';
const STAFF = 'alice';

/** One ordinary triage flow, a command per comment, as staff type it. */
const FLOW = ['/severity high', '/needs-info Which browser did you use?', '/info-received', '/fix-by 2099-01-31', '/accept', '/resolved'];

/**
 * GitHub writes per staff command: the real app through Probot against the fake GitHub.
 * A command costs its reply comment and one issue edit (labels read fresh, so no label is
 * removed that the issue does not carry); label setup (paid once per repository) and the
 * credit /resolved gives a report without an advisory (once per report) are shown apart.
 */
export async function benchWritesPerCommand(): Promise<void> {
  heading('GitHub writes per staff command: one report, an ordinary triage flow');
  const fake = await startFakeGitHub();
  fake.addOrg(ORG, 1);
  fake.addRepo(ORG, REPO, { private: true });
  // Where the hall of fame is written (the default hall_of_fame.repository).
  fake.addRepo(ORG, '.github', { private: false });
  fake.setPermission(ORG, REPO, STAFF, 'write');
  const app = await startApp(fake);
  try {
    const [id] = await submitReports(app.handler, 1);
    await app.core.worker.runOnce();
    const issueNumber = (await app.core.store.getReport(id ?? ''))?.issueNumber ?? null;
    if (issueNumber === null) throw new Error('the report was not filed');
    let total = 0;
    let notFound = 0;
    let labelSetup = 0;
    let credit = 0;
    for (const [index, body] of FLOW.entries()) {
      const before = fake.requests.length;
      await app.core.commentCreated({ org: ORG, repo: REPO, issueNumber, commentId: 9000 + index, body, author: STAFF, authorIsBot: false });
      await drain(app.core);
      const all = fake.requests.slice(before).filter(isWrite);
      const creditWrites = all.filter(isCredit);
      const writes = all.filter((r) => !isLabelSetup(r) && !isCredit(r));
      labelSetup += all.filter(isLabelSetup).length;
      credit += creditWrites.length;
      total += writes.length;
      notFound += writes.filter((r) => r.status === 404).length;
      const extra = creditWrites.length > 0 ? `; and the credit: ${describe(creditWrites)}` : '';
      row(`    ${body.split(' ')[0] ?? body}`, `${writes.length} (${describe(writes)})${extra}`);
    }
    row('    writes over the flow', `${total} for ${FLOW.length} commands (target ≤ 2 each: reply and one edit)`);
    row('    label creations (once per label and repository)', labelSetup);
    row('    credit (once per report: record comment, hall of fame)', credit);
    row('    writes answered 404 (wasted)', target(notFound === 0, String(notFound)));
    row('    requests invalid by the OpenAPI spec', target(fake.state.invalidRequests.length === 0, String(fake.state.invalidRequests.length)));
  } finally {
    await app.close();
    await fake.close();
  }
}

async function drain(core: Core): Promise<void> {
  for (let round = 0; round < 5 && (await core.worker.runOnce()) > 0; round += 1);
}

function isWrite(request: RecordedRequest): boolean {
  return WRITE_METHODS.has(request.method) && !routeOf(request).startsWith('POST /app/');
}

/** The credit that /resolved gives a report without an advisory: once per report, not per command. */
function isCredit(request: RecordedRequest): boolean {
  const route = routeOf(request);
  if (route === 'PUT /repos/{owner}/{repo}/contents/{path}') return true;
  const body = request.body as { body?: unknown } | null;
  return route === 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments' && typeof body?.body === 'string' && body.body.includes('disclosure-desk:credit-record=');
}

function isLabelSetup(request: RecordedRequest): boolean {
  return routeOf(request) === 'POST /repos/{owner}/{repo}/labels';
}

function describe(writes: RecordedRequest[]): string {
  const counts = new Map<string, number>();
  for (const w of writes) counts.set(routeOf(w), (counts.get(routeOf(w)) ?? 0) + 1);
  return [...counts].map(([route, n]) => `${n}× ${route}`).join(', ') || 'none';
}
