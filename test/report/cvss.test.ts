import { describe, expect, it } from 'vitest';
import { scoreCvss } from '../../src/report/cvss.js';

function scoreOf(vector: string): number | string {
  const result = scoreCvss(vector);
  return result.ok ? result.score : result.error;
}

describe('scoreCvss with CVSS 3.x', () => {
  // Published base scores from FIRST's "CVSS v3.1: Examples" document (the same vectors
  // and scores appear in the RustSec `cvss` crate's tests) and the FIRST v3.1 calculator.
  it.each([
    ['CVE-2013-1937 phpMyAdmin reflected XSS', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', 6.1],
    ['CVE-2013-0375 MySQL stored SQL injection', 'CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N', 6.4],
    ['CVE-2014-3566 POODLE', 'CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N', 3.1],
    ['CVE-2012-1516 VMware guest to host', 'CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H', 9.9],
    ['CVE-2009-0783 Tomcat', 'CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:U/C:L/I:L/A:L', 4.2],
    ['CVE-2012-0384 Cisco IOS', 'CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', 8.8],
    ['CVE-2015-1098 iWork', 'CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H', 7.8],
    ['CVE-2014-0160 Heartbleed', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N', 7.5],
    ['CVE-2014-6271 Shellshock', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8],
    ['CVE-2008-1447 DNS cache poisoning', 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:N/I:H/A:N', 6.8],
    ['CVE-2014-2005 Sophos disk encryption', 'CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 6.8],
    ['CVE-2010-0467 Joomla', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:L/I:N/A:N', 5.8],
    ['CVE-2013-6014 Juniper', 'CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:C/C:H/I:N/A:H', 9.3],
    ['CVE-2014-9253 Joomla stored XSS', 'CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N', 5.4],
    ['CVE-2014-2019 iOS', 'CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N', 4.6],
    ['CVE-2014-0224 OpenSSL CCS', 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:N', 7.4],
    ['CVE-2012-5376 Chrome', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H', 9.6],
    ['Log4Shell CVE-2021-44228', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', 10],
    ['no impact, scope changed', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:N/I:N/A:N', 0],
    ['low, scope unchanged', 'CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:N/I:N/A:L', 1.6],
    ['low, scope changed', 'CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:C/C:N/I:N/A:L', 1.8],
    ['a CVSS 3.0 vector', 'CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', 6.1],
    ['metrics in another order', 'CVSS:3.1/S:U/C:H/I:N/A:N/AV:N/AC:L/PR:N/UI:N', 7.5],
    ['temporal and environmental metrics do not change the base', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:R/CR:H/MAV:L', 9.8],
  ])('scores %s', (_name, vector, score) => {
    const result = scoreCvss(vector);

    expect(result).toMatchObject({ ok: true, score, vector });
  });

  it('reports the version of a 3.0 vector', () => {
    const result = scoreCvss('CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H');

    expect(result).toEqual({
      ok: true,
      version: '3.0',
      score: 8.8,
      severity: 'high',
      vector: 'CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H',
    });
  });
});

describe('scoreCvss with CVSS 4.0', () => {
  // Scores from FIRST's CVSS v4.0 calculator (github.com/FIRSTdotorg/cvss-v4-calculator),
  // as recorded in the RedHatProductSecurity/cvss test data (tests/vectors_simple4,
  // tests/test_cvss4.py) and the spec's examples.
  it.each([
    ['network, no interaction, high vulnerable-system impact', 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 9.3],
    ['high impact on both systems', 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H', 10],
    ['no impact at all', 'CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N', 0],
    ['low impact everywhere', 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:L/VA:N/SC:N/SI:L/SA:N', 6.9],
    ['mixed vulnerable and subsequent impact', 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:H/VA:L/SC:N/SI:H/SA:L', 9.2],
    ['active user interaction', 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:A/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 8.6],
    ['passive user interaction', 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:L/VI:N/VA:N/SC:L/SI:N/SA:L', 5.3],
    ['low privileges', 'CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/VI:N/VA:N/SC:H/SI:N/SA:N', 8.3],
    ['attack requirements present', 'CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:N/SA:H', 9.5],
    ['only low subsequent-system impact', 'CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:A/VC:N/VI:N/VA:N/SC:L/SI:N/SA:N', 2.1],
    ['high complexity and high privileges', 'CVSS:4.0/AV:N/AC:H/AT:N/PR:H/UI:A/VC:N/VI:N/VA:N/SC:N/SI:H/SA:N', 4],
    ['high privileges, passive interaction', 'CVSS:4.0/AV:N/AC:L/AT:N/PR:H/UI:P/VC:L/VI:L/VA:N/SC:L/SI:N/SA:N', 4.8],
    ['high availability impact only', 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N', 8.7],
    ['a low availability requirement (CVSS-BE)', 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N/AR:L', 7.9],
    ['a modified subsequent integrity (CVSS-BE)', 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N/MSI:H', 7.7],
  ])('scores %s', (_name, vector, score) => {
    const result = scoreCvss(vector);

    expect(result).toMatchObject({ ok: true, version: '4.0', score, vector });
  });

  it.each([
    [
      'CVSS:4.0/AV:L/AC:H/AT:P/PR:N/UI:P/VC:H/VI:N/VA:N/SC:N/SI:N/AU:N/SA:N/S:P/R:A/V:D/RE:L/U:Red/MAV:L/MAC:L/MAT:N/MPR:L/MUI:A/MVC:L/MVI:N/MVA:H/MSC:H/MSI:L/MSA:N/CR:H/IR:L/AR:L/E:P',
      'low',
    ],
    [
      'CVSS:4.0/AV:L/AC:L/AT:P/PR:L/UI:P/VC:N/VI:L/VA:L/SC:H/SI:N/AU:Y/SA:N/S:N/R:I/V:C/RE:M/U:Amber/MAV:L/MAC:H/MAT:P/MPR:N/MUI:P/MVC:L/MVI:N/MVA:H/MSC:H/MSI:H/MSA:S/CR:M/IR:M/AR:M/E:A',
      'high',
    ],
    [
      'CVSS:4.0/AV:A/AC:H/AT:N/PR:H/UI:A/VC:H/VI:N/VA:H/SC:L/SI:N/AU:N/SA:H/S:P/R:I/V:D/RE:M/U:Red/MAV:N/MAC:L/MAT:N/MPR:N/MUI:N/MVC:H/MVI:H/MVA:H/MSC:H/MSI:S/MSA:S/CR:H/IR:H/AR:H/E:U',
      'critical',
    ],
    [
      'CVSS:4.0/AV:L/AC:H/AT:N/PR:N/UI:N/VC:L/VI:N/VA:H/SC:L/SI:H/AU:N/SA:H/S:P/R:U/V:C/RE:H/U:Red/MAV:L/MAC:L/MAT:P/MPR:L/MUI:P/MVC:N/MVI:N/MVA:N/MSC:N/MSI:N/MSA:N/CR:H/IR:H/AR:H/E:P',
      'none',
    ],
  ])('rates a vector with every metric, %s, as %s', (vector, severity) => {
    const result = scoreCvss(vector);

    expect(result).toMatchObject({ ok: true, severity });
  });
});

describe('scoreCvss with invalid vectors', () => {
  it.each([
    ['a bad 3.1 value', 'CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'unknown value "X" for metric AV', 'AV'],
    ['a bad 4.0 value', 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:J', 'unknown value "J" for metric SA', 'SA'],
    ['a safety value on a base metric', 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:S/SA:N', 'unknown value "S" for metric SI', 'SI'],
    ['a missing 3.1 base metric', 'CVSS:3.1/AV:N/PR:N/UI:N/S:U/C:H/I:H/A:H', 'missing metric AC', 'AC'],
    ['a missing 4.0 base metric', 'CVSS:4.0/AV:N/AC:L/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 'missing metric AT', 'AT'],
    ['an unknown metric', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/ZZ:X', 'unknown metric ZZ', 'ZZ'],
    ['a 4.0 metric in a 3.1 vector', 'CVSS:3.1/AV:N/AC:L/AT:N/PR:N/UI:N/S:U/C:H/I:H/A:H', 'unknown metric AT', 'AT'],
    ['a repeated metric', 'CVSS:3.1/AV:N/AV:L/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'duplicate metric AV', 'AV'],
    ['a repeated 4.0 metric', 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SI:H', 'duplicate metric SI', 'SI'],
  ])('names the metric for %s', (_name, vector, error, metric) => {
    const result = scoreCvss(vector);

    expect(result).toEqual({ ok: false, error, metric });
  });

  it.each([
    ['no prefix', 'AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'not a CVSS vector'],
    ['CVSS 2.0', 'CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P', 'not a CVSS vector'],
    ['an empty part', 'CVSS:3.1/AV:N//AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'malformed metric ""'],
    ['a part without a value', 'CVSS:3.1/AV/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'malformed metric "AV"'],
    ['no metrics', 'CVSS:4.0/', 'malformed metric ""'],
  ])('rejects %s', (_name, vector, error) => {
    const result = scoreCvss(vector);

    expect(result.ok).toBe(false);
    expect(scoreOf(vector)).toContain(error);
  });
});

describe('scoreCvss severity', () => {
  it.each([
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N', 0, 'none'],
    ['CVSS:4.0/AV:N/AC:L/AT:P/PR:H/UI:A/VC:N/VI:L/VA:L/SC:L/SI:N/SA:N', 1.8, 'low'],
    ['CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N', 3.1, 'low'],
    ['CVSS:4.0/AV:N/AC:H/AT:N/PR:H/UI:A/VC:N/VI:N/VA:N/SC:N/SI:H/SA:N', 4, 'medium'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', 6.1, 'medium'],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:P/VC:H/VI:L/VA:L/SC:L/SI:L/SA:L', 7, 'high'],
    ['CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', 8.8, 'high'],
    ['CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:H/VI:N/VA:N/SC:L/SI:L/SA:H', 9, 'critical'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8, 'critical'],
  ])('rates %s (%d) as %s', (vector, score, severity) => {
    const result = scoreCvss(vector);

    expect(result).toMatchObject({ ok: true, score, severity });
  });
});
