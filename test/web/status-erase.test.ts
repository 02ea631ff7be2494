import { describe, expect, it } from 'vitest';
import { CONFIRMATION_VALID_MS, checkEraseConfirmation, eraseConfirmation } from '../../src/web/handlers/erase-confirmation.js';
import { serve } from './helpers/serve.js';
import { statusView, tokenFor } from './helpers/fake-intake.js';

/** The confirmation value of an erase confirmation page's form. */
function confirmationIn(page: string): string {
  const value = /<input type="hidden" name="confirmation" value="([^"]+)">/.exec(page)?.[1];
  if (value === undefined) throw new Error('no confirmation in the page');
  return value;
}

function post(base: string, token: string, fields: Record<string, string>, lang = 'en'): Promise<Response> {
  return fetch(`${base}/status/${token}/erase?lang=${lang}`, { method: 'POST', body: new URLSearchParams(fields), redirect: 'manual' });
}

describe('GET /status/{token}/erase: the confirmation', () => {
  it('says exactly what is deleted and what is kept, with a form that posts the erasure and a way back', async () => {
    const { base, intake } = await serve();
    intake.statuses.set(tokenFor(1), statusView({ id: 'DD-ABCDEFGHJKMN', retentionDays: 30, contact: { held: ['name', 'email', 'github'], namedCredit: true } }));

    const response = await fetch(`${base}/status/${tokenFor(1)}/erase?lang=en`);
    const page = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page).toContain('<title>Delete your contact details – report DD-ABCDEFGHJKMN</title>');
    expect(page).toContain('<h1>Delete your contact details?</h1>');
    expect(page).toContain('You are about to delete the contact details you gave with report DD-ABCDEFGHJKMN. This cannot be undone.');
    expect(page).toContain(
      [
        '<ul class="erase-removed">',
        '<li>Your name or pseudonym</li>',
        '<li>Your e-mail address: we can no longer e-mail you</li>',
        '<li>Your GitHub username: we no longer invite you to the security advisory</li>',
        '<li>Your credit by name or pseudonym: you are no longer named when the fix is published</li>',
        '<li>Your receipt of the report (it holds your contact details as you sent them): download it from the status page first if you want to keep it</li>',
        '<li>The files you attached to the report, if any</li>',
        '</ul>',
      ].join('\n'),
    );
    expect(page).not.toContain('phone number');
    expect(page).toContain('<li>The report itself, which stays with the security team of Acme Corp.</li>');
    expect(page).toContain('<li>The messages on this page, until 30 days after the report is closed.</li>');
    expect(page).toContain(`<form method="post" action="/status/${tokenFor(1)}/erase?lang=en">`);
    expect(page).toContain('<button type="submit">Yes, delete my contact details</button>');
    expect(page).toContain(`<a href="/status/${tokenFor(1)}?lang=en">No, back to the status page</a>`);
    expect(intake.erased.size).toBe(0);
  });

  it('speaks Dutch in the report’s language', async () => {
    const { base, intake } = await serve();
    intake.statuses.set(tokenFor(2), statusView({ language: 'nl', contact: { held: ['phone', 'pgpKey'], namedCredit: false } }));

    const page = await (await fetch(`${base}/status/${tokenFor(2)}/erase`)).text();

    expect(page).toContain('<html lang="nl">');
    expect(page).toContain('<h1>Uw contactgegevens verwijderen?</h1>');
    expect(page).toContain('<li>Uw telefoonnummer</li>\n<li>Uw publieke OpenPGP-sleutel</li>');
    expect(page).not.toContain('vermelding met naam');
    expect(page).toContain('<button type="submit">Ja, verwijder mijn contactgegevens</button>');
    expect(page).toContain(`<a href="/status/${tokenFor(2)}/erase?lang=en" hreflang="en" lang="en">English</a>`);
  });

  it('offers nothing to erase when no contact details are held', async () => {
    const { base, intake } = await serve();
    intake.statuses.set(tokenFor(3), statusView({ contact: { held: [], namedCredit: false } }));

    const page = await (await fetch(`${base}/status/${tokenFor(3)}/erase`)).text();
    const status = await (await fetch(`${base}/status/${tokenFor(3)}`)).text();

    expect(page).toContain('We hold no contact details for this report: there is nothing to delete.');
    expect(page).not.toContain('<form');
    expect(status).not.toContain('/erase');
  });

  it('escapes the organisation name and the tracking id', async () => {
    const { base, intake } = await serve();
    intake.organisations.set('evil', { login: 'evil', name: '<script>alert(1)</script>', languages: ['en'], creditDefault: 'anonymous' });
    intake.statuses.set(tokenFor(4), statusView({ org: 'evil', id: 'DD-<img src=x>' }));

    const page = await (await fetch(`${base}/status/${tokenFor(4)}/erase`)).text();

    expect(page).toContain('team of &lt;script&gt;alert(1)&lt;/script&gt;.');
    expect(page).toContain('report DD-&lt;img src=x&gt;');
    expect(page).not.toContain('<script');
    expect(page).not.toContain('<img');
  });

  it('gives unknown and malformed tokens the plain 404', async () => {
    const { base } = await serve();

    const unknown = await fetch(`${base}/status/${tokenFor(99)}/erase`);
    const malformed = await fetch(`${base}/status/short/erase`);

    expect([unknown.status, malformed.status]).toEqual([404, 404]);
    expect(await unknown.text()).toBe('Not found\n');
    expect(await malformed.text()).toBe('Not found\n');
  });
});

