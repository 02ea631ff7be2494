import type { Catalogue } from '../catalogue.js';

/** The Dutch credit record; see the English catalogue. */
export const credit: Catalogue['credit'] = {
  heading: 'Vermelding vastgelegd',
  intro: 'Het advies is gepubliceerd. Deze reactie legt vast wie er vermeld wordt, en hoe.',
  advisory: 'Advies',
  cve: 'CVE',
  summary: 'Samenvatting',
  received: 'Melding ontvangen',
  published: 'Advies gepubliceerd',
  resolvedIntro: 'De melding is opgelost zonder GitHub-advies. Deze reactie legt vast wie er vermeld wordt, en hoe.',
  resolved: 'Melding opgelost',
  publishedAfterCredit: (advisory) =>
    `Het advies ${advisory} is gepubliceerd. De melder is al vermeld toen de melding werd opgelost (de vastgelegde vermelding hierboven); die vermelding blijft staan en wordt niet nog eens vastgelegd.`,
  choice: 'Keuze van de melder',
  account: 'GitHub-account',
  credited: 'Vermeld in het advies',
  reward: 'Beloning',
  none: 'geen',
  noIntake: 'geen gegevens van de melder: de melding kwam niet via Disclosure Desk binnen',
  anonymous: 'anoniem: geen vermelding, en nergens een naam',
  byName: (name) => `vermelding met naam: ${name}`,
  byPseudonym: (name) => `vermelding onder het pseudoniem ${name}`,
  byAccount: (login) => `vermelding met hun GitHub-account ${login}`,
  noName: '(geen naam opgegeven)',
  anonymousCredited: '**Controleer de vermeldingen in het advies:** de melder wilde anoniem blijven, maar het GitHub-account van de melder staat erin. Haal die vermelding weg.',
  notCredited: '**Controleer de vermeldingen in het advies:** de melder wilde vermeld worden, maar het GitHub-account van de melder staat er niet in.',
};
