import { describe, expect, it } from 'vitest';
import { ReportInput } from '../../src/report/report.js';

function parseCvss(cvss: string): { ok: true; cvss: string | undefined } | { ok: false; messages: string[] } {
  const parsed = ReportInput.safeParse({
    title: 'SQL injection in the search page',
    description: 'The q parameter of /search is concatenated into SQL.',
    affected: 'https://shop.acme.example/search',
    cvss,
  });
  return parsed.success ? { ok: true, cvss: parsed.data.cvss } : { ok: false, messages: parsed.error.issues.map((issue) => issue.message) };
}

describe('the cvss field of a report', () => {
  it.each([
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/U:Clear'],
  ])('accepts the vector %s', (cvss) => {
    const parsed = parseCvss(cvss);

    expect(parsed).toEqual({ ok: true, cvss });
  });

  it('stays optional', () => {
    const parsed = parseCvss('  ');

    expect(parsed).toEqual({ ok: true, cvss: undefined });
  });

  it.each([
    ['CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'invalid CVSS vector: unknown value "X" for metric AV'],
    ['CVSS:4.0/AV:N/AC:L/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 'invalid CVSS vector: missing metric AT'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/ZZ:A', 'invalid CVSS vector: unknown metric ZZ'],
    ['high', 'must be a CVSS vector such as CVSS:3.1/AV:N/...'],
  ])('rejects %s with one message naming the problem', (cvss, message) => {
    const parsed = parseCvss(cvss);

    expect(parsed).toEqual({ ok: false, messages: [message] });
  });
});
