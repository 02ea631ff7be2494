/**
 * The organisation settings page of the staff pages (owners only): plain text with
 * `{name}` placeholders, filled and escaped by the page. Secrets are never part of it.
 */
export const staffSettings = {
  heading: 'Settings of {org}',
  intro: 'Kept encrypted by the desk. Secrets are never shown here: only fingerprints, host and user.',
  key: 'OpenPGP key',
  noKey: 'None: the instance key (if any) is used.',
  current: 'Current key: {fingerprint} (set {date})',
  previous: 'Previous key {fingerprint} still decrypts until {date}',
  uploadKey: 'Upload a new key',
  armored: 'Private key (ASCII-armored)',
  passphrase: 'Passphrase (if the key has one)',
  graceDays: 'Days the replaced key still decrypts',
  saveKey: 'Make this the current key',
  mailbox: 'Mailbox',
  noMailbox: 'None.',
  mailboxIs: '{user} at {host}:{port} ({folder}, {tls}; set {date})',
  setMailbox: 'Set the mailbox',
  host: 'Host',
  port: 'Port',
  user: 'User',
  password: 'Password',
  folder: 'Folder',
  tls: 'TLS',
  saveMailbox: 'Save the mailbox',
  tlsImplicit: 'implicit TLS (port 993)',
  tlsStarttls: 'STARTTLS (port 143)',
};
