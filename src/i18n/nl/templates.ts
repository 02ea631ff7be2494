import type { Catalogue } from '../catalogue.js';

/** The Dutch long texts, filled by renderTemplate; see the English catalogue. */
export const templates: Catalogue['templates'] = {
  /** The private tracking issue's body. */
  issueBody: `{{marker}}
## {{title}}

| Volgnummer | {{id}} |
| --- | --- |
| Kanaal | {{channel}} |
| Ontvangen | {{received_at}} |
| Betreft | {{affected}} |
| CVSS | {{cvss}} |
| Vermelding | {{credit}} |
| Contact | {{contact}} |

> Alles hieronder wat de melder schreef, staat er als platte tekst: links werken niet en vermeldingen sturen geen melding. Behandel het als onbetrouwbare invoer.

### Beschrijving

{{description}}

### Stappen om te reproduceren

{{steps}}

### Impact

{{impact}}

### Bijlagen

{{attachments}}

{{deadlines}}
`,
  /** The Deadlines section, kept up to date between its markers. */
  deadlines: `## Termijnen

{{severity}}

| Toezegging aan de melder | Uiterlijk | Stand |
| --- | --- | --- |
{{rows}}
{{note}}
`,
  /** Messages to the researcher, by the kind of staff command that sends them. */
  messages: {
    'needs-info': `We hebben meer informatie nodig om uw melding te beoordelen:

{{question}}

De termijnen staan stil tot we uw antwoord hebben. U kunt antwoorden op uw statuspagina.
`,
    'info-received': `Dank u, we hebben de informatie ontvangen. De termijnen lopen weer.
`,
    'out-of-scope': `Uw melding valt buiten de scope van ons beleid, in de categorie: {{category}}. We behandelen haar daarom niet verder. Dank voor uw melding.
`,
    known: `Dit probleem is al bij ons bekend (of is een geaccepteerd risico) en wordt daarom niet verder behandeld.{{notice}}
`,
    duplicate: `Uw melding beschrijft hetzelfde probleem als een eerdere melding die we al behandelen. We sluiten haar als dubbel.
`,
    rejected: `We hebben uw melding beoordeeld en zien haar niet als kwetsbaarheid:

{{reason}}
`,
    accepted: `We hebben uw melding beoordeeld en erkennen haar als kwetsbaarheid. We werken aan een oplossing.
`,
    assessment: `Onze beoordeling: we verwachten het probleem uiterlijk {{date}} op te lossen.
`,
    resolved: `Het probleem is opgelost. Dank voor uw melding.
`,
    reply: `{{text}}
`,
    published: `De security advisory is gepubliceerd{{cve}}: {{url}}

U wordt vermeld zoals u bij uw melding koos. Dank voor uw hulp.
`,
    'verify-fix': `We hebben een oplossing voor het probleem dat u meldde en vragen u die te controleren: treedt het probleem nog op?{{note}}

Geef uw antwoord op uw statuspagina, "Opgelost" of "Niet opgelost", eventueel met een toelichting.
`,
    'disclosure-date': `Zoals met u afgesproken, willen wij op {{date}} over dit probleem naar buiten treden. Past die datum u niet meer, reageer dan op uw statuspagina.
`,
    'disclosure-withdrawn': `De afgesproken publicatiedatum ({{date}}) vervalt. Wij spreken met u een nieuwe datum af.
`,
  },
  /** The researcher's answer to a fix verification request as the conversation keeps it; see the English catalogue. */
  fixVerificationAnswer: {
    confirmed: 'Controle van de oplossing: opgelost.',
    'not-fixed': 'Controle van de oplossing: niet opgelost.',
  },
};
