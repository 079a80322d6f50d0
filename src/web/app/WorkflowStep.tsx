import { useState, type ReactNode } from 'react';
import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useOrg } from './context';
import { Button, ConfirmDialog } from '../ui/components';

/**
 * A step of a record's workflow (start the scoring, submit, approve, delete …), asked first in a
 * dialog that says what it does. Once done the module's lists (`refresh`) and the home page are read
 * again, then `onDone` follows (e.g. to the next page); a refusal shows in the dialog, with what
 * `refusal` adds to it in the module's words.
 */
export function WorkflowStepButton({ label, title, children, danger, secondary, run, refresh, onDone, refusal }: {
  label: string; title: string; children: ReactNode; danger?: boolean; secondary?: boolean;
  run: () => Promise<unknown>; refresh: QueryKey; onDone?: () => void; refusal?: (error: unknown) => ReactNode;
}) {
  const { orgId } = useOrg();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const step = useMutation({
    mutationFn: run,
    onSuccess: async () => {
      setOpen(false);
      await qc.invalidateQueries({ queryKey: refresh });
      await qc.invalidateQueries({ queryKey: ['org', orgId, 'home'] });
      onDone?.();
    },
  });
  return (
    <>
      <Button variant={danger ? 'danger' : secondary ? 'secondary' : 'primary'} onPress={() => { step.reset(); setOpen(true); }}>{label}</Button>
      <ConfirmDialog isOpen={open} onOpenChange={setOpen} title={title} confirmLabel={label} onConfirm={() => step.mutate()} pending={step.isPending} error={step.error} danger={danger}>
        {children}
        {step.error && refusal?.(step.error)}
      </ConfirmDialog>
    </>
  );
}
