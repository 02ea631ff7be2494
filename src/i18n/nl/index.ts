import type { Catalogue } from '../catalogue.js';
import { advisory } from './advisory.js';
import { alert } from './alert.js';
import { slaDashboard } from './sla-dashboard.js';
import { staffSettings } from './staff-settings.js';
import { credit } from './credit.js';
import { mail } from './mail.js';
import { policy } from './policy.js';
import { staff } from './staff.js';
import { templates } from './templates.js';
import { tracking } from './tracking.js';
import { triage } from './triage.js';
import { validation } from './validation.js';
import { web } from './web.js';

/** Every Dutch text of the app, in the shape of the English catalogue. */
export const nl: Catalogue = {
  languageName: 'Nederlands',
  locale: 'nl-NL',
  money: { thousands: '.', decimal: ',' },
  outOfScope: {
    physical: 'Fysieke aanvallen',
    'social-engineering': 'Social engineering',
    dos: '(Distributed) denial of service',
    'email-auth': 'Onvolledige of ontbrekende SPF-, DKIM- of DMARC-records',
    httponly: 'Ontbrekende HttpOnly-vlag op cookies zonder gevoelige gegevens',
    'version-lists': 'Lijsten van versies van besturingssystemen of diensten, of van open poorten',
    'public-files': 'Openbare bestanden die openbaar bedoeld zijn',
    'third-party': 'Diensten van derden (zie hun eigen disclosure-beleid)',
    'third-party-breach': 'E-mailadressen uit een datalek bij een derde partij',
    'recent-patch': 'Kwetsbaarheden waarvoor minder dan 2 weken geleden een patch is uitgebracht',
    redirect: 'URL-redirects naar een geldige pagina',
    'not-reproducible': 'Situaties die niet reproduceerbaar zijn of niet met een tweede methode te valideren',
    'user-error': 'Gebruikersfouten',
  },
  web,
  policy,
  validation,
  templates,
  tracking,
  triage,
  credit,
  advisory,
  mail,
  alert,
  slaDashboard,
  staffSettings,
  staff,
};
