import { describe, expect, it } from 'vitest';
import { catalogue } from '../../src/i18n/catalogues.js';
import { UnknownPlaceholderError, renderTemplate } from '../../src/issue-text/render-template.js';

describe('renderTemplate', () => {
  it('fills every placeholder, with or without inner spaces', () => {
    const template = 'Hello {{name}}, you are {{ age }}.';

    const out = renderTemplate(template, { name: 'Ada', age: '36' });

    expect(out).toBe('Hello Ada, you are 36.');
  });

  it('inserts values as they are, without expanding placeholders inside them', () => {
    const template = '{{a}} and {{b}}';

    const out = renderTemplate(template, { a: '{{b}}', b: '$& $1' });

    expect(out).toBe('{{b}} and $& $1');
  });

  it('throws on a placeholder without a value', () => {
    const template = 'Hello {{name}} {{missing}}';

    const act = (): string => renderTemplate(template, { name: 'Ada' });

    expect(act).toThrow(UnknownPlaceholderError);
    expect(act).toThrow(/missing/);
  });

  it('does not treat inherited object keys as values', () => {
    const template = '{{constructor}}';

    const act = (): string => renderTemplate(template, {});

    expect(act).toThrow(UnknownPlaceholderError);
  });
});

describe('the catalogue templates', () => {
  it.each([
    ['en', 'issueBody', '### Description'],
    ['nl', 'issueBody', '### Beschrijving'],
    ['en', 'deadlines', '## Deadlines'],
    ['nl', 'deadlines', '## Termijnen'],
  ] as const)('has the %s %s template', (lang, name, heading) => {
    const text = catalogue(lang).templates[name];

    expect(text).toContain(heading);
  });
});
