import type { DisclosureConfig } from '../config/schema.js';
import type { Language } from '../report/report.js';
import type { PlannedMessage } from '../triage/apply-command.js';

/**
 * Messages to the researcher, in their language, as plain text (the status page escapes
 * it; e-mail sends it as text). `question` and `reason` are what staff typed after the
 * command: staff write them for the researcher.
 */
export function researcherMessage(message: PlannedMessage, lang: Language, config: DisclosureConfig): string {
  const p = message.params;
  const nl = lang === 'nl';
  switch (message.kind) {
    case 'needs-info':
      return nl
        ? `We hebben meer informatie nodig om uw melding te beoordelen:\n\n${p.question ?? ''}\n\nDe termijnen staan stil tot we uw antwoord hebben.`
        : `We need more information to assess your report:\n\n${p.question ?? ''}\n\nThe deadlines are paused until we have your answer.`;
    case 'info-received':
      return nl ? 'Dank u, we hebben de informatie ontvangen. De termijnen lopen weer.' : 'Thank you, we have the information we needed. The deadlines run again.';
    case 'out-of-scope': {
      const category = config.scope.out_of_scope.find((c) => c.id === p.category);
      const text = (nl ? category?.nl : undefined) ?? category?.en ?? p.category ?? '';
      return nl
        ? `Uw melding valt buiten de scope van ons beleid, in de categorie: ${text}. We behandelen haar daarom niet verder. Dank voor uw melding.`
        : `Your report is out of scope under our policy, in the category: ${text}. We will not process it further. Thank you for reporting.`;
    }
    case 'known': {
      const known = config.known_issues.find((k) => k.id === p.id);
      const notice = (nl ? known?.notice?.nl : undefined) ?? known?.notice?.en;
      const base = nl
        ? 'Dit probleem is al bij ons bekend (of is een geaccepteerd risico) en wordt daarom niet verder behandeld.'
        : 'This issue is already known to us (or is an accepted risk), so we will not process it further.';
      return notice === undefined ? base : `${base}\n\n${notice}`;
    }
    case 'duplicate':
      return nl
        ? 'Uw melding beschrijft hetzelfde probleem als een eerdere melding die we al behandelen. We sluiten haar als dubbel.'
        : 'Your report describes the same problem as an earlier report we are already handling. We have closed it as a duplicate.';
    case 'rejected':
      return nl ? `We hebben uw melding beoordeeld en zien haar niet als kwetsbaarheid:\n\n${p.reason ?? ''}` : `We have assessed your report and do not consider it a vulnerability:\n\n${p.reason ?? ''}`;
    case 'accepted':
      return nl ? 'We hebben uw melding beoordeeld en erkennen haar als kwetsbaarheid. We werken aan een oplossing.' : 'We have assessed your report and accept it as a vulnerability. We are working on a fix.';
    case 'assessment':
      return nl ? `Onze beoordeling: we verwachten het probleem uiterlijk ${p.date ?? ''} op te lossen.` : `Our assessment: we expect to fix the problem by ${p.date ?? ''}.`;
    case 'resolved':
      return nl ? 'Het probleem is opgelost. Dank voor uw melding.' : 'The problem has been fixed. Thank you for your report.';
    case 'reply':
      return p.text ?? '';
    case 'published': {
      const cve = p.cve ? (nl ? ` (${p.cve})` : ` (${p.cve})`) : '';
      return nl
        ? `De security advisory is gepubliceerd${cve}: ${p.url ?? ''}\n\nU wordt vermeld zoals u bij uw melding koos. Dank voor uw hulp.`
        : `The security advisory has been published${cve}: ${p.url ?? ''}\n\nYou are credited as you chose when you reported. Thank you for your help.`;
    }
  }
}
