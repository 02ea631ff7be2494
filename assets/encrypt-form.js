/* global document, window, FormData, FileReader, fetch */
/**
 * Encrypts the report form in the browser before it is sent (served as /assets/encrypt-form.js).
 *
 * Runs only on a form that carries `data-pgp-key-url`, i.e. when the organisation has an
 * OpenPGP key. On submit it reads every field and every attached file into the JSON shape of
 * the API's ReportInput (attachments as `{ filename, contentType, dataBase64 }`), encrypts
 * that JSON to the key fetched from `data-pgp-key-url` with openpgp.js (served by the app
 * itself, never from a CDN), and posts a form with only `pgp_message` (the armored
 * ciphertext) and `lang` to the same action. The server decrypts it and answers with the
 * usual confirmation page, so the browser navigates as after any form post.
 *
 * When it cannot encrypt (key not available, encryption failed, message too large for a
 * form post) it sends nothing: it shows a notice and leaves the form as it is. The reporter
 * then decides: try again, or press "send without browser encryption", which posts the plain
 * form exactly as a browser without JavaScript would. Plaintext is never sent silently.
 *
 * The note "encrypted in your browser" is hidden in the page and shown only here, so a
 * browser that does not run this script is never promised encryption that does not happen.
 */
import * as openpgp from '/assets/openpgp.mjs';

const form = document.querySelector('form[data-pgp-key-url]');
if (form !== null) setUp(form);

function setUp(form) {
  const note = document.getElementById('pgp-note');
  const problem = document.getElementById('pgp-problem');
  const sendPlain = document.getElementById('pgp-send-plain');
  const submit = form.querySelector('button[type="submit"]');
  const maxBytes = Number(form.dataset.pgpMaxBytes) || Infinity;
  let busy = false;
  let outgoing = null;

  if (note !== null) note.hidden = false;

  function setBusy(value) {
    busy = value;
    if (submit !== null) submit.disabled = value;
    form.setAttribute('aria-busy', String(value));
  }

  function showProblem(id) {
    if (problem === null) return;
    for (const paragraph of problem.querySelectorAll('p[id]')) paragraph.hidden = paragraph.id !== id;
    problem.hidden = false;
    problem.focus();
  }

  form.addEventListener('submit', (event) => {
    // From here on this script decides what is sent: never the plain form by default.
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    if (problem !== null) problem.hidden = true;
    encryptReport(form)
      .then((armored) => {
        // A form post sends line breaks as CRLF; the server reads the field up to a limit.
        const message = armored.replace(/\r?\n/g, '\r\n');
        if (message.length >= maxBytes) {
          setBusy(false);
          showProblem('pgp-too-large');
          return;
        }
        outgoing = postEncrypted(form, message);
      })
      .catch(() => {
        setBusy(false);
        showProblem('pgp-failed');
      });
  });

  if (sendPlain !== null) {
    sendPlain.addEventListener('click', () => {
      // The reporter's choice: the plain form post, as without JavaScript. submit() fires no
      // submit event, so the handler above does not intercept it.
      setBusy(true);
      form.submit();
    });
  }

  // Back from the confirmation (back/forward cache): the form is usable again.
  window.addEventListener('pageshow', () => {
    if (outgoing !== null) outgoing.remove();
    outgoing = null;
    setBusy(false);
  });
}

/** The whole report, attachments included, as an armored OpenPGP message to the organisation's key. */
async function encryptReport(form) {
  const [armoredKey, report] = await Promise.all([fetchKey(form.dataset.pgpKeyUrl), readReport(form)]);
  const encryptionKeys = await openpgp.readKey({ armoredKey });
  const message = await openpgp.createMessage({ text: JSON.stringify(report) });
  // zlib when the key allows it: attachments travel base64-encoded inside the JSON.
  return openpgp.encrypt({ message, encryptionKeys, format: 'armored', config: { preferredCompressionAlgorithm: openpgp.enums.compression.zlib } });
}

async function fetchKey(url) {
  const response = await fetch(url, { credentials: 'omit', cache: 'no-cache', redirect: 'error' });
  if (!response.ok) throw new Error(`the key could not be fetched (${response.status})`);
  return response.text();
}

/** The form as the API's ReportInput: the same field names and shapes, empty choices left out. */
async function readReport(form) {
  const data = new FormData(form);
  const text = (name) => {
    const value = data.get(name);
    return typeof value === 'string' ? value : undefined;
  };
  const contact = { name: text('contact_name'), email: text('contact_email'), phone: text('contact_phone'), github: text('contact_github') };
  if (data.has('contact_pgp_key')) contact.pgpKey = text('contact_pgp_key');
  // An empty file input still yields one nameless, empty file: nothing was attached.
  const files = data.getAll('attachments').filter((file) => typeof file !== 'string' && (file.name !== '' || file.size > 0));
  return {
    title: text('title') ?? '',
    description: text('description') ?? '',
    steps: text('steps'),
    affected: text('affected') ?? '',
    impact: text('impact'),
    cvss: text('cvss'),
    contact,
    credit: text('credit') || undefined,
    language: text('lang') || undefined,
    attachments: await Promise.all(files.map(readFile)),
  };
}

function readFile(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.addEventListener('load', () => {
      const url = String(reader.result);
      resolve({ filename: file.name, contentType: file.type, dataBase64: url.slice(url.indexOf(',') + 1) });
    });
    reader.addEventListener('error', () => reject(reader.error ?? new Error('the file could not be read')));
    reader.readAsDataURL(file);
  });
}

/** Posts only the ciphertext and the language, to the form's own action, and navigates to the answer. */
function postEncrypted(form, message) {
  const outgoing = document.createElement('form');
  outgoing.method = 'post';
  outgoing.action = form.action;
  outgoing.enctype = 'multipart/form-data';
  outgoing.acceptCharset = 'utf-8';
  outgoing.hidden = true;
  const ciphertext = document.createElement('textarea');
  ciphertext.name = 'pgp_message';
  ciphertext.value = message;
  const lang = document.createElement('input');
  lang.type = 'hidden';
  lang.name = 'lang';
  lang.value = new FormData(form).get('lang') ?? '';
  outgoing.append(ciphertext, lang);
  document.body.append(outgoing);
  outgoing.submit();
  return outgoing;
}
