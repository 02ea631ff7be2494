import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse-config.js';
import type { DisclosureConfig } from '../../src/config/schema.js';
import { createFakeIntake, type FakeIntake } from './helpers/fake-intake.js';
import { serve } from './helpers/serve.js';

/*
 * The policy page words each deadline as the config counts it: "within 7 business days" /
 * "binnen 7 werkdagen", or "within 7 days" / "binnen 7 dagen" (seed 003's Dutch text), and
 * leaves out what `sla.promises` does not list.
 */

const NOW = new Date('2026-03-03T09:30:00Z');

function intakeWith(raw: unknown): FakeIntake {
  const result = parseConfig(raw);
  if (!result.ok) throw new Error(`test config does not parse: ${JSON.stringify(result.problems)}`);
  const config: DisclosureConfig = result.config;
  const intake = createFakeIntake();
  intake.organisations.set('acme', { login: 'acme', name: 'Acme Corp', languages: ['en', 'nl'], creditDefault: 'anonymous' });
  intake.configs.set('acme', config);
  return intake;
}

async function policyText(raw: unknown, lang: 'en' | 'nl'): Promise<string> {
  const { base } = await serve({ intake: intakeWith(raw), now: () => NOW });
  const page = await (await fetch(`${base}/orgs/acme/policy?lang=${lang}`)).text();
  return page.replace(/<[^>]*>/g, ' ').replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ');
}

describe('the deadlines on the policy page', () => {
  it.each([
    [
      'assessment in 7 business days',
      { assessment_business_days: 7 },
      'Within 7 business days, we send you our assessment',
      'Binnen 7 werkdagen reageren wij op uw melding',
    ],
    ['assessment in 7 calendar days', { assessment_calendar_days: 7 }, 'Within 7 days, we send you our assessment', 'Binnen 7 dagen reageren wij op uw melding'],
    ['receipt in 1 calendar day', { receipt_calendar_days: 1 }, 'We confirm receipt of your report within 1 day.', 'Wij sturen u binnen 1 dag een ontvangstbevestiging.'],
    ['receipt in 2 business days', { receipt_business_days: 2 }, 'We confirm receipt of your report within 2 business days.', 'Wij sturen u binnen 2 werkdagen een ontvangstbevestiging.'],
    [
      'receipt on the day itself, in calendar days',
      { receipt_calendar_days: 0 },
      'We confirm receipt of your report on the day we receive it.',
      'Wij bevestigen de ontvangst van uw melding op de dag waarop wij die ontvangen.',
    ],
    [
      'receipt on the business day itself',
      { receipt_business_days: 0 },
      'We confirm receipt of your report on the business day we receive it.',
      'Wij bevestigen de ontvangst van uw melding op de werkdag waarop wij die ontvangen.',
    ],
  ])('words %s in English and Dutch', async (_name, sla, en, nl) => {
    const english = await policyText({ sla }, 'en');
    const dutch = await policyText({ sla }, 'nl');

    expect(english).toContain(en);
    expect(dutch).toContain(nl);
  });

  it('promises nothing that sla.promises leaves out', async () => {
    const sla = { assessment_calendar_days: 7, promises: ['assessment'] };

    const english = await policyText({ sla }, 'en');
    const dutch = await policyText({ sla }, 'nl');

    expect(english).toContain('Within 7 days, we send you our assessment');
    expect(english).not.toContain('We confirm receipt');
    expect(english).not.toContain('We aim to fix a confirmed vulnerability');
    expect(dutch).toContain('Binnen 7 dagen reageren wij');
    expect(dutch).not.toContain('ontvangstbevestiging');
    expect(dutch).not.toContain('Wij streven ernaar een bevestigde kwetsbaarheid op te lossen');
  });

  it('explains business days only when a promised deadline counts them', async () => {
    const calendarOnly = await policyText({ sla: { receipt_calendar_days: 1, assessment_calendar_days: 7 } }, 'en');
    const business = await policyText({ sla: { receipt_calendar_days: 1 } }, 'en');

    expect(calendarOnly).not.toContain('Business days are Monday to Friday');
    expect(calendarOnly).toContain('Days on which we wait for an answer from you do not count.');
    expect(business).toContain('Business days are Monday to Friday');
  });
});
