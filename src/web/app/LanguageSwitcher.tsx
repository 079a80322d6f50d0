import { useQueryClient } from '@tanstack/react-query';
import type { Locale } from '../../shared/roles';
import { post, put } from './api';
import { ME_KEY, type Me } from './auth';
import { activateLocale } from './i18n';
import { LanguageMenu } from './LanguageMenu';

/** Switches the UI language, remembers it on this device and tells the server (for its messages and e-mails). */
export function LanguageSwitcher() {
  const qc = useQueryClient();
  const change = async (locale: Locale) => {
    await activateLocale(locale, true);
    const me = qc.getQueryData<Me | null>(ME_KEY);
    if (me) {
      await put('/api/auth/me/locale', { locale }).catch(() => undefined);
      qc.setQueryData(ME_KEY, { ...me, locale });
    } else {
      await post('/api/locale', { locale }).catch(() => undefined);
    }
    // Server-side texts (errors, lists of actions) come back in the new language.
    void qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
  };
  return <LanguageMenu onChange={(l) => void change(l)} />;
}
