import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { useMutation } from '@tanstack/react-query';
import { Form } from 'react-aria-components';
import { ApiError, post } from './api';
import { Button, DialogActions, ErrorAlert, Field, ModalDialog, Notice } from '../ui/components';

type WithVault = <T>(fn: () => Promise<T>) => Promise<T>;

const VaultContext = createContext<{ withVault: WithVault; waiting: boolean } | null>(null);

/** A 423 vault_locked answer: the person's key is not open in this session (signed in without the password, or the server restarted). */
export const isVaultLocked = (e: unknown) => e instanceof ApiError && e.status === 423;

interface Waiter {
  resolve: () => void;
  reject: (e: unknown) => void;
  error: unknown;
}

/**
 * Around the pages that read encrypted records (reports, complaints): a call that answers 423 `vault_locked` opens the
 * "Unlock your key" dialog, which asks the password, calls POST /api/auth/vault/unlock and then
 * repeats the call. Calls that meet the locked key meanwhile wait for the same dialog; cancelling
 * lets them fail with the original answer.
 */
export function VaultProvider({ children }: { children: ReactNode }) {
  const waiters = useRef<Waiter[]>([]);
  const [open, setOpen] = useState(false);
  const withVault = useCallback<WithVault>(async (fn) => {
    for (;;) {
      try {
        return await fn();
      } catch (e) {
        if (!isVaultLocked(e)) throw e;
        await new Promise<void>((resolve, reject) => {
          waiters.current.push({ resolve, reject, error: e });
          setOpen(true);
        });
      }
    }
  }, []);
  const settle = (ok: boolean) => {
    const list = waiters.current;
    waiters.current = [];
    setOpen(false);
    for (const w of list) {
      if (ok) w.resolve();
      else w.reject(w.error);
    }
  };
  return (
    <VaultContext.Provider value={{ withVault, waiting: open }}>
      {children}
      {open && <UnlockDialog onUnlocked={() => settle(true)} onCancel={() => settle(false)} />}
    </VaultContext.Provider>
  );
}

/** Runs an API call, asking to unlock the key first when the server says it is locked. */
export function useVault(): WithVault {
  const v = useContext(VaultContext)?.withVault;
  return useMemo(() => v ?? (<T,>(fn: () => Promise<T>) => fn()), [v]);
}

/** Whether calls of the page wait for the person to unlock their key (the page says so instead of "Loading…"). */
export function useVaultWaiting(): boolean {
  return useContext(VaultContext)?.waiting ?? false;
}

/** Where the content would be, while the key is locked: what is missing, and a way to unlock when the dialog was closed. */
export function LockedNotice({ onUnlock }: { onUnlock?: () => void }) {
  return (
    <Notice kind="info">
      <p><Trans>This record is encrypted. Unlock your key to read it.</Trans></p>
      {onUnlock && <Button onPress={onUnlock}><Trans>Unlock your key</Trans></Button>}
    </Notice>
  );
}

function UnlockDialog({ onUnlocked, onCancel }: { onUnlocked: () => void; onCancel: () => void }) {
  const { t } = useLingui();
  const [password, setPassword] = useState('');
  const unlock = useMutation({
    mutationFn: () => post('/api/auth/vault/unlock', { secret: password }),
    onSuccess: () => onUnlocked(),
  });
  const err = unlock.error instanceof ApiError ? unlock.error : undefined;
  return (
    <ModalDialog isOpen onOpenChange={(o) => { if (!o) onCancel(); }} title={t`Unlock your key`}>
      {() => (
        <Form onSubmit={(e) => { e.preventDefault(); unlock.mutate(); }}>
          <p><Trans>What this page shows is encrypted. Your personal key opens it, and it is protected by your password. It is not open in this session (you may have signed in another way, or the server was restarted).</Trans></p>
          <p><Trans>Enter your Kompas password (or, if you sign in through your organisation, your key passphrase) to open your key for this session.</Trans></p>
          {err && !err.field && <ErrorAlert error={err} />}
          <Field label={t`Password`} type="password" value={password} onChange={setPassword} isRequired autoFocus autoComplete="current-password"
            error={err?.fieldMessage('secret')} />
          <DialogActions>
            <Button variant="secondary" onPress={onCancel}><Trans>Cancel</Trans></Button>
            <Button type="submit" isDisabled={unlock.isPending || password === ''}><Trans>Unlock</Trans></Button>
          </DialogActions>
        </Form>
      )}
    </ModalDialog>
  );
}
