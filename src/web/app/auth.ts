import { i18n } from '@lingui/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Locale, OrganisationKind, Role } from '../../shared/roles';
import { ApiError, get, post, put } from './api';
import { activateLocale, isLocale, storedLocale } from './i18n';

export type LocalisedText = Partial<Record<Locale, string>>;

export interface MeOrganisation {
  id: string;
  code: string;
  kind: OrganisationKind;
  names: LocalisedText;
  roles: Role[];
}

export interface Me {
  id: string;
  email: string;
  displayName: string;
  locale: Locale;
  totpEnabled: boolean;
  mfaVerified: boolean;
  mfaRequired: boolean;
  isPlatformAdmin: boolean;
  organisations: MeOrganisation[];
}

export const ME_KEY = ['auth', 'me'] as const;

/**
 * The signed-in user, or null when nobody is signed in. On every load of the app (also a full
 * reload) the UI follows the account's language unless a language was chosen on this device,
 * before any page renders, so a French officer never sees a Dutch page after typing an address.
 */
export async function fetchMe(): Promise<Me | null> {
  try {
    const me = await get<Me>('/api/auth/me');
    if (!storedLocale() && isLocale(me.locale) && me.locale !== i18n.locale) await activateLocale(me.locale);
    return me;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 60_000, retry: false });
}

/** Where a signed-in user still has to go before the app opens. */
export function pendingStep(me: Me): 'totp' | 'totp_setup' | null {
  if (!me.mfaRequired || me.mfaVerified) return null;
  return me.totpEnabled ? 'totp' : 'totp_setup';
}

/** Picks the organisation's name in the UI language, falling back to the others. */
export function orgName(names: LocalisedText, locale: string): string {
  const l = isLocale(locale) ? locale : 'nl';
  return names[l] ?? names.nl ?? names.fr ?? names.de ?? names.en ?? '';
}

/** After sign-in: the language chosen on this device wins and is saved; otherwise the profile's. */
export async function syncLocaleAfterSignIn(me: Me): Promise<void> {
  const chosen = storedLocale();
  if (chosen && chosen !== me.locale) {
    await put('/api/auth/me/locale', { locale: chosen }).catch(() => undefined);
  } else if (!chosen && isLocale(me.locale)) {
    await activateLocale(me.locale);
  }
}

/**
 * Signs out and loads the sign-in page afresh, so nothing the person saw stays in memory
 * (query cache, form state) for the next person at this browser.
 */
export function useSignOut() {
  const qc = useQueryClient();
  return async () => {
    await post('/api/auth/logout').catch(() => undefined);
    qc.clear();
    window.location.assign('/sign-in');
  };
}
