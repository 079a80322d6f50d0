import { useState } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, post } from '../../app/api';
import { useOrg } from '../../app/context';
import { Button, DialogActions, ErrorAlert, ModalDialog } from '../../ui/components';
import { renumberCodes } from '../../../shared/plan-codes';
import { keys, planBase, type PlanTree } from './api';

/**
 * Renumbers the objectives and actions in the order of the tree, on request. The dialog says what
 * will change (computed from the tree with the server's rules) before anything is saved; the plan's
 * revision goes along, so a plan changed meanwhile is not renumbered blindly.
 */
export function RenumberButton({ data, onDone }: { data: PlanTree; onDone: (message: string) => void }) {
  const { orgId } = useOrg();
  const { t } = useLingui();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const preview = renumberCodes(data.objectives, data.plan.language);
  const changes = preview.objectives.length + preview.actions.length;
  const examples = [...preview.objectives, ...preview.actions].slice(0, 5);
  const codeOf = new Map(data.objectives.flatMap((sd) => [sd, ...sd.children]).flatMap((o) => [[o.id, o.code] as const, ...o.actions.map((a) => [a.id, a.code ?? ''] as const)]));
  const run = useMutation({
    mutationFn: () => post<{ objectives: number; actions: number; revision: number }>(`${planBase(orgId, data.plan.id)}/renumber`, {}, { revision: data.plan.revision }),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: keys.plan(orgId, data.plan.id) });
      setOpen(false);
      onDone(t`Renumbered. Codes changed: ${r.objectives + r.actions}.`);
    },
    // The plan changed meanwhile: load it again, so the dialog shows what renumbering does now.
    onError: (err) => { if (err instanceof ApiError && err.isEditConflict) void qc.invalidateQueries({ queryKey: keys.plan(orgId, data.plan.id) }); },
  });
  if (data.objectives.length === 0) return null;
  return (
    <>
      <Button variant="secondary" onPress={() => { run.reset(); setOpen(true); }}><Trans>Renumber</Trans></Button>
      {open && (
        <ModalDialog isOpen onOpenChange={setOpen} title={t`Renumber objectives and actions?`}>
          {(close) => (
            <>
              <p><Trans>The codes follow the order of the plan: strategic objectives 1, 2, 3…; their operational objectives 1.1, 1.2…; their actions 1.1.1, 1.1.2…, in the style the plan already uses.</Trans></p>
              {changes === 0 ? <p><Trans>All codes already follow this order.</Trans></p> : (
                <>
                  <p><Trans>Codes that change: {changes}. For example:</Trans></p>
                  <ul>{examples.map((x) => <li key={x.id}>{codeOf.get(x.id) || t`(no code)`} → {x.code}</li>)}</ul>
                </>
              )}
              <ErrorAlert error={run.error} />
              <DialogActions>
                <Button variant="secondary" onPress={close}><Trans>Cancel</Trans></Button>
                {changes > 0 && <Button onPress={() => run.mutate()} isDisabled={run.isPending}><Trans>Renumber</Trans></Button>}
              </DialogActions>
            </>
          )}
        </ModalDialog>
      )}
    </>
  );
}
