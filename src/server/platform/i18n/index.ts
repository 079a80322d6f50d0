import { setupI18n, type I18n, type MessageDescriptor } from '@lingui/core';
import { messages as de } from '../../../../locales/de/messages.js';
import { messages as en } from '../../../../locales/en/messages.js';
import { messages as fr } from '../../../../locales/fr/messages.js';
import { messages as nl } from '../../../../locales/nl/messages.js';
import { DEFAULT_LOCALE, LOCALES, type Locale } from '../../../shared/roles.js';

/** Server-side texts (errors, e-mails, documents) come from the same catalogs as the web app. */
const instances = new Map<Locale, I18n>();
for (const [locale, messages] of Object.entries({ nl, fr, de, en }) as [Locale, typeof nl][]) {
  instances.set(locale, setupI18n({ locale, messages: { [locale]: messages } }));
}

export function i18nFor(locale: Locale): I18n {
  return instances.get(locale) ?? instances.get(DEFAULT_LOCALE)!;
}

export function translate(locale: Locale, descriptor: MessageDescriptor | string, values?: Record<string, unknown>): string {
  const d = typeof descriptor === 'string' ? { id: descriptor } : descriptor;
  return i18nFor(locale)._(d.id!, values, { message: d.message });
}

export function hasMessage(id: string): boolean {
  return id in (en as Record<string, unknown>);
}

export function isLocale(v: unknown): v is Locale {
  return typeof v === 'string' && (LOCALES as readonly string[]).includes(v);
}

/** Picks the best supported locale from an Accept-Language header. */
export function localeFromHeader(header: string | undefined): Locale | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { lang: tag.trim().slice(0, 2).toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .sort((a, b) => b.q - a.q);
  return ranked.find((r) => isLocale(r.lang))?.lang as Locale | undefined;
}
