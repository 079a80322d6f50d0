import type { ReactNode } from 'react';
import { Trans } from '@lingui/react/macro';
import { LanguageSwitcher } from '../../app/LanguageSwitcher';
import { PageHeader } from '../../ui/components';
import s from '../../app/Shell.module.css';

/** The frame of the sign-in pages: brand and language choice on top, one card in the middle. */
export function AuthLayout({ title, children, intro }: { title: string; intro?: ReactNode; children: ReactNode }) {
  return (
    <div className={s.authPage}>
      <a className={s.skip} href="#main"><Trans>Skip to main content</Trans></a>
      <header className={s.authTop}>
        <span className={s.brand}>Kompas</span>
        <LanguageSwitcher />
      </header>
      <main id="main" className={s.authMain} tabIndex={-1}>
        <div className={s.authCard}>
          <PageHeader title={title} />
          {intro}
          {children}
        </div>
      </main>
    </div>
  );
}
