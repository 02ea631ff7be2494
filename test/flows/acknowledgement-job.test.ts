import { describe, expect, it } from 'vitest';
import type { AcceptedFacts } from '../../src/flows/intake/accept-report.js';
import { acknowledgementJobs } from '../../src/flows/researcher/acknowledgement-job.js';
import { ReportInput } from '../../src/report/report.js';

/** A report received on Tuesday 3 March 2026 at 09:00 in Amsterdam; receipt due at the end of Wednesday, the assessment at the end of Tuesday 10 March. */
function accepted(language: 'en' | 'nl', timeZone = 'Europe/Amsterdam'): AcceptedFacts {
  return {
    id: 'DD-ABCDEFGHJKMN',
    org: 'acme',
    input: ReportInput.parse({ title: 'Stored XSS in the notes', description: 'The notes field is not escaped anywhere.', affected: 'https://shop.example.org/', contact: { email: 'ada@example.org' }, language }),
    statusToken: 'tok'.padEnd(43, 'x'),
    receivedAt: new Date('2026-03-03T08:00:00Z'),
    receiptDue: new Date('2026-03-04T22:59:59.999Z'),
    assessmentDue: new Date('2026-03-10T22:59:59.999Z'),
    timeZone,
  };
}

function bodyOf(facts: AcceptedFacts): string {
  const [job] = acknowledgementJobs('https://desk.acme.example')(facts);
  if (job === undefined) throw new Error('no acknowledgement job');
  return (JSON.parse(job.payload) as { body: string }).body;
}

describe('the acknowledgement mail', () => {
  it('writes the promised deadlines for people, in English, in the organisation’s time zone', () => {
    const body = bodyOf(accepted('en'));

    expect(body).toContain('by Wednesday, 4 March 2026 at 23:59 CET, and send you an assessment with an expected fix date by Tuesday, 10 March 2026 at 23:59 CET.');
    expect(body).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('writes them in Dutch for a Dutch report', () => {
    const body = bodyOf(accepted('nl'));

    expect(body).toContain('Het securityteam bevestigt uiterlijk woensdag 4 maart 2026 om 23:59 CET dat het uw melding behandelt, en stuurt u uiterlijk dinsdag 10 maart 2026 om 23:59 CET een beoordeling');
  });

  it('uses the organisation’s time zone, whatever the server’s', () => {
    expect(bodyOf(accepted('en', 'America/New_York'))).toContain('by Wednesday, 4 March 2026 at 17:59 GMT-5');
  });
});
