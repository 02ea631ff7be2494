import type { Catalogue } from '../catalogue.js';

/**
 * Het Nederlandse beleid, opgesteld naar de voorbeeldbeleidsstukken (shared/seeds 000, 003,
 * 004) en de leidraad Coordinated Vulnerability Disclosure van het NCSC, in eigen woorden.
 */
export const policy: Catalogue['policy'] = {
  title: (org) => `Een kwetsbaarheid melden bij ${org}`,
  contents: 'Inhoud',
  nav: { label: 'Beveiligingspagina’s', report: 'Kwetsbaarheid melden', policy: 'Meldbeleid', hallOfFame: 'Hall of Fame' },
  headings: {
    why: 'Waarom wij dit vragen',
    how_to_report: 'Hoe u meldt',
    what_to_include: 'Wat u meestuurt',
    rules: 'Wat niet is toegestaan',
    out_of_scope: 'Wat buiten het bereik valt',
    known_issues: 'Bekende problemen en geaccepteerde risico’s',
    what_to_expect: 'Wat u van ons mag verwachten',
    confidentiality: 'Vertrouwelijkheid en privacy',
    safe_harbour: 'Geen juridische stappen',
    credit: 'Vermelding, Hall of Fame en beloning',
  },
  prose: {
    why: (org) => ({
      paragraphs: [
        `${org} vindt de veiligheid van haar systemen belangrijk. Toch kan een systeem een zwakke plek hebben die wij nog niet hebben gevonden.`,
        'Vindt u er een, laat het ons dan weten, zodat wij het zo snel mogelijk kunnen oplossen. Wij werken graag met u samen om onze gebruikers en onze systemen te beschermen. Op deze pagina leest u hoe u meldt, wat wij van u vragen en wat u van ons mag verwachten.',
        'Dit beleid volgt de leidraad Coordinated Vulnerability Disclosure (CVD) van het Nationaal Cyber Security Centrum (NCSC).',
      ],
    }),
    how_to_report: () => ({
      paragraphs: ['Meld een kwetsbaarheid zo snel mogelijk nadat u die hebt ontdekt, en alleen aan ons.'],
    }),
    what_to_include: () => ({
      paragraphs: ['Geef ons genoeg informatie om het probleem na te bootsen, zodat wij het snel kunnen oplossen:'],
      items: [
        'een beschrijving van de kwetsbaarheid en waar die zit: meestal is de URL of het IP-adres van het getroffen systeem genoeg, maar bij een complexe kwetsbaarheid kan meer uitleg nodig zijn;',
        'de stappen die u hebt gezet, met de IP-adressen die u gebruikte;',
        'logbestanden, schermafbeeldingen of een proof of concept, als die helpen;',
        'de gevolgen die het probleem volgens u heeft;',
        'uw e-mailadres of telefoonnummer, zodat wij u vragen kunnen stellen en u kunnen bedanken. Melden onder een pseudoniem mag.',
      ],
    }),
    rules: () => ({
      paragraphs: ['Ga verantwoordelijk om met uw kennis van de kwetsbaarheid en doe niet meer dan nodig is om het probleem aan te tonen. Dus niet:'],
      items: [
        'informatie over de kwetsbaarheid met anderen delen voordat die is opgelost;',
        'de kwetsbaarheid misbruiken, bijvoorbeeld door meer gegevens te downloaden dan nodig is om het lek aan te tonen, of door gegevens van anderen in te zien, te wijzigen of te verwijderen;',
        'malware plaatsen;',
        'gegevens of configuraties van een systeem kopiëren, wijzigen of verwijderen (maak in plaats daarvan een directorylisting of een schermafbeelding);',
        'wijzigingen in onze systemen aanbrengen;',
        'herhaaldelijk toegang tot een systeem nemen of uw toegang met anderen delen;',
        'bruteforcen om toegang tot een systeem te krijgen;',
        'denial-of-service-aanvallen, social engineering, spam of aanvallen op fysieke beveiliging gebruiken.',
      ],
      after: ['Verwijder gegevens die u via de kwetsbaarheid hebt verkregen zodra het probleem is opgelost.'],
    }),
    out_of_scope: () => ({
      paragraphs: ['Meld het volgende alstublieft niet; zulke meldingen behandelen wij niet verder. Kwetsbaarheden in diensten van derden meldt u bij die partij, volgens haar eigen meldbeleid.'],
    }),
    known_issues: () => ({
      paragraphs: [
        'Kennen wij een probleem al en werken wij eraan, of hebben wij het als risico geaccepteerd, dan behandelen wij uw melding niet verder. Dat laten wij u dan weten.',
      ],
    }),
    what_to_expect: () => ({
      paragraphs: ['Als u een kwetsbaarheid meldt volgens de regels op deze pagina:'],
      items: [
        'houden wij u op de hoogte van de voortgang van de oplossing;',
        'lossen wij het probleem binnen een redelijke termijn op, en bepalen wij in overleg met u of en hoe wij erover naar buiten treden als het is opgelost. Wij worden graag betrokken bij een publicatie erover.',
      ],
    }),
    confidentiality: () => ({
      paragraphs: [
        'Wij behandelen uw melding vertrouwelijk. Wij delen uw persoonlijke gegevens niet zonder uw toestemming met derden, tenzij de wet of een rechterlijke uitspraak ons daartoe verplicht.',
        'Persoonsgegevens die u in onze systemen tegenkomt, vallen onder de Algemene verordening gegevensbescherming (AVG). Geef ze niet door: dat kan strafbaar zijn.',
      ],
    }),
    safe_harbour: () => ({
      paragraphs: [
        'Handelt u te goeder trouw en volgens de regels op deze pagina, dan ondernemen wij geen juridische stappen tegen u en doen wij geen aangifte vanwege uw melding.',
        'Dat geldt niet als u de kwetsbaarheid misbruikt of verder gaat dan de regels op deze pagina toestaan.',
      ],
    }),
    credit: () => ({
      paragraphs: [
        'Als u dat wilt, noemen wij u als ontdekker van de kwetsbaarheid wanneer wij erover publiceren, en in onze Hall of Fame. U kiest dat op het meldformulier: met uw naam, onder een pseudoniem of helemaal niet. Wij houden ons overal aan die keuze.',
      ],
    }),
  },
  channels: {
    form: 'Webformulier',
    formLink: 'Kwetsbaarheid melden',
    formEncrypted: 'Staat JavaScript aan, dan versleutelt het formulier uw melding in uw browser met onze OpenPGP-sleutel.',
    email: 'E-mail',
    emailHint: 'Gebruik dit adres alleen voor meldingen van kwetsbaarheden.',
    phone: 'Telefoon',
    phoneHint: 'Lukt melden niet, bel ons dan. Beschrijf de kwetsbaarheid niet door de telefoon.',
    key: 'OpenPGP-sleutel',
    fingerprint: 'Vingerafdruk',
    afterReport: 'Na uw melding krijgt u een volgnummer en een persoonlijke link naar een statuspagina, waar u uw melding kunt volgen en ons kunt antwoorden.',
  },
  outOfScopeNone: 'Er zijn geen categorieën uitgesloten.',
  knownIssuesNow: 'Bekende problemen en geaccepteerde risico’s op dit moment:',
  deadlines: {
    receipt: (days, unit) =>
      days === 0
        ? `Wij bevestigen de ontvangst van uw melding op de ${unit === 'business' ? 'werkdag' : 'dag'} waarop wij die ontvangen.`
        : `Wij sturen u binnen ${workingDays(days, unit)} een ontvangstbevestiging.`,
    assessment: (days, unit) =>
      days === 0
        ? `Op de ${unit === 'business' ? 'werkdag' : 'dag'} waarop wij uw melding ontvangen, sturen wij u onze beoordeling en, waar mogelijk, een verwachte datum voor een oplossing.`
        : `Binnen ${workingDays(days, unit)} reageren wij op uw melding met onze beoordeling en, waar mogelijk, een verwachte datum voor een oplossing.`,
    resolution: 'Wij streven ernaar een bevestigde kwetsbaarheid op te lossen binnen dit aantal kalenderdagen na ontvangst van uw melding, naar ernst:',
    severity: { critical: 'Kritiek', high: 'Hoog', medium: 'Middel', low: 'Laag' },
    calendarDays: (days) => (days === 1 ? '1 dag' : `${days} dagen`),
    paused: 'Dagen waarop wij op een antwoord van u wachten, tellen niet mee.',
    businessDays: (timeZone) => `Werkdagen zijn maandag tot en met vrijdag, in de tijdzone ${timeZone}, behalve officiële feestdagen.`,
    holidays: (country, year) => `Officiële feestdagen op weekdagen in ${year} (${country}), die geen werkdag zijn:`,
  },
  retention: (days) =>
    `Wij verwijderen uw contactgegevens ${days === 1 ? '1 dag' : `${days} dagen`} nadat wij uw melding hebben afgesloten. Op uw statuspagina kunt u downloaden wat wij over u bewaren, of uw contactgegevens eerder laten verwijderen.`,
  hallOfFameLink: 'Onze Hall of Fame',
  /** Wat er gebeurt als de melder niet kiest (config `credit.default`). */
  creditDefault: {
    anonymous: 'Als u niet kiest, noemen wij uw naam niet: wij vermelden u alleen als u daarom vraagt.',
    name: 'Als u niet kiest, noemen wij u als ontdekker, tenzij u laat weten dat u liever niet genoemd wordt.',
  },
  rewards: {
    offered: {
      each_new_report:
        'Als dank bieden wij een beloning voor elke melding van een beveiligingsprobleem dat wij nog niet kenden. De hoogte bepalen wij naar de ernst van het probleem en de kwaliteit van uw melding.',
      discretionary:
        'Wij kunnen u bedanken met een beloning voor een melding van een beveiligingsprobleem dat wij nog niet kenden. Of wij dat doen, en hoe hoog, beslissen wij, op grond van de ernst van het probleem en de kwaliteit van uw melding.',
    },
    ranges: 'Beloning naar ernst (bandbreedte):',
    fixed: 'Beloning naar ernst:',
  },
  hallOfFame: {
    title: 'Hall of Fame',
    thanks: (org) => `${org} bedankt de onderstaande beveiligingsonderzoekers voor het verantwoord melden van kwetsbaarheden.`,
    empty: 'Er is nog niemand vermeld.',
    caption: 'Vermelde meldingen, nieuwste eerst',
    columns: { published: 'Gepubliceerd', researchers: 'Onderzoeker', advisory: 'Advisory', summary: 'Samenvatting', cve: 'CVE', reward: 'Beloning' },
    notNamed: 'Niet genoemd',
  },
};

/** "7 werkdagen" of "7 dagen", zoals de config de termijn telt. */
function workingDays(days: number, unit: 'business' | 'calendar'): string {
  if (unit === 'calendar') return days === 1 ? '1 dag' : `${days} dagen`;
  return days === 1 ? '1 werkdag' : `${days} werkdagen`;
}
