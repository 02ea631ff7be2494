import type { Catalogue } from '../catalogue.js';

/** De instellingenpagina van de organisatie (alleen eigenaren); zie en/staff-settings.ts. */
export const staffSettings: Catalogue['staffSettings'] = {
  heading: 'Instellingen van {org}',
  intro: 'Versleuteld bewaard. Geheimen worden hier nooit getoond: alleen vingerafdrukken, server en gebruiker.',
  key: 'OpenPGP-sleutel',
  noKey: 'Geen: de sleutel van de instantie (indien ingesteld) wordt gebruikt.',
  current: 'Huidige sleutel: {fingerprint} (ingesteld {date})',
  previous: 'Vorige sleutel {fingerprint} ontsleutelt nog tot {date}',
  uploadKey: 'Een nieuwe sleutel uploaden',
  armored: 'Privésleutel (ASCII-armored)',
  passphrase: 'Wachtwoordzin (als de sleutel er een heeft)',
  graceDays: 'Dagen dat de vervangen sleutel nog ontsleutelt',
  saveKey: 'Maak dit de huidige sleutel',
  mailbox: 'Mailbox',
  noMailbox: 'Geen.',
  mailboxIs: '{user} op {host}:{port} ({folder}, {tls}; ingesteld {date})',
  setMailbox: 'De mailbox instellen',
  host: 'Server',
  port: 'Poort',
  user: 'Gebruiker',
  password: 'Wachtwoord',
  folder: 'Map',
  tls: 'TLS',
  saveMailbox: 'Mailbox opslaan',
  tlsImplicit: 'impliciete TLS (poort 993)',
  tlsStarttls: 'STARTTLS (poort 143)',
};
