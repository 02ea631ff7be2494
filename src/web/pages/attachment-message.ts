import type { AttachmentProblem } from '../../report/attachment-check.js';
import type { Language } from '../../report/report.js';
import { formatBytes } from './format.js';
import type { Translate } from './strings.js';

/** An attachment problem as a sentence for the form, in the page's language. */
export function attachmentMessage(t: Translate, language: Language, problem: AttachmentProblem): string {
  switch (problem.kind) {
    case 'too-large':
      return t('attachment.tooLarge', { file: problem.filename, limit: formatBytes(problem.limitBytes, language) });
    case 'too-many':
      return t('attachment.tooMany', { limit: problem.limit });
    case 'type-not-accepted':
      return t('attachment.typeNotAccepted', { file: problem.filename });
    case 'content-mismatch':
      switch (problem.reason) {
        case 'archive':
        case 'program':
          return t(`attachment.${problem.reason}`, { file: problem.filename, format: problem.format ?? '?', type: problem.contentType });
        case 'nul':
        case 'not-utf8':
          return t('attachment.notText', { file: problem.filename });
        case 'not-json':
          return t('attachment.notJson', { file: problem.filename });
        default:
          return t('attachment.contentMismatch', { file: problem.filename });
      }
  }
}
