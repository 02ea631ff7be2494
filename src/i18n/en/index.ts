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

/**
 * Every English text of the app. This object is the reference: its shape is the
 * `Catalogue` every other language must match, key for key.
 */
export const en = {
  /** The language's name in itself, for the language switch. */
  languageName: 'English',
  /** The locale dates and numbers on the web pages are formatted in. */
  locale: 'en-GB',
  /** Amounts of money, with our own separators so the text does not depend on the ICU build. */
  money: { thousands: ',', decimal: '.' },
  /** The default out-of-scope categories, by the id staff use in `/scope out <id>`. */
  outOfScope: {
    physical: 'Physical attacks',
    'social-engineering': 'Social engineering',
    dos: '(Distributed) denial of service',
    'email-auth': 'Incomplete or missing SPF, DKIM or DMARC records',
    httponly: 'Missing HttpOnly flag on cookies that hold no sensitive data',
    'version-lists': 'Plain lists of versions of operating systems or services, or of open ports',
    'public-files': 'Publicly available files that are meant to be public',
    'third-party': 'Services run by third parties (see their own disclosure policy)',
    'third-party-breach': 'E-mail addresses found in a data breach at a third party',
    'recent-patch': 'Vulnerabilities for which a patch was released less than 2 weeks ago',
    redirect: 'URL redirects to a valid page',
    'not-reproducible': 'Situations that cannot be reproduced or validated with a second method',
    'user-error': 'User errors',
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
