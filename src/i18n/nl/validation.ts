import type { Catalogue } from '../catalogue.js';

/** The Dutch validation messages; see the English catalogue. */
export const validation: Catalogue['validation'] = {
  required: 'is verplicht',
  invalid: 'is ongeldig',
  fileNameRequired: 'een bestandsnaam is verplicht',
  noSlashes: 'mag geen schuine strepen bevatten',
  base64: 'moet base64-gecodeerd zijn',
  email: 'moet een geldig e-mailadres zijn',
  phone: 'moet een geldig telefoonnummer zijn',
  githubLogin: 'moet een geldige GitHub-gebruikersnaam zijn',
  affected: 'noem de getroffen URL, het IP-adres of de repository',
  cvss: 'moet een CVSS-vector zijn, zoals CVSS:3.1/AV:N/...',
  string: 'moet tekst zijn',
  unknownField: 'is geen bekend veld',
  atLeastCharacters: (n) => `minimaal ${n} tekens`,
  atMostCharacters: (n) => `maximaal ${n} tekens`,
  atMostAttachments: (n) => `maximaal ${n} bijlagen`,
  atMostItems: (n) => `maximaal ${n} items`,
  oneOf: (values) => `moet een van deze waarden zijn: ${values}`,
  unknownFieldDidYouMean: (suggestion) => `is geen bekend veld; bedoelt u ${suggestion}?`,
  unknownFieldKnownHere: (known) => `is geen bekend veld; hier bekend: ${known}`,
  moreUnknownFields: (n) => `heeft nog ${n} onbekende velden`,
  noFormFieldDidYouMean: (field, suggestion) => `het formulier heeft geen veld “${field}”; bedoelt u ${suggestion}?`,
  noFormFieldItsFields: (field, fields) => `het formulier heeft geen veld “${field}”; de velden zijn ${fields}`,
  moreFieldsNotInForm: (n) => `en nog ${n} velden die het formulier niet heeft`,
};
