import type { Catalogue } from '../catalogue.js';

/** The Dutch alert issue and config check; see the English catalogue. */
export const alert: Catalogue['alert'] = {
  title: 'Disclosure Desk: aandacht nodig',
  intro: 'Disclosure Desk heeft iemand van de organisatie nodig. Dit issue wordt bijgewerkt en gesloten zodra alles weer in orde is.',
  configHeading: 'De configuratie is ongeldig',
  configBody: 'Meldingen worden ontvangen en bewaard, maar er wordt er geen geregistreerd tot `.github/disclosure.yml` is hersteld; tot dan tonen de openbare pagina’s het laatste geldige beleid.',
  heldHeading: (count) => (count === 1 ? '1 melding wordt vastgehouden' : `${count} meldingen worden vastgehouden`),
  heldBody: 'Ze worden bewaard en geregistreerd zodra de oorzaak is verholpen (om de paar minuten gecontroleerd); er gaat niets verloren.',
  deadHeading: (count) => (count === 1 ? '1 taak gestopt' : `${count} taken gestopt`),
  deadBody: 'Werk dat de desk na een dag opnieuw proberen heeft opgegeven (of niet kon lezen). De beheerder toont ze met `npm run jobs -- dead` en zet ze opnieuw in de wachtrij zodra de oorzaak is verholpen: `npm run jobs -- requeue --all`.',
  resolved: 'Alles is weer in orde: geen ongeldige configuratie, geen vastgehouden meldingen, geen gestopte taken. Gesloten.',
  check: {
    noFileTitle: 'Geen configuratiebestand',
    noFileSummary: (file) => `Er is geen \`${file}\` in deze commit: de ingebouwde standaardwaarden gelden.`,
    validTitle: 'De configuratie is geldig',
    validSummary: (file) => `\`${file}\` is geldig.`,
    invalidTitle: (count, file) => (count === 1 ? `1 probleem in ${file}` : `${count} problemen in ${file}`),
    invalidSummary: 'Meldingen worden ontvangen en bewaard, maar er wordt er geen geregistreerd zolang de configuratie op de standaardbranch ongeldig is.',
    line: (line) => `regel ${line}`,
  },
};
