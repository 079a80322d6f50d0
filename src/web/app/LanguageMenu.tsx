import { useLingui } from '@lingui/react/macro';
import { Button, Label, ListBox, ListBoxItem, Popover, Select, SelectValue, type Key } from 'react-aria-components';
import { LOCALES, type Locale } from '../../shared/roles';
import { isLocale, LOCALE_NAMES } from './i18n';
import s from './Shell.module.css';
import u from '../ui/ui.module.css';

/** The header's language menu; what a choice does (store it, tell the server, put it in the address) is the caller's. */
export function LanguageMenu({ onChange }: { onChange: (locale: Locale) => void }) {
  const { t, i18n } = useLingui();
  const change = (key: Key | null) => {
    if (isLocale(key) && key !== i18n.locale) onChange(key);
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
