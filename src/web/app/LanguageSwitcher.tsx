import { useLingui } from '@lingui/react/macro';
import { Button, Label, ListBox, ListBoxItem, Popover, Select, SelectValue, type Key } from 'react-aria-components';
import { useQueryClient } from '@tanstack/react-query';
import { LOCALES, type Locale } from '../../shared/roles';
import { post, put } from './api';
import { ME_KEY, type Me } from './auth';
import { activateLocale, isLocale, LOCALE_NAMES } from './i18n';
import s from './Shell.module.css';
import u from '../ui/ui.module.css';

/** Switches the UI language, remembers it on this device and tells the server (for its messages and e-mails). */
export function LanguageSwitcher() {
  const { t, i18n } = useLingui();
  const qc = useQueryClient();
  const change = async (key: Key | null) => {
    if (!isLocale(key) || key === i18n.locale) return;
    const locale: Locale = key;
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
  return (
    <Select className={s.headerSelect} selectedKey={i18n.locale} onSelectionChange={change}>
      <Label className={s.headerLabel}>{t`Language`}</Label>
      <Button className={s.headerButton}>
        <SelectValue />
        <span aria-hidden="true">▾</span>
      </Button>
      <Popover className={u.popover}>
        <ListBox className={u.listBox}>
          {LOCALES.map((l) => (
            <ListBoxItem key={l} id={l} className={u.option} textValue={LOCALE_NAMES[l]}>
              <span lang={l}>{LOCALE_NAMES[l]}</span>
            </ListBoxItem>
          ))}
        </ListBox>
      </Popover>
    </Select>
  );
}
