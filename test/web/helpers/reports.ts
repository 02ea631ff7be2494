/** The 8-byte PNG signature followed by the start of an IHDR chunk: enough for the sniff. */
export const PNG_BYTES = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

/** A valid report as the JSON API takes it (snake_case attachments). */
export function jsonReport(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'SQL injection in search',
    description: 'The q parameter of /search is concatenated into SQL without escaping.',
    steps: 'GET /search?q=1%27%20OR%201=1-- from 192.0.2.10',
    affected: 'https://shop.example.org/search',
    impact: 'Read access to the customer table.',
    cvss: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N',
    contact: { name: 'Ada', email: 'ada@example.org', phone: '+31 6 1234 5678', github: 'ada-l' },
    credit: 'name',
    language: 'en',
    attachments: [{ filename: 'request.txt', content_type: 'text/plain', data_base64: Buffer.from('GET /search').toString('base64') }],
    ...overrides,
  };
}

/** A valid report as the form posts it (flat field names). */
export function formFields(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    title: 'SQL injection in search',
    description: 'The q parameter of /search is concatenated into SQL without escaping.',
    steps: 'GET /search?q=1%27%20OR%201=1-- from 192.0.2.10',
    affected: 'https://shop.example.org/search',
    impact: 'Read access to the customer table.',
    cvss: '',
    contact_name: 'Ada',
    contact_email: 'ada@example.org',
    contact_phone: '',
    contact_github: 'ada-l',
    credit: 'pseudonym',
    lang: 'en',
    ...overrides,
  };
}

/** The form as a multipart body, with files appended under `attachments`. */
export function multipart(fields: Record<string, string>, files: File[] = []): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  for (const file of files) data.append('attachments', file);
  return data;
}

/** POSTs JSON to the API. */
export function postJson(base: string, org: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${base}/api/v1/orgs/${org}/reports`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** POSTs the form urlencoded. */
export function postForm(base: string, path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${base}${path}`, { method: 'POST', headers, body: new URLSearchParams(fields) });
}

/** The `{ errors }` body of a JSON error answer. */
export async function apiErrors(response: Response): Promise<{ field: string; message: string }[]> {
  const body = (await response.json()) as { errors: { field: string; message: string }[] };
  return body.errors;
}
