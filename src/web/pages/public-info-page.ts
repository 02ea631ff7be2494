import type { PagePrivacy } from '../http/respond.js';

/** Public pages that are the same for everyone in a language (policy, hall of fame): cacheable, but revalidated, as the config may change. */
export const PUBLIC_INFO_PAGE: PagePrivacy = { referrer: 'same-origin', noStore: false };
