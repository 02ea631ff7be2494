import { beforeEach, expect, it } from 'vitest';
import type { FilePort } from '../../src/ports/github.js';
import type { CreditRecord } from '../../src/store/triage-records.js';
import { advisoryEventPayload } from '../helpers/advisory-payloads.js';
import { type Desk, ORG, openDesk } from '../helpers/filed-report.js';
import { describeEachBackend } from '../helpers/stores.js';

/** Past the first backoff of an unexpected error (1 minute). */
const AFTER_BACKOFF_MS = 2 * 60_000;

function aCreditRecord(overrides: Partial<CreditRecord> = {}): CreditRecord {
  const ghsaId = overrides.ghsaId ?? 'GHSA-2222-3333-4444';
  return {
    ghsaId,
    org: ORG,
    reportId: null,
    advisoryUrl: `https://github.com/acme/widget/security/advisories/${ghsaId}`,
    cveId: null,
    summary: 'Stored XSS in the profile page',
    publishedAt: new Date('2026-03-10T12:00:00Z'),
    researchers: [{ display: 'Ada Lovelace', kind: 'name' }],
    reward: null,
    ...overrides,
  };
}

describeEachBackend('writing the hall of fame', (backend) => {
  let desk: Desk;
  let runs = 0;

  /** Queues a hall-of-fame run for the org and runs the worker. */
  async function runHallOfFame(): Promise<void> {
    runs += 1;
    await desk.store.enqueue({ key: `hall-of-fame:test-${runs}`, kind: 'hall-of-fame', org: ORG, payload: '{}', runAfter: desk.now() });
    await desk.core.worker.runOnce();
  }

  function fileText(repo = '.github', path = 'HALL_OF_FAME.md'): string | undefined {
    return desk.github.repoFileState.get(`${ORG}/${repo}/${path}`)?.text;
  }

  function count(method: string): number {
    return desk.github.calls.filter((call) => call.startsWith(`${method} `)).length;
  }

  beforeEach(async () => {
    desk = await openDesk(await backend.open());
  });

  it('writes HALL_OF_FAME.md in the org’s .github repository, newest advisory first', async () => {
    await desk.store.saveCreditRecord(aCreditRecord({ ghsaId: 'GHSA-2222-3333-4444', summary: 'Older flaw', publishedAt: new Date('2026-01-05T12:00:00Z') }));
    await desk.store.saveCreditRecord(aCreditRecord({ ghsaId: 'GHSA-5555-6666-7777', summary: 'Newer flaw', publishedAt: new Date('2026-03-10T12:00:00Z') }));

    await runHallOfFame();

    const text = fileText() ?? '';
    expect(text).toContain('# Security hall of fame');
    expect(text).toContain('| Published | Researcher | Advisory | Summary | CVE |\n');
    expect(text.indexOf('Newer flaw')).toBeGreaterThan(-1);
    expect(text.indexOf('Newer flaw')).toBeLessThan(text.indexOf('Older flaw'));
    expect(text).toContain('| 2026-03-10 | Ada Lovelace | [GHSA-5555-6666-7777](https://github.com/acme/widget/security/advisories/GHSA-5555-6666-7777) | Newer flaw | — |');
    expect(count('writeFile')).toBe(1);
  });

  it('writes where the config says', async () => {
    desk.configure({ hall_of_fame: { repository: 'security-site', path: 'docs/hall-of-fame.md' } });
    await desk.store.saveCreditRecord(aCreditRecord());

    await runHallOfFame();

    expect(fileText('security-site', 'docs/hall-of-fame.md')).toContain('Stored XSS in the profile page');
    expect(fileText()).toBeUndefined();
  });

  it('shows a pseudonym alone and an anonymous researcher nowhere, from the researchers’ own choices', async () => {
    desk.github.repos.set(`${ORG}/widget`, { private: false, archived: false });
    const people = [
      { contact: { name: 'Nightjar', github: 'hidden-login', email: 'nightjar@example.org' }, credit: 'pseudonym' as const, ghsa: '' },
      { contact: { name: 'Secret Person', github: 'secret-login', email: 'secret@example.org' }, credit: 'anonymous' as const, ghsa: '' },
    ];
    for (const person of people) {
      const report = await desk.file({ contact: person.contact, credit: person.credit });
      await desk.comment(report.issueNumber, '/accept acme/widget');
      await desk.core.worker.runOnce();
      person.ghsa = (await desk.store.getTriage(report.id))?.ghsaId ?? '';
    }

    for (const person of people) {
      // The advisory credits both logins: the researchers' own choices still decide.
      const credits = [
        { login: 'hidden-login', type: 'finder' as const, state: 'accepted' as const },
        { login: 'secret-login', type: 'finder' as const, state: 'accepted' as const },
      ];
      await desk.core.advisoryEvent(advisoryEventPayload('published', { ghsaId: person.ghsa, credits }));
    }
    await desk.core.worker.runOnce();

    const text = fileText() ?? '';
    expect(text).toContain(`| Nightjar | [${people[0]?.ghsa}]`);
    expect(text).toContain(`| — | [${people[1]?.ghsa}]`);
    for (const hidden of ['hidden-login', 'Secret Person', 'secret-login', 'nightjar@example.org', 'secret@example.org']) expect(text).not.toContain(hidden);
  });

  it.each([
    { showRewards: true, shown: true },
    { showRewards: false, shown: false },
  ])('shows rewards only when show_rewards is $showRewards', async ({ showRewards, shown }) => {
    desk.configure({ hall_of_fame: { show_rewards: showRewards } });
    await desk.store.saveCreditRecord(aCreditRecord({ reward: { amount: 1500, currency: 'EUR' } }));

    await runHallOfFame();

    const text = fileText() ?? '';
    expect(text.includes('EUR 1,500')).toBe(shown);
    expect(text.includes('| Reward |')).toBe(shown);
  });

  it('writes nothing when a second run finds the file current', async () => {
    await desk.store.saveCreditRecord(aCreditRecord());
    await runHallOfFame();
    desk.github.calls.length = 0;

    await runHallOfFame();

    expect(count('readFile')).toBe(1);
    expect(count('writeFile')).toBe(0);
  });

  it('never overwrites a file it did not write, and says so in the job', async () => {
    await desk.store.saveCreditRecord(aCreditRecord());
    desk.github.setRepoFile('acme', '.github', 'HALL_OF_FAME.md', '# Our own page, written by hand\n');

    await runHallOfFame();

    expect(fileText()).toBe('# Our own page, written by hand\n');
    expect(count('writeFile')).toBe(0);
    expect((await desk.store.getJob(`hall-of-fame:test-${runs}`))?.lastError).toContain('was not written by Disclosure Desk');
  });

  it('retries and succeeds when someone changed the file between read and write', async () => {
    await desk.store.saveCreditRecord(aCreditRecord());
    const files: FilePort = await desk.github.repoFiles(7);
    const writeFile = files.writeFile.bind(files);
    let edits = 1;
    files.writeFile = async (owner, repo, file) => {
      if (edits > 0) {
        edits -= 1;
        // Another writer (a second instance, say) changed the generated file meanwhile.
        desk.github.setRepoFile(owner, repo, file.path, '<!-- Generated by Disclosure Desk. -->\nedited meanwhile\n');
      }
      return writeFile(owner, repo, file);
    };

    await runHallOfFame();

    expect(fileText()).toBe('<!-- Generated by Disclosure Desk. -->\nedited meanwhile\n');
    expect((await desk.store.getJob(`hall-of-fame:test-${runs}`))?.state).toBe('pending');

    desk.setNow(new Date(desk.now().getTime() + AFTER_BACKOFF_MS));
    await desk.core.worker.runOnce();

    expect(fileText()).toContain('Stored XSS in the profile page');
    expect((await desk.store.getJob(`hall-of-fame:test-${runs}`))?.state).toBe('done');
    expect(count('writeFile')).toBe(2);
  });
});
