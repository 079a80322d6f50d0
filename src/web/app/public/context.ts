import { createContext, useContext } from 'react';
import type { PublicOrganisation } from './api';

export const PublicOrgContext = createContext<PublicOrganisation | null>(null);

/** The organisation of a public page (inside /p/$orgCode pages). */
export function usePublicOrg(): PublicOrganisation {
  const ctx = useContext(PublicOrgContext);
  if (!ctx) throw new Error('usePublicOrg() outside a public page');
  return ctx;
}

/** A text in the reader's language, else in another one the organisation gave (with its language, for `lang`). */
export function localised(texts: Partial<Record<string, string>>, locale: string): { text: string; lang: string } | null {
  const order = [locale, 'nl', 'fr', 'de', 'en'];
  for (const l of order) {
    const v = texts[l];
    if (v && v.trim()) return { text: v, lang: l };
  }
  return null;
}
