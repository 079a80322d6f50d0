import type { Locale } from '../../shared/roles';

/** A text given in all four languages (a catalogue's or a framework's, from the server). */
export type LocalizedText = Record<Locale, string>;

/** Such a text in the reader's language, else in English, else in Dutch. */
export const inLocale = (text: LocalizedText | null | undefined, locale: string): string =>
  text ? (text[locale as Locale] || text.en || text.nl) : '';
