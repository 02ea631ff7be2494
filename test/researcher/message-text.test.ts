import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse-config.js';
import type { DisclosureConfig } from '../../src/config/schema.js';
import { researcherMessage } from '../../src/researcher/message-text.js';
import type { PlannedMessage } from '../../src/triage/apply-command.js';

function buildConfig(raw: Record<string, unknown> = {}): DisclosureConfig {
  const parsed = parseConfig({
    scope: {
      out_of_scope: [
        { id: 'dos', en: '(Distributed) denial of service', nl: '(Gedistribueerde) denial of service' },
        { id: 'beta', en: 'Features marked as beta' },
      ],
    },
    known_issues: [
      {
        id: 'legacy-tls',
        title: 'TLS 1.0 on the old mail host',
        keywords: ['tls 1.0'],
        notice: { en: 'The old mail host is switched off on 1 July.', nl: 'De oude mailserver gaat op 1 juli uit.' },
      },
      { id: 'self-xss', title: 'Self-XSS in the profile page', keywords: ['self-xss'], notice: { en: 'Self-XSS needs the victim to paste the payload.' } },
      { id: 'banner', title: 'Server version banner', keywords: ['banner'] },
    ],
    ...raw,
  });
  if (!parsed.ok) throw new Error('test config must parse');
  return parsed.config;
}

const CONFIG = buildConfig();

const KNOWN_EN = 'This issue is already known to us (or is an accepted risk), so we will not process it further.';
const KNOWN_NL = 'Dit probleem is al bij ons bekend (of is een geaccepteerd risico) en wordt daarom niet verder behandeld.';

describe('researcherMessage', () => {
  it.each([
    [
      'needs-info',
      { question: 'Which URL did you test?' },
      'We need more information to assess your report:\n\nWhich URL did you test?\n\nThe deadlines are paused until we have your answer. You can reply on your status page.',
      'We hebben meer informatie nodig om uw melding te beoordelen:\n\nWhich URL did you test?\n\nDe termijnen staan stil tot we uw antwoord hebben. U kunt antwoorden op uw statuspagina.',
    ],
    [
      'info-received',
      {},
      'Thank you, we have the information we needed. The deadlines run again.',
      'Dank u, we hebben de informatie ontvangen. De termijnen lopen weer.',
    ],
    [
      'out-of-scope',
      { category: 'dos' },
      'Your report is out of scope under our policy, in the category: (Distributed) denial of service. We will not process it further. Thank you for reporting.',
      'Uw melding valt buiten de scope van ons beleid, in de categorie: (Gedistribueerde) denial of service. We behandelen haar daarom niet verder. Dank voor uw melding.',
    ],
    ['known', { id: 'banner' }, KNOWN_EN, KNOWN_NL],
    [
      'duplicate',
      {},
      'Your report describes the same problem as an earlier report we are already handling. We have closed it as a duplicate.',
      'Uw melding beschrijft hetzelfde probleem als een eerdere melding die we al behandelen. We sluiten haar als dubbel.',
    ],
    [
      'rejected',
      { reason: 'The page is public by design.' },
      'We have assessed your report and do not consider it a vulnerability:\n\nThe page is public by design.',
      'We hebben uw melding beoordeeld en zien haar niet als kwetsbaarheid:\n\nThe page is public by design.',
    ],
    [
      'accepted',
      {},
      'We have assessed your report and accept it as a vulnerability. We are working on a fix.',
      'We hebben uw melding beoordeeld en erkennen haar als kwetsbaarheid. We werken aan een oplossing.',
    ],
    [
      'assessment',
      { date: '2026-06-30' },
      'Our assessment: we expect to fix the problem by 30 June 2026.',
      'Onze beoordeling: we verwachten het probleem uiterlijk 30 juni 2026 op te lossen.',
    ],
    ['resolved', {}, 'The problem has been fixed. Thank you for your report.', 'Het probleem is opgelost. Dank voor uw melding.'],
  ] satisfies Array<[PlannedMessage['kind'], Record<string, string>, string, string]>)('writes %s in English and Dutch', (kind, params, en, nl) => {
    const message: PlannedMessage = { kind, params };

    const texts = { en: researcherMessage(message, 'en', CONFIG), nl: researcherMessage(message, 'nl', CONFIG) };

    expect(texts).toEqual({ en, nl });
  });

  it("uses the category's English text in a Dutch message when it has no Dutch text", () => {
    const message: PlannedMessage = { kind: 'out-of-scope', params: { category: 'beta' } };

    const text = researcherMessage(message, 'nl', CONFIG);

    expect(text).toBe('Uw melding valt buiten de scope van ons beleid, in de categorie: Features marked as beta. We behandelen haar daarom niet verder. Dank voor uw melding.');
  });

  it('names the category id when the category is no longer configured', () => {
    const message: PlannedMessage = { kind: 'out-of-scope', params: { category: 'physical' } };

    const text = researcherMessage(message, 'en', CONFIG);

    expect(text).toContain('in the category: physical.');
  });

  it.each([
    ['en', 'legacy-tls', `${KNOWN_EN}\n\nThe old mail host is switched off on 1 July.`],
    ['nl', 'legacy-tls', `${KNOWN_NL}\n\nDe oude mailserver gaat op 1 juli uit.`],
    ['en', 'self-xss', `${KNOWN_EN}\n\nSelf-XSS needs the victim to paste the payload.`],
    ['nl', 'self-xss', `${KNOWN_NL}\n\nSelf-XSS needs the victim to paste the payload.`],
    ['en', 'banner', KNOWN_EN],
    ['nl', 'banner', KNOWN_NL],
  ] as const)('appends the configured known-issue notice (%s, %s), in English when there is no Dutch one', (lang, id, expected) => {
    const message: PlannedMessage = { kind: 'known', params: { id } };

    const text = researcherMessage(message, lang, CONFIG);

    expect(text).toBe(expected);
  });
});
