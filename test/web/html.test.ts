import { describe, expect, it } from 'vitest';
import { escapeHtml, html } from '../../src/web/http/html.js';

describe('html template helper', () => {
  it('escapes every interpolated string, in content and in attributes', () => {
    const hostile = `"><img src=x onerror=alert(1)><script>alert('x')</script>&`;

    const out = html`<p title="${hostile}">${hostile}</p>`.value;

    expect(out).toBe(
      '<p title="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;">' +
        '&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;</p>',
    );
    expect(out).not.toContain('<script');
    expect(out).not.toContain('<img');
  });

  it('keeps nested html templates as markup and escapes the text inside them', () => {
    const item = (text: string) => html`<li>${text}</li>`;

    const out = html`<ul>${['a<b', 'c&d'].map(item)}</ul>`.value;

    expect(out).toBe('<ul><li>a&lt;b</li><li>c&amp;d</li></ul>');
  });

  it('renders false, null and undefined as nothing so conditionals read naturally', () => {
    const out = html`[${false}${null}${undefined}${0}]`.value;

    expect(out).toBe('[0]');
  });

  it('treats a look-alike object as text, not as trusted markup', () => {
    const forged = { value: '<script>' } as unknown as string;

    const out = html`${forged}`.value;

    expect(out).toBe('[object Object]');
  });

  it('escapes backticks so attribute values cannot be broken out of in old parsers', () => {
    const out = escapeHtml('`');

    expect(out).toBe('&#96;');
  });
});
