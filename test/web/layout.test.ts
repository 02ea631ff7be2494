import { describe, expect, it } from 'vitest';
import { footerSentence } from '../../src/web/pages/layout.js';
import { translator } from '../../src/web/pages/strings.js';

describe('the page footer', () => {
  it('ends with one full stop, also after a name that ends with one', () => {
    expect(footerSentence(translator('en'), 'Acme B.V.')).toBe('Reports are handled confidentially by the security team of Acme B.V.');
    expect(footerSentence(translator('nl'), 'Gemeente Voorbeeld')).toBe('Meldingen worden vertrouwelijk behandeld door het securityteam van Gemeente Voorbeeld.');
  });
});
