import { i18n, type Messages } from '@lingui/core';
import { catalogues } from 'virtual:kompas-messages';
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

/*
 * The catalogue comes in parts (scripts/i18n/web-catalogues.ts): `app` (sign-in, shell, home page,
 * navigation) is loaded with the first page; a module's texts load with its pages
 * (`loadModuleMessages`, called by the router), so the first page does not carry every module's
 * texts. A change of language loads every part wanted so far in the new language.
 */
const wanted = new Set<string>(['app']);
const loaded = new Set<string>();
/** The language being switched to while its parts load (a module's part asked meanwhile loads in both). */
let target: Locale | undefined;

async function loadParts(locale: Locale, parts: string[]): Promise<void> {
  const missing = parts.filter((p) => catalogues[p] && !loaded.has(`${locale}/${p}`));
  if (missing.length === 0) return;
  const got = await Promise.all(missing.map((p) => catalogues[p]![locale]()));
  const messages: Messages = Object.assign({}, ...got.map((m) => m.messages));
  i18n.load(locale, messages);
  for (const p of missing) loaded.add(`${locale}/${p}`);
}

/** Loads the texts of a module's pages (its catalogue part) in the current language; a module without texts resolves at once. */
export async function loadModuleMessages(moduleId: string): Promise<void> {
  wanted.add(moduleId);
  const locales = new Set([i18n.locale, target].filter(isLocale));
  await Promise.all([...locales].map((l) => loadParts(l, [moduleId])));
}

/** Loads the catalogue's parts wanted so far in one language (a chunk per part and language) and switches the whole UI to it. */
export async function activateLocale(locale: Locale, remember = false): Promise<void> {
  target = locale;
  try {
    await loadParts(locale, [...wanted]);
  } finally {
    if (target === locale) target = undefined;
  }
  i18n.activate(locale);
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
