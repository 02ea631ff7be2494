import type { Catalogue } from '../catalogue.js';

/** The Dutch tracking-issue phrases; see the English catalogue. */
export const tracking: Catalogue['tracking'] = {
  /** Short phrases that fill the issue body's placeholders. */
  text: {
    weekdays: ['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag'],
    months: ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'],
    decimalSeparator: ',',
    channel: { form: 'webformulier', api: 'JSON-API', email: 'e-mail', github: 'GitHub private vulnerability reporting' },
    credit: { name: 'vermelding met naam', pseudonym: 'vermelding onder pseudoniem', anonymous: 'geen vermelding (anoniem)' },
    severity: { none: 'geen', low: 'laag', medium: 'middel', high: 'hoog', critical: 'kritiek' },
    empty: '—',
    githubLogin: 'GitHub-login',
    email: 'e-mailadres',
    phone: 'telefoonnummer',
    name: 'naam',
    contactGiven: (kinds) => `${kinds} opgegeven (bewaard door Disclosure Desk, niet hier getoond)`,
    noContact: 'niets opgegeven (anonieme melding)',
    cvssScore: (score, severity) => `basisscore ${score}, ${severity} (berekend uit de vector van de melder)`,
    businessDays: (count) => `${count} ${count === 1 ? 'werkdag' : 'werkdagen'}`,
    continued: (characters) => `Vervolg in de reacties hieronder (nog ${characters} tekens).`,
    continuation: (section, part) => `${section} (vervolg, deel ${part})`,
    sections: { description: 'Beschrijving', steps: 'Stappen om te reproduceren', impact: 'Impact' },
  },
  /** The rows and notes of the Deadlines section. */
  deadlines: {
    receipt: 'Ontvangstbevestiging',
    assessment: 'Beoordeling met verwachte datum voor een oplossing',
    fixBy: 'Verwachte datum oplossing',
    resolution: 'Streefdatum oplossing',
    open: 'open',
    met: (when) => `gehaald ${when}`,
    calendarDays: (count) => `${count} ${count === 1 ? 'kalenderdag' : 'kalenderdagen'}`,
    resolutionPending: 'volgt uit de ernst (`/severity`)',
    fixByPending: 'nog niet vastgesteld (`/fix-by JJJJ-MM-DD`)',
    disclosure: 'Publicatie afgesproken met de melder',
    paused: (since) => `**De klok staat stil** sinds ${since}: wachten op de melder (\`/info-received\` zet hem weer aan en verschuift open termijnen).`,
    severity: (level, detail) => `Ernst: **${level}**${detail}`,
    severityPending: 'Ernst: nog niet vastgesteld (`/severity <niveau|CVSS-vector>`)',
  },
  /** The attachment list: what was changed about a file name, and the ZIP warning. */
  attachments: {
    sentAs: 'verstuurd als',
    changes: {
      characters: 'tekens anders dan A–Z, a–z, 0–9, ".", "_" en "-" vervangen door "_"',
      dots: 'punten, streepjes of underscores aan het begin, punten aan het eind of herhaalde punten verwijderd',
      extension: 'extensie aangepast aan het gecontroleerde type',
      length: 'ingekort',
      fallback: 'geen bruikbare tekens over: neutrale naam',
    },
    zip: 'ZIP-archief: opgeslagen met `.bin`, zodat een klik het downloadt in plaats van opent. De inhoud is niet gecontroleerd; open het alleen in een geïsoleerde omgeving.',
  },
  /** The SLA sweep's reminder and overdue lines. */
  slaNotice: {
    reminder: (what: string, due: string) => `Herinnering: **${what}** moet uiterlijk ${due}.`,
    overdue: (what: string, due: string) => `**Termijn verstreken:** ${what} moest uiterlijk ${due}. Dit is de melder toegezegd.`,
  },
  disclosureNotice: {
    reminder: (date, days) => `Herinnering: publicatie is met de melder afgesproken op **${date}**, over ${days} ${days === 1 ? 'dag' : 'dagen'}. Bereid de advisory voor, of spreek een nieuwe datum af (\`/disclose-on JJJJ-MM-DD\`) en laat het de melder weten.`,
    day: (date) => `**Vandaag (${date}) is de met de melder afgesproken publicatiedatum.** Publiceer, of spreek een nieuwe datum af (\`/disclose-on JJJJ-MM-DD\`).`,
  },
  keepInformed: (since, days) =>
    `**De melder heeft sinds ${since} niets van ons gehoord** (${days} ${days === 1 ? 'dag' : 'dagen'}). Het beleid belooft de melder op de hoogte te houden: stuur een bericht met \`/reply <bericht>\`.`,
  overdueDigest: {
    title: (count) => `Achterstand: ${count} termijnen verstreken`,
    heading: (count) => `**Achterstand:** ${count} toegezegde termijnen zijn verstreken terwijl Disclosure Desk geen berichten kon plaatsen. Elke issue hieronder heeft het label \`sla:overdue\`.`,
    line: (issue, what, due) => `- ${issue}: ${what}, uiterlijk ${due}`,
  },
  closedByHand: (status) =>
    `Met de hand gesloten: de melding staat nu op **${status}** en de SLA-klok is gestopt. De melder is niet ingelicht; \`/resolved\`, \`/reject <reden>\` of \`/reply\` doen dat wel.`,
  reopenedByHand: 'Met de hand heropend: de melding staat weer op **triaged** en de SLA-klok loopt.',
};
