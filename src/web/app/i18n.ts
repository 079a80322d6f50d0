import { i18n } from '@lingui/core';
import { DEFAULT_LOCALE, LOCALES, type Locale } from '../../shared/roles';

const STORAGE_KEY = 'kompas_locale';

export function isLocale(v: unknown): v is Locale {
  return typeof v === 'string' && (LOCALES as readonly string[]).includes(v);
}

/** The language the person chose on this device, if any. */
export function storedLocale(): Locale | undefined {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return isLocale(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

export function initialLocale(): Locale {
  if (isPublicPage(window.location.pathname)) return publicPageLocale();
  return storedLocale() ?? DEFAULT_LOCALE;
}

/** The public pages (/p/<organisation code>/…): no sign-in, nothing remembered on the device (decision 0013). */
export function isPublicPage(pathname: string): boolean {
  return pathname === '/p' || pathname.startsWith('/p/');
}

/**
 * The language of a public page: the one chosen on the page (kept in the address, `?lang=fr`),
 * else the browser's, else Dutch. Never a cookie or local storage: the visit leaves no trace.
 */
export function publicPageLocale(): Locale {
  const chosen = new URLSearchParams(window.location.search).get('lang');
  if (isLocale(chosen)) return chosen;
  for (const l of navigator.languages ?? []) {
    const base = l.slice(0, 2).toLowerCase();
    if (isLocale(base)) return base;
  }
  return DEFAULT_LOCALE;
}

/** Loads one catalog (a separate chunk per language) and switches the whole UI to it. */
export async function activateLocale(locale: Locale, remember = false): Promise<void> {
  const { messages } = await import(`../../../locales/${locale}/messages.po`);
  i18n.loadAndActivate({ locale, messages });
  document.documentElement.lang = locale;
  if (remember) {
    try {
      localStorage.setItem(STORAGE_KEY, locale);
    } catch {
      /* private mode: the choice lasts for this page only */
    }
  }
}

/** Names of the languages, each in its own language (as a language picker should show them). */
export const LOCALE_NAMES: Record<Locale, string> = { nl: 'Nederlands', fr: 'Français', de: 'Deutsch', en: 'English' };
