import { describe, expect, it } from 'vitest';
import { formFields, postForm } from './helpers/reports.js';
import { serve } from './helpers/serve.js';

const FORM = '/orgs/acme/report';

describe('a form post with a field the form does not have', () => {
  it('is refused with the field named and the one probably meant, and nothing is stored', async () => {
    const { base, intake } = await serve();

    const response = await postForm(base, FORM, { ...formFields(), email: 'ada@example.org' });
    const page = await response.text();

    expect(response.status).toBe(400);
    expect(intake.accepted).toHaveLength(0);
    expect(page).toContain('the form has no field “email”; did you mean contact_email?');
  });

  it('names it in Dutch on a Dutch form', async () => {
    const { base } = await serve();

    const response = await postForm(base, FORM, { ...formFields({ lang: 'nl' }), emial: 'ada@example.org' });

    expect(response.status).toBe(400);
    expect(await response.text()).toContain('het formulier heeft geen veld “emial”; bedoelt u contact_email?');
  });

  it('ignores an unknown field that carries nothing', async () => {
    const { base, intake } = await serve();

    const response = await postForm(base, FORM, { ...formFields(), submit: '' });

    expect(response.status).toBe(200);
    expect(intake.accepted).toHaveLength(1);
  });
});