describe('POST /status/{token}/erase: only with the confirmation', () => {
  it.each([
    ['an empty form', { 'content-type': 'application/x-www-form-urlencoded' }, ''],
    ['a bare post', {}, undefined],
    ['another field', { 'content-type': 'application/x-www-form-urlencoded' }, 'confirm=1'],
  ])('refuses %s with 400, erasing nothing, and asks again', async (_what, headers, body) => {
    const { base, intake } = await serve();
    intake.statuses.set(tokenFor(5), statusView());

    const response = await fetch(`${base}/status/${tokenFor(5)}/erase?lang=en`, { method: 'POST', headers, ...(body === undefined ? {} : { body }), redirect: 'manual' });
    const page = await response.text();

    expect(response.status).toBe(400);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(page).toContain('<p class="error-message" role="alert">Nothing was deleted yet: please confirm below that you want to delete your contact details.</p>');
    expect(checkEraseConfirmation(tokenFor(5), confirmationIn(page), new Date())).toBe('valid');
    expect(intake.erased.size).toBe(0);
  });

  it.each([
    ['forged', (): string => `${Date.now()}.${'A'.repeat(43)}`],
    ['made for another status page', (): string => eraseConfirmation(tokenFor(6), new Date())],
    ['malformed', (): string => '<script>alert(1)</script>'],
  ])('refuses a %s confirmation with 400 in the page’s language, erasing nothing', async (_what, confirmation) => {
    const { base, intake } = await serve();
    intake.statuses.set(tokenFor(7), statusView({ language: 'nl' }));

    const response = await post(base, tokenFor(7), { confirmation: confirmation() }, 'nl');
    const page = await response.text();

    expect(response.status).toBe(400);
    expect(page).toContain('Er is niets verwijderd: deze bevestiging is te oud of niet geldig. Bevestig hieronder opnieuw.');
    expect(page).not.toContain('<script');
    expect(intake.erased.size).toBe(0);
  });

  it('refuses a confirmation page left open for more than an hour', async () => {
    let now = new Date('2026-03-06T10:00:00Z');
    const { base, intake } = await serve({ now: () => now });
    intake.statuses.set(tokenFor(8), statusView());
    const confirmation = confirmationIn(await (await fetch(`${base}/status/${tokenFor(8)}/erase`)).text());

    now = new Date(now.getTime() + CONFIRMATION_VALID_MS + 1000);
    const late = await post(base, tokenFor(8), { confirmation });

    expect(late.status).toBe(400);
    expect(await late.text()).toContain('this confirmation is too old or not valid');
    expect(intake.erased.size).toBe(0);
  });

  it('erases with the confirmation, and every later visit says at the top what was removed and when', async () => {
    const { base, intake } = await serve();
    intake.statuses.set(tokenFor(9), statusView({ retentionDays: 30 }));
    const confirmation = confirmationIn(await (await fetch(`${base}/status/${tokenFor(9)}/erase?lang=en`)).text());

    const erased = await post(base, tokenFor(9), { confirmation });
    const landing = await (await fetch(`${base}${erased.headers.get('location') ?? ''}`)).text();
    const later = await (await fetch(`${base}/status/${tokenFor(9)}`)).text();
    const laterNl = await (await fetch(`${base}/status/${tokenFor(9)}?lang=nl`)).text();

    expect(erased.status).toBe(303);
    expect(erased.headers.get('location')).toBe(`/status/${tokenFor(9)}?lang=en&erased=1`);
    expect([...intake.erased]).toEqual([tokenFor(9)]);
    const notice = [
      '<p><strong>Your contact details were deleted on 6 March 2026, at your request.</strong></p>',
      '<p>We deleted your name or pseudonym, e-mail address, phone number, GitHub username and OpenPGP key, as far as you gave them. We can no longer reach you, and you are no longer credited by name.</p>',
      '<p>We keep the report itself, this page with its dates, and the messages until 30 days after the report is closed.</p>',
      '</div>',
    ].join('\n');
    expect(landing).toContain(`<div class="notice contact-removed" role="status">\n${notice}`);
    expect(later).toContain(`<div class="notice contact-removed">\n${notice}`);
    expect(later.indexOf('contact-removed')).toBeLessThan(later.indexOf('<dl class="facts">'));
    expect(later.indexOf('<h1>')).toBeLessThan(later.indexOf('contact-removed'));
    expect(later).not.toContain('/erase');
    expect(laterNl).toContain('<div class="notice contact-removed">\n<p><strong>Uw contactgegevens zijn op 6 maart 2026 verwijderd, op uw verzoek.</strong></p>');
  });

  it('after erasure, the confirmation page says it is done and a repeated post erases nothing again', async () => {
    const { base, intake } = await serve();
    intake.statuses.set(tokenFor(10), statusView());
    let calls = 0;
    const erase = intake.erase.bind(intake);
    intake.erase = (token) => {
      calls += 1;
      return erase(token);
    };
    const confirmation = confirmationIn(await (await fetch(`${base}/status/${tokenFor(10)}/erase`)).text());
    await post(base, tokenFor(10), { confirmation });

    const again = await post(base, tokenFor(10), { confirmation });
    const page = await (await fetch(`${base}/status/${tokenFor(10)}/erase`)).text();

    expect(again.status).toBe(303);
    expect(calls).toBe(1);
    expect(page).toContain('Your contact details were deleted on 6 March 2026, at your request.');
    expect(page).not.toContain('<form');
  });

  it('says when retention removed the contact details', async () => {
    const { base, intake } = await serve();
    intake.statuses.set(tokenFor(11), statusView({ state: 'filed', contact: { held: [], namedCredit: false }, contactRemoved: { at: new Date('2026-06-10T08:00:00Z'), by: 'retention' } }));

    const page = await (await fetch(`${base}/status/${tokenFor(11)}`)).text();

    expect(page).toContain(
      '<div class="notice contact-removed">\n<p><strong>Your contact details were deleted on 10 June 2026, at the end of the period we keep them after a report is closed.</strong></p>\n<p>We deleted your name',
    );
    expect(page).not.toContain('We keep the report itself, this page');
    // The receipt went with the contact details: no link to a 404.
    expect(page).not.toContain('/receipt.asc');
  });
});

