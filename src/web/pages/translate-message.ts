import type { Language } from '../../report/report.js';

/**
 * Dutch for the schema's English validation messages (src/report/report.ts and
 * src/web/http/validation-errors.ts). Keyed by the English text; a message that is not
 * here is shown in English rather than not at all.
 */
const NL: Record<string, string> = {
  'is required': 'is verplicht',
  'is not valid': 'is ongeldig',
  'a file name is required': 'een bestandsnaam is verplicht',
  'must not contain slashes': 'mag geen schuine strepen bevatten',
  'must be base64': 'moet base64-gecodeerd zijn',
  'must be an e-mail address': 'moet een geldig e-mailadres zijn',
  'must be a phone number': 'moet een geldig telefoonnummer zijn',
  'must be a GitHub login': 'moet een geldige GitHub-gebruikersnaam zijn',
  'name the affected URL, IP address or repository': 'noem de getroffen URL, het IP-adres of de repository',
  'must be a CVSS vector such as CVSS:3.1/AV:N/...': 'moet een CVSS-vector zijn, zoals CVSS:3.1/AV:N/...',
  'must be a string': 'moet tekst zijn',
};

/** Messages with a number or list in them: English pattern → Dutch template. */
const NL_PATTERNS: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^at least (\d+) characters$/, (m) => `minimaal ${m[1]} tekens`],
  [/^at most (\d+) characters$/, (m) => `maximaal ${m[1]} tekens`],
  [/^at most (\d+) attachments$/, (m) => `maximaal ${m[1]} bijlagen`],
  [/^at most (\d+) items$/, (m) => `maximaal ${m[1]} items`],
  [/^must be one of (.+)$/, (m) => `moet een van deze waarden zijn: ${m[1]}`],
  [/^is not a known field; did you mean (.+)\?$/, (m) => `is geen bekend veld; bedoelt u ${m[1]}?`],
  [/^is not a known field; known here: (.+)$/, (m) => `is geen bekend veld; hier bekend: ${m[1]}`],
  [/^is not a known field$/, () => 'is geen bekend veld'],
  [/^has (\d+) more unknown fields$/, (m) => `heeft nog ${m[1]} onbekende velden`],
  [/^the form has no field “(.+)”; did you mean (.+)\?$/, (m) => `het formulier heeft geen veld “${m[1]}”; bedoelt u ${m[2]}?`],
  [/^the form has no field “(.+)”; its fields are (.+)$/, (m) => `het formulier heeft geen veld “${m[1]}”; de velden zijn ${m[2]}`],
  [/^and (\d+) more fields the form does not have$/, (m) => `en nog ${m[1]} velden die het formulier niet heeft`],
];

/** A validation message in the page's language. */
export function translateMessage(message: string, language: Language): string {
  if (language === 'en') return message;
  const exact = NL[message];
  if (exact !== undefined) return exact;
  for (const [pattern, template] of NL_PATTERNS) {
    const match = pattern.exec(message);
    if (match) return template(match);
  }
  return message;
}
