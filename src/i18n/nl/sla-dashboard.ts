import type { Catalogue } from '../catalogue.js';

/** Het vastgezette issue "SLA in één oogopslag" in de tracking-repository. */
export const slaDashboard: Catalogue['slaDashboard'] = {
  title: 'SLA in één oogopslag',
  intro: 'Hoe de meldingen van dit kwartaal het doen tegenover de beloofde termijnen, en wat er binnenkort verloopt. Disclosure Desk herschrijft dit issue eens per dag, alleen als er iets veranderd is; wijzigingen met de hand worden overschreven.',
  quarterHeading: (quarter: string) => `Dit kwartaal (${quarter})`,
  reportsReceived: (count: number) => (count === 1 ? 'Dit kwartaal is 1 melding ontvangen.' : `Dit kwartaal zijn ${count} meldingen ontvangen.`),
  noReports: 'Dit kwartaal is nog geen melding ontvangen.',
  columns: { deadline: 'Termijn', measured: 'Gehaald', median: 'Mediaan', p90: 'p90', metShare: 'Op tijd' },
  deadlines: { receipt: 'Ontvangst', assessment: 'Beoordeling', resolution: 'Oplossing' },
  hours: (value: string) => `${value} u`,
  none: '–',
  figuresNote: 'Mediaan en p90: uren van ontvangst tot het halen van de termijn (nearest rank). Op tijd: op tijd ÷ (op tijd + verlopen); termijnen die nog niet verstreken zijn tellen niet mee. Dezelfde cijfers als `npm run sla`.',
  chartHeading: 'Op tijd gehaald dit kwartaal',
  chartMet: 'Op tijd',
  chartMissed: 'Verlopen',
  dueHeading: 'Verloopt binnen 7 dagen',
  nothingDue: 'Er verloopt niets binnen 7 dagen.',
  overdueHeading: 'Nu verlopen',
  nothingOverdue: 'Er is niets verlopen.',
  paused: (count: number) => (count === 1 ? '1 melding wacht op de onderzoeker (klok gepauzeerd): niet vermeld.' : `${count} meldingen wachten op de onderzoeker (klok gepauzeerd): niet vermeld.`),
  entry: (link: string, deadline: string, due: string) => `${link}: ${deadline}, uiterlijk ${due}`,
  pinRefused: 'GitHub weigerde dit issue vast te zetten (een repository zet hoogstens 3 issues vast, en vastzetten vraagt schrijfrechten). Zet het met de hand vast als je het bovenaan wilt; Disclosure Desk probeert het niet opnieuw.',
};
