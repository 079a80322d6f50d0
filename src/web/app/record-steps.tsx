import type { ReactNode } from 'react';
import { Trans } from '@lingui/react/macro';
import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { Form } from 'react-aria-components';
import { ApiError, post } from './api';
import { useOrg } from './context';
import { useVault } from './vault';
import { Button, DialogActions, ErrorAlert, ModalDialog, Notice } from '../ui/components';

/** A 409: someone else acted on the record since the page read it. */
export const isConflict = (e: unknown) => e instanceof ApiError && (e.status === 409 || e.isEditConflict);

/**
 * A step on a confidential record (a report, a complaint), sent with the revision the page shows
 * (If-Match) and with the person's key unlocked when it is needed. When someone else acted on the
 * record meanwhile (409), the record is read again and the dialog says so, keeping what was typed.
 */
export function useRecordStep(o: { url: string; revision: number; listKey: QueryKey; recordKey: QueryKey; onDone: (message: string) => void; done: string }) {
  const { orgId } = useOrg();
  const qc = useQueryClient();
  const withVault = useVault();
  return useMutation({
    mutationFn: (body: unknown) => withVault(() => post(o.url, body, { revision: o.revision })),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: o.listKey });
      void qc.invalidateQueries({ queryKey: ['org', orgId, 'home'] });
      o.onDone(o.done);
    },
    onError: (e) => { if (isConflict(e)) void qc.invalidateQueries({ queryKey: o.recordKey }); },
  });
}

/** The dialog of one step: the record's own conflict notice, the fields, Cancel and the step's button. */
export function RecordStepDialog({ title, onClose, onSubmit, pending, error, submitLabel, children, danger, conflict }: {
  title: string; onClose: () => void; onSubmit: () => void; pending: boolean; error: unknown; submitLabel: ReactNode; children: ReactNode; danger?: boolean;
  /** What a 409 means for this kind of record. */
  conflict: ReactNode;
}) {
  return (
    <ModalDialog isOpen onOpenChange={(open) => { if (!open) onClose(); }} title={title}>
      {(close) => (
        <Form onSubmit={(e) => { e.preventDefault(); onSubmit(); }}>
          {isConflict(error) ? <Notice kind="warning">{conflict}</Notice>
            // A refusal naming a field shows at that field.
            : error instanceof ApiError && (error.field || error.fields.length) ? null : <ErrorAlert error={error} />}
          {children}
          <DialogActions>
            <Button variant="secondary" onPress={close}><Trans>Cancel</Trans></Button>
            <Button type="submit" variant={danger ? 'danger' : 'primary'} isDisabled={pending}>{submitLabel}</Button>
          </DialogActions>
        </Form>
      )}
    </ModalDialog>
  );
}
