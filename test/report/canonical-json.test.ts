import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/report/canonical-json.js';

describe('canonical JSON (RFC 8785)', () => {
  it('sorts members by name at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: [3, { z: 1, a: null }], a: 'x', c: true })).toBe('{"a":"x","b":[3,{"a":null,"z":1}],"c":true}');
  });

  it('sorts names by UTF-16 code units, as the RFC example does', () => {
    // RFC 8785 §3.2.3: "\r", "1", "\u0080", "\u00f6", "\u20ac", "\ud83d\ude00", "\ufb33".
    const value = { '\u20ac': 'Euro', '\r': 'CR', '\ufb33': 'Hebrew', '1': 'One', '\ud83d\ude00': 'Smiley', '\u0080': 'Control', '\u00f6': 'Latin' };
    expect(canonicalJson(value)).toBe('{"\\r":"CR","1":"One","\u0080":"Control","\u00f6":"Latin","\u20ac":"Euro","\ud83d\ude00":"Smiley","\ufb33":"Hebrew"}');
  });

  it('writes numbers and strings as ECMAScript does (RFC 8785 §3.2.2)', () => {
    expect(canonicalJson([1e21, 0.000001, -0, 333333333.3333333, 1e-7, 4.5])).toBe('[1e+21,0.000001,0,333333333.3333333,1e-7,4.5]');
    expect(canonicalJson('\u000f\n"\\\u2028é')).toBe('"\\u000f\\n\\"\\\\\u2028é"');
  });

  it('leaves out members that are undefined, as JSON does', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
  });

  it('refuses what JSON cannot hold', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(/NaN/);
    expect(() => canonicalJson({ n: Number.POSITIVE_INFINITY })).toThrow(/Infinity/);
    expect(() => canonicalJson(() => 1)).toThrow(/function/);
  });
});
