/**
 * The one place where the web app turns dates and numbers into text. Every page formats
 * through `useFormat()` (ui/components), which calls these with the person's language.
 */

/** The regional locale of each UI language: Belgian conventions, and British English (dd/mm/yyyy). */
const INTL_LOCALES: Record<string, string> = { nl: 'nl-BE', fr: 'fr-BE', de: 'de-BE', en: 'en-GB' };

/** The `Intl` / React Aria locale for a Lingui locale ("nl" → "nl-BE"); unknown ones go to Dutch (Belgium). */
export function intlLocale(locale: string): string {
  return INTL_LOCALES[locale] ?? INTL_LOCALES[locale.split('-')[0]!] ?? 'nl-BE';
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A date-only value ("2026-12-31") is a calendar day, not an instant: read it as that day
 * wherever the browser is, so it never shifts to the 30th west of Greenwich. Timestamps are
 * instants and shown in the browser's time zone.
 */
function toDate(v: string | Date): Date | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v;
  const m = ISO_DATE.exec(v);
  const d = m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
}

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function formatter<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let f = cache.get(key);
  if (!f) cache.set(key, (f = make()));
  return f as T;
}

const DATE: Intl.DateTimeFormatOptions = { day: '2-digit', month: '2-digit', year: 'numeric' };
const DATE_TIME: Intl.DateTimeFormatOptions = { ...DATE, hour: '2-digit', minute: '2-digit' };

/** "31/12/2026" (nl, fr, en), "31.12.2026" (de); '—' for nothing. */
export function formatDate(v: string | Date | null | undefined, locale: string): string {
  const d = v == null || v === '' ? null : toDate(v);
  if (!d) return '—';
  const l = intlLocale(locale);
  return formatter(`d:${l}`, () => new Intl.DateTimeFormat(l, DATE)).format(d);
}

/** "31/12/2026 14:05" in the person's language; '—' for nothing. */
export function formatDateTime(v: string | Date | null | undefined, locale: string): string {
  const d = v == null || v === '' ? null : toDate(v);
  if (!d) return '—';
  const l = intlLocale(locale);
  return formatter(`dt:${l}`, () => new Intl.DateTimeFormat(l, DATE_TIME)).format(d);
}

export function formatNumber(n: number, locale: string): string {
  const l = intlLocale(locale);
  return formatter(`n:${l}`, () => new Intl.NumberFormat(l)).format(n);
}

/** Today in the browser's time zone as "yyyy-mm-dd" (toISOString() would give yesterday shortly after midnight in Belgium). */
export function todayIso(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}
