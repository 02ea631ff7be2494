import type { Catalogue } from '../catalogue.js';

/** The Dutch staff-facing replies; see the English catalogue. */
export const triage: Catalogue['triage'] = {
  /** The triage-notes comment: what the app noticed when it filed the report. */
  notes: {
    heading: '### Triagenotities',
    noAsset: 'in het veld "getroffen" is geen domein, IP-adres of repository te herkennen',
    noMatch: (assets) => `${assets} past bij geen van de assets binnen scope in \`.github/disclosure.yml\``,
    scope: (why) => `**Scope onduidelijk:** ${why}. Beslis met \`/scope in\` of \`/scope out <categorie>\`; er wordt niets gesloten op een gok.`,
    known: (id, title, why) => `**Mogelijk bekend probleem:** \`${id}\` (${title}): ${why}. Zo ja: \`/known ${id}\`.`,
    assetMatched: (pattern) => `asset past bij \`${pattern}\``,
    keywords: (words) => `trefwoorden gevonden: ${words}`,
    duplicate: (ref, why, n) => `**Mogelijk dubbel:** ${ref}: ${why}. Zo ja: \`/duplicate #${n}\`.`,
    sameAsset: (key) => `zelfde asset \`${key}\``,
    similar: (percent) => `${percent}% van de kenmerkende woorden gemeen`,
  },
  /** One confirmation line per command, by confirmation kind. */
  confirm: {
    severity: (p) => `Ernst gezet op **${p.severity}**${p.score ? ` (CVSS ${p.score}, \`${p.vector}\`)` : ''}; de streefdatum volgt daaruit.`,
    'scope-in': () => 'Gemarkeerd als **binnen scope**.',
    'scope-out': (p) => `Gemarkeerd als **buiten scope** (\`${p.category}\`) en gesloten; de melder krijgt de uitleg bij deze categorie.`,
    duplicate: (p) => `Dubbel met #${p.of}. Gesloten; de melder wordt ingelicht.`,
    known: (p) => `Bekend probleem \`${p.id}\` (${p.title}). Gesloten; de melder krijgt de melding over bekende problemen.`,
    'needs-info': () => 'Vraag vastgelegd voor de melder. **De SLA-klok staat stil** tot `/info-received`.',
    'needs-info-again': () => 'Vraag vastgelegd voor de melder. De SLA-klok stond al stil.',
    'info-received': () => '**De SLA-klok loopt weer**; open termijnen zijn verschoven met de tijd dat hij stilstond.',
    accepted: (p) =>
      `**Geaccepteerd** als kwetsbaarheid${p.repository ? ` in \`${p.repository}\`; daar wordt een concept-advisory geopend` : ''}.${p.reward ? ` Voorgestelde beloning bij deze ernst: ${p.reward} (\`/reward <bedrag> <valuta>\` legt het besluit vast).` : ''}`,
    advisory: (p) => `Er wordt een concept-advisory geopend in \`${p.repository}\`.`,
    cwe: (p) => `CWE-ids voor de advisory: ${p.ids}.`,
    package: (p) => `Getroffen pakket \`${p.ecosystem}/${p.name}\`${p.vulnerable ? `, kwetsbaar \`${p.vulnerable}\`` : ''}${p.patched ? `, opgelost in \`${p.patched}\`` : ''}.`,
    reward: (p) => `Beloning vastgelegd: ${p.amount}. Die komt in het vermeldingsverslag bij publicatie.`,
    reply: () => 'Bericht naar de melder gestuurd (statuspagina, en e-mail als die is opgegeven).',
    rejected: () => '**Afgewezen** en gesloten; de melder krijgt de reden.',
    'fix-by': (p) => `Verwachte datum voor een oplossing: **${p.date}**; de melder krijgt de beoordeling.`,
    resolved: (p) =>
      `**Opgelost** en gesloten; de melder wordt ingelicht.${p.rewardDue ? ' Het beleid belooft een beloning voor elke nieuwe melding, en er is er nog geen vastgelegd: leg die vast met `/reward <bedrag> <valuta>`.' : ''}`,
    'disclose-on': (p) =>
      `Publicatie afgesproken op **${p.date}**; de melder krijgt bericht.${p.days === '0' ? '' : ` Hier volgt een herinnering ${p.days} ${p.days === '1' ? 'dag' : 'dagen'} ervoor,`} en een bericht op de dag zelf.`,
    'disclose-on-none': (p) => `De afgesproken publicatiedatum (${p.date}) is ingetrokken; de melder krijgt bericht.`,
    'verify-fix': () =>
      'Controle van de oplossing gevraagd: de melder kan op de statuspagina antwoorden met **opgelost** of **niet opgelost** (en krijgt een e-mail als die is opgegeven). Het antwoord komt hier, met het label `fix:verified` of `fix:not-fixed`.',
  },
  /** The refusal for someone without write access. */
  refused: (login) => `@${login}: alleen mensen met schrijfrechten op deze repository kunnen Disclosure Desk-opdrachten geven. Er is niets veranderd.`,
  notApplied: 'niet uitgevoerd',
  /** The heading of a researcher's reply on the issue, by where it came from. */
  replyHeading: { 'status-page': 'Antwoord van de melder (statuspagina)', email: 'Antwoord van de melder (e-mail)' },
  replyResumed: ' — de SLA-klok loopt weer.',
  /** The researcher's answer to `/verify-fix`; see the English catalogue. */
  fixVerification: {
    confirmed: '**Controle van de oplossing door de melder** (statuspagina): **opgelost**.',
    'not-fixed': '**Controle van de oplossing door de melder** (statuspagina): **niet opgelost**.',
    notFixedHint: 'Verder is er niets veranderd: plan de volgende oplossing (`/accept` heropent een opgeloste melding, `/fix-by` zet een datum) en vraag daarna opnieuw met `/verify-fix`.',
    noNote: 'Geen toelichting.',
  },
};