describe('the erase confirmation value', () => {
  const token = tokenFor(12);
  const made = new Date('2026-03-06T10:00:00Z');

  it('holds for an hour for the token it was made for, and for no other', () => {
    const value = eraseConfirmation(token, made);

    expect(checkEraseConfirmation(token, value, made)).toBe('valid');
    expect(checkEraseConfirmation(token, value, new Date(made.getTime() + CONFIRMATION_VALID_MS))).toBe('valid');
    expect(checkEraseConfirmation(token, value, new Date(made.getTime() + CONFIRMATION_VALID_MS + 1))).toBe('invalid');
    expect(checkEraseConfirmation(token, value, new Date(made.getTime() - 10 * 60_000))).toBe('invalid');
    expect(checkEraseConfirmation(tokenFor(13), value, made)).toBe('invalid');
  });

  it('tells a missing confirmation from a changed one', () => {
    const value = eraseConfirmation(token, made);
    const [issued, mac] = value.split('.') as [string, string];

    expect(checkEraseConfirmation(token, '', made)).toBe('missing');
    expect(checkEraseConfirmation(token, `${Number(issued) + 1}.${mac}`, made)).toBe('invalid');
    expect(checkEraseConfirmation(token, `${issued}.${mac.slice(1)}x`, made)).toBe('invalid');
    expect(checkEraseConfirmation(token, `${issued}.${mac}=`, made)).toBe('invalid');
  });
});
