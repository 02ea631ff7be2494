import type { Catalogue } from '../catalogue.js';

/** The Dutch e-mail texts; see the English catalogue. */
export const mail: Catalogue['mail'] = {
  subjects: {
    acknowledgement: 'We hebben uw melding ontvangen',
    'needs-info': 'We hebben meer informatie nodig',
    'info-received': 'Informatie ontvangen',
    'out-of-scope': 'Uw melding valt buiten de scope',
    known: 'Bekend probleem',
    duplicate: 'Dubbele melding',
    rejected: 'Beoordeling van uw melding',
    accepted: 'Uw melding is geaccepteerd',
    assessment: 'Onze beoordeling en verwachte hersteldatum',
    resolved: 'Het probleem is opgelost',
    reply: 'Bericht van het securityteam',
    published: 'Security advisory gepubliceerd',
    'verify-fix': 'Wilt u onze oplossing controleren?',
    'disclosure-date': 'Afgesproken publicatiedatum',
    'disclosure-withdrawn': 'Publicatiedatum vervallen',
  },
  neutralSubject: 'Bericht van het securityteam',
  acknowledgement: {
    received: (id) => `Dank u voor uw melding. We hebben haar ontvangen onder meldingsnummer ${id}.`,
    promise: (receiptDue, assessmentDue) =>
      `Het securityteam bevestigt uiterlijk ${receiptDue} dat het uw melding behandelt, en stuurt u uiterlijk ${assessmentDue} een beoordeling met een verwachte hersteldatum.`,
    promiseReceipt: (receiptDue) => `Het securityteam bevestigt uiterlijk ${receiptDue} dat het uw melding behandelt.`,
    promiseAssessment: (assessmentDue) => `Het securityteam stuurt u uiterlijk ${assessmentDue} een beoordeling met een verwachte hersteldatum.`,
    confidential: 'Deel informatie over de kwetsbaarheid niet met derden totdat het probleem is opgelost.',
    receipt: (signed) =>
      signed
        ? 'Hieronder staat uw ontvangstbewijs: de melding precies zoals wij haar ontvingen, haar SHA-256 en het tijdstip van ontvangst, ondertekend met onze OpenPGP-sleutel. Bewaar het als receipt.asc en controleer het met gpg --verify receipt.asc.'
        : 'Hieronder staat uw ontvangstbewijs: de melding precies zoals wij haar ontvingen, haar SHA-256 en het tijdstip van ontvangst.',
  },
  footer: {
    trackingId: 'Meldingsnummer',
    statusLink: (url) => `Volg uw melding en reageer op de statuspagina: ${url}`,
    noStatusLink: 'Volg uw melding en reageer via de link naar de statuspagina die u bij uw melding kreeg.',
    canReply: 'U kunt ook op deze e-mail antwoorden; laat het meldingsnummer in het onderwerp staan.',
  },
};
