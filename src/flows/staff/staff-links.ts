/**
 * Links to the staff pages, for the tracking issue: absolute, so they work from GitHub, and
 * only with a public URL (PUBLIC_URL). Organisation and id are a GitHub login and a report id.
 */

/** `<PUBLIC_URL>/staff/orgs/{org}/reports/{id}`, or null without a public URL. */
export function staffReportUrl(publicUrl: string | undefined, org: string, reportId: string): string | null {
  const base = baseOf(publicUrl);
  return base === null ? null : `${base}/staff/orgs/${encodeURIComponent(org)}/reports/${encodeURIComponent(reportId)}`;
}

/** `<PUBLIC_URL>/staff/orgs/{org}/reports/{id}/attachments/{n}` (n from 1), or null without a public URL. */
export function staffAttachmentUrl(publicUrl: string | undefined, org: string, reportId: string, position: number): string | null {
  const report = staffReportUrl(publicUrl, org, reportId);
  return report === null ? null : `${report}/attachments/${position}`;
}

/** The public URL without a trailing slash, when it is an absolute http(s) URL that Markdown can carry as it is. */
function baseOf(publicUrl: string | undefined): string | null {
  const trimmed = publicUrl?.trim().replace(/\/+$/, '') ?? '';
  if (trimmed === '' || /[\s()<>"'`\\]/.test(trimmed)) return null;
  try {
    const url = new URL(trimmed);
    return url.protocol === 'https:' || url.protocol === 'http:' ? trimmed : null;
  } catch {
    return null;
  }
}
