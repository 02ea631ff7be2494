/**
 * The validation messages of the report schema and the form, as the schema writes them:
 * other languages are found by matching a message against these (a function's output with
 * its parameters left open), so the English here must stay exactly what the schema says.
 */
export const validation = {
  required: 'is required',
  invalid: 'is not valid',
  fileNameRequired: 'a file name is required',
  noSlashes: 'must not contain slashes',
  base64: 'must be base64',
  email: 'must be an e-mail address',
  phone: 'must be a phone number',
  githubLogin: 'must be a GitHub login',
  affected: 'name the affected URL, IP address or repository',
  cvss: 'must be a CVSS vector such as CVSS:3.1/AV:N/...',
  string: 'must be a string',
  unknownField: 'is not a known field',
  atLeastCharacters: (n: string) => `at least ${n} characters`,
  atMostCharacters: (n: string) => `at most ${n} characters`,
  atMostAttachments: (n: string) => `at most ${n} attachments`,
  atMostItems: (n: string) => `at most ${n} items`,
  oneOf: (values: string) => `must be one of ${values}`,
  unknownFieldDidYouMean: (suggestion: string) => `is not a known field; did you mean ${suggestion}?`,
  unknownFieldKnownHere: (known: string) => `is not a known field; known here: ${known}`,
  moreUnknownFields: (n: string) => `has ${n} more unknown fields`,
  noFormFieldDidYouMean: (field: string, suggestion: string) => `the form has no field “${field}”; did you mean ${suggestion}?`,
  noFormFieldItsFields: (field: string, fields: string) => `the form has no field “${field}”; its fields are ${fields}`,
  moreFieldsNotInForm: (n: string) => `and ${n} more fields the form does not have`,
};
