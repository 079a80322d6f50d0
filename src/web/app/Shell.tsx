import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { Link, Outlet, useLocation, useNavigate, useParams } from '@tanstack/react-router';
import { activeNavItem } from './nav';
import { Button, Label, ListBox, ListBoxItem, Menu, MenuItem, MenuTrigger, Popover, Select, SelectValue, type Key } from 'react-aria-components';
import { useQuery } from '@tanstack/react-query';
import { get } from './api';
import { orgName, pendingStep, useMe, useSignOut, type Me, type MeOrganisation } from './auth';
import { OrgContext } from './context';
import { LanguageSwitcher } from './LanguageSwitcher';
import { moduleContext, type ModuleContext } from './module-types';
import { modules } from './modules';
import { Loading } from '../ui/components';
import { NotFoundPage } from '../pages/NotFoundPage';
import s from './Shell.module.css';
import u from '../ui/ui.module.css';

function SkipLink() {
  return <a className={s.skip} href="#main"><Trans>Skip to main content</Trans></a>;
}

function OrgSwitcher({ me, current }: { me: Me; current: string }) {
  const { t, i18n } = useLingui();
  const navigate = useNavigate();
  if (me.organisations.length < 2) return null;
  return (
    <Select className={s.headerSelect} selectedKey={current} onSelectionChange={(k: Key | null) => k && navigate({ to: '/o/$orgId', params: { orgId: String(k) } })}>
      <Label className={s.headerLabel}>{t`Organisation`}</Label>
      <Button className={s.headerButton}>
        <SelectValue />
        <span aria-hidden="true">▾</span>
      </Button>
      <Popover className={u.popover}>
        <ListBox className={u.listBox} items={me.organisations}>
          {(o) => <ListBoxItem id={o.id} className={u.option} textValue={orgName(o.names, i18n.locale)}>{orgName(o.names, i18n.locale)}</ListBoxItem>}
        </ListBox>
      </Popover>
    </Select>
  );
}

function UserMenu({ me }: { me: Me }) {
  const { t } = useLingui();
  const signOut = useSignOut();
  const navigate = useNavigate();
  return (
    <MenuTrigger>
      <Button className={s.headerButton} aria-label={t`User menu: ${me.displayName}`}>
        <span>{me.displayName}</span>
        <span aria-hidden="true">▾</span>
      </Button>
      <Popover placement="bottom end">
        <Menu className={s.menu} onAction={async (key) => {
          if (key === 'sessions') await navigate({ to: '/account/sessions' });
          if (key === 'password') await navigate({ to: '/account/password' });
          if (key === 'authenticator') await navigate({ to: '/account/authenticator' });
          if (key === 'signout') await signOut();
        }}>
          <MenuItem id="sessions" className={s.menuItem}>{t`My sessions`}</MenuItem>
          <MenuItem id="password" className={s.menuItem}>{t`Change password`}</MenuItem>
          <MenuItem id="authenticator" className={s.menuItem}>{t`Authenticator app`}</MenuItem>
          <MenuItem id="signout" className={s.menuItem}>{t`Sign out`}</MenuItem>
        </Menu>
      </Popover>
    </MenuTrigger>
  );
}

function Nav({ ctx }: { ctx: ModuleContext }) {
  const { t, i18n } = useLingui();
  const [open, setOpen] = useState(false);
  const base = `/o/${ctx.orgId}`;
  const items = [{ id: 'home', to: '', label: null as string | null }, ...modules.flatMap((m) => m.navItems(ctx)).map((n) => ({ id: n.id, to: n.to, label: i18n._(n.label) }))];
  const path = useLocation({ select: (l) => l.pathname }).replace(/\/$/, '');
  const activeId = activeNavItem(items, base, path);
  return (
    <nav className={s.nav} aria-label={t`Main navigation`} data-print="hide">
      <div className={s.navInner}>
        <Button className={`${u.button} ${u.secondary} ${s.navToggle}`} aria-expanded={open} aria-controls="main-nav-list" onPress={() => setOpen(!open)}>
          <span aria-hidden="true">☰</span> <Trans>Menu</Trans>
        </Button>
        <ul id="main-nav-list" className={s.navList} data-open={open}>
          {items.map((n) => (
            <li key={n.id}>
              {/* The router marks an exact match; a page below an item (a complaint under Complaints) marks
                  the item with the longest matching address, so Complaints statistics is not also Complaints. */}
              <Link to={base + n.to} className={s.navLink} activeOptions={{ exact: true, includeSearch: false }}
                aria-current={n.id === activeId ? 'page' : undefined} onClick={() => setOpen(false)}>
                {n.label ?? t`Home`}
              </Link>
            </li>
          ))}
        </ul>
      </div>
    </nav>
  );
}

