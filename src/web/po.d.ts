declare module '*.po' {
  import type { Messages } from '@lingui/core';
  export const messages: Messages;
}

/** The catalogue's parts, one per module and language (scripts/i18n/web-catalogues.ts). */
declare module 'virtual:kompas-messages' {
  import type { Messages } from '@lingui/core';
  export const catalogues: Record<string, Record<'nl' | 'fr' | 'de' | 'en', () => Promise<{ messages: Messages }>>>;
}
