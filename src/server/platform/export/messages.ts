import { translate } from '../i18n/index.js';
import type { Locale } from '../../../shared/roles.js';
import type { SignatureLabels } from './model.js';

/** Words every exported document uses the same way, whatever the module. */
export const exportMessages = {
  contents: /*i18n*/ { id: 'export.contents', message: 'Contents' },
  pageOf: /*i18n*/ { id: 'export.page_of', message: 'Page {page} of {pages}' },
  name: /*i18n*/ { id: 'export.signature.name', message: 'Name' },
  date: /*i18n*/ { id: 'export.signature.date', message: 'Date' },
  signature: /*i18n*/ { id: 'export.signature.signature', message: 'Signature' },
};

export interface DocumentLabels {
  contents: string;
  /** With `{page}` and `{pages}` left in place for the renderer (`PageFurniture.pageNumbers`). */
  pageNumbers: string;
  signatures: SignatureLabels;
}

export function documentLabels(locale: Locale): DocumentLabels {
  const t = (d: { id: string; message: string }, v?: Record<string, unknown>) => translate(locale, d, v);
  return {
    contents: t(exportMessages.contents),
    // The placeholders go through the catalog as values, so every language keeps them.
    pageNumbers: t(exportMessages.pageOf, { page: '{page}', pages: '{pages}' }),
    signatures: { name: t(exportMessages.name), date: t(exportMessages.date), signature: t(exportMessages.signature) },
  };
}