/** Header, navigation and the main landmark around every signed-in page. */
function Shell({ me, ctx, children }: { me: Me; ctx?: ModuleContext; children: ReactNode }) {
  const homeTo = ctx ? `/o/${ctx.orgId}` : '/';
  return (
    <>
      <SkipLink />
      <header className={s.header}>
        <div className={s.headerInner}>
          <Link to={homeTo} className={s.brand}>Kompas</Link>
          {ctx && <OrgSwitcher me={me} current={ctx.orgId} />}
          <LanguageSwitcher />
          <UserMenu me={me} />
        </div>
      </header>
      {ctx && <Nav ctx={ctx} />}
      <main id="main" className={s.main} tabIndex={-1}>
        {children}
      </main>
    </>
  );
}

/**
 * Sends the person to a sign-in step exactly once. (A <Navigate> element here re-fired on
 * every render of the layout while the router was leaving it, locking the page.)
 */
function RedirectOnce({ to }: { to: string }) {
  const navigate = useNavigate();
  // The page asked for, fixed when the redirect starts (the location changes under us).
  const [next] = useState(useLocation().href);
  const done = useRef(false);
  useEffect(() => {
    if (done.current) return;
    done.current = true;
    void navigate({ to, search: { next }, replace: true });
  }, [navigate, to, next]);
  return <Loading />;
}

/** Signed in (and second factor done), or sent to the right sign-in step. */
function useSignedIn(): { me?: Me; gate?: ReactNode } {
  const { data: me, isPending, error } = useMe();
  if (isPending) return { gate: <Loading /> };
  if (error) throw error;
  if (!me) return { gate: <RedirectOnce to="/sign-in" /> };
  const step = pendingStep(me);
  if (step === 'totp') return { gate: <RedirectOnce to="/sign-in/totp" /> };
  if (step === 'totp_setup') return { gate: <RedirectOnce to="/sign-in/totp-setup" /> };
  return { me };
}

/** /o/:orgId — pages of one organisation. */
export function OrgLayout() {
  const { orgId } = useParams({ strict: false }) as { orgId: string };
  const { me, gate } = useSignedIn();
  // A platform administrator may open an organisation where they hold no role (to appoint its first administrator).
  const visiting = !!me?.isPlatformAdmin && !me.organisations.some((o) => o.id === orgId);
  const tree = useQuery({ queryKey: ['admin', 'organisations'], queryFn: () => get<{ items: MeOrganisation[] }>('/api/admin/organisations').then((r) => r.items), enabled: visiting });
  if (!me) return <>{gate}</>;
  if (visiting && tree.isPending) return <Loading />;
  const found = visiting ? tree.data?.find((o) => o.id === orgId) : undefined;
  const org = me.organisations.find((o) => o.id === orgId) ?? (found && { id: found.id, code: found.code, kind: found.kind, names: found.names, roles: [] });
  if (!org) return <Shell me={me}><NotFoundPage /></Shell>;
  const ctx = moduleContext(me, org);
  return (
    <OrgContext.Provider value={ctx}>
      <Shell me={me} ctx={ctx}><Outlet /></Shell>
    </OrgContext.Provider>
  );
}

/** /account — the person's own settings, outside any organisation. */
export function AccountLayout() {
  const { me, gate } = useSignedIn();
  if (!me) return <>{gate}</>;
  return <Shell me={me}><Outlet /></Shell>;
}

/** Pages outside the signed-in area still get the skip link and a main landmark. */
export function PlainLayout({ children }: { children: ReactNode }) {
  return <><SkipLink /><main id="main" className={s.main} tabIndex={-1}>{children}</main></>;
}

export { Shell };
