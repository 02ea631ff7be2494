import { describe, expect, it } from 'vitest';
import { loadTemplate } from '../../src/issue-text/load-template.js';
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

describe('loadTemplate', () => {
  it.each([
    ['en', 'issue-body.md', '### Description'],
    ['nl', 'issue-body.md', '### Beschrijving'],
    ['en', 'deadlines.md', '## Deadlines'],
    ['nl', 'deadlines.md', '## Termijnen'],
  ] as const)('reads templates/%s/%s from the repository', (lang, name, heading) => {
    const text = loadTemplate(lang, name);

    expect(text).toContain(heading);
  });

  it.each([
    ['a path outside the templates', 'en', '../package.json'],
    ['a nested path', 'en', 'x/issue-body.md'],
    ['an unknown language', 'de', 'issue-body.md'],
  ])('refuses %s', (_name, lang, name) => {
    const act = (): string => loadTemplate(lang as 'en', name);

    expect(act).toThrow(RangeError);
  });
});
