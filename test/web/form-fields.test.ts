import { describe, expect, it } from 'vitest';
import { formFieldForPath, unknownFormFields } from '../../src/web/http/form-fields.js';
import { serve } from './helpers/serve.js';

describe('unknownFormFields', () => {
  it('finds nothing unknown in the fields the form page itself renders', async () => {
    const { base } = await serve();
    const page = await (await fetch(`${base}/orgs/acme/report`)).text();
    const form = page.slice(page.indexOf('<form id="report-form"'), page.indexOf('</form>'));
    const names = [...form.matchAll(/\sname="([^"]+)"/g)].map((match) => match[1] ?? '');

    const unknown = unknownFormFields(names.map((name) => [name, 'some value'] as const));

    expect(names).toEqual(expect.arrayContaining(['title', 'contact_email', 'credit', 'lang', 'attachments']));
    expect(unknown).toEqual([]);
  });

  it('knows the browser-encrypted report and its language', () => {
    expect(unknownFormFields([['pgp_message', '-----BEGIN PGP MESSAGE-----'], ['lang', 'nl']])).toEqual([]);
  });

  it.each([
    ['email', 'contact_email'],
    ['contact.email', 'contact_email'],
    ['contact_emial', 'contact_email'],
    ['language', 'lang'],
    ['pgp_key', 'contact_pgp_key'],
    ['titel', 'title'],
  ])('names %s with the form field probably meant', (name, nearest) => {
    const [unknown] = unknownFormFields([[name, 'ada@example.org']]);

    expect(unknown).toEqual({ name, nearest, message: `the form has no field “${name}”; did you mean ${nearest}?` });
  });

  it('lists the form’s fields when no field is near', () => {
    const [unknown] = unknownFormFields([['submit', 'Send']]);

    expect(unknown?.nearest).toBeNull();
    expect(unknown?.message).toBe(
      'the form has no field “submit”; its fields are title, description, steps, affected, impact, cvss, contact_name, contact_email, contact_phone, contact_github, contact_pgp_key, credit, lang, attachments',
    );
  });

  it('ignores an unknown field that carries nothing', () => {
    expect(unknownFormFields([['submit', ''], ['honeypot', '  ']])).toEqual([]);
  });

  it('shows a long name cut, without splitting a character', () => {
    const name = `${'x'.repeat(39)}😀${'y'.repeat(100)}`;

    const [unknown] = unknownFormFields([[name, '1']]);

    expect(unknown?.name).toBe(name);
    expect(unknown?.message.startsWith(`the form has no field “${'x'.repeat(39)}😀…”`)).toBe(true);
  });
});

describe('formFieldForPath', () => {
  it.each([
    [['contact', 'email'], 'contact_email'],
    [['language'], 'lang'],
    [['attachments', 0, 'size'], 'attachments'],
    [['contact', 'constructor'], 'contact_name'],
    [['contact', '__proto__'], 'contact_name'],
    [['toString'], 'title'],
  ])('places %j beside %s', (path, field) => {
    expect(formFieldForPath(path)).toBe(field);
  });
});
