import { Trans, useLingui } from '@lingui/react/macro';
import { useQueryClient } from '@tanstack/react-query';
import { post } from '../../app/api';
import { useOrg } from '../../app/context';
import { PlanEntryButton } from '../../app/PlanEntryDialog';
import { keys, measurementUrl, type CriterionView, type PlanLinkView } from './api';
import { inLocale } from './labels';

/**
 * "Create a plan action from this gap": an action under an objective (or a new objective) of a draft
 * policy plan, in one step (the shared plan-entry dialog). The link is kept, so the next measurement
 * shows whether it moved the level.
 */
export function GapButton({ measurementId, criterion, onCreated }: { measurementId: string; criterion: CriterionView; onCreated?: (l: PlanLinkView) => void }) {
  const { orgId } = useOrg();
  const { t, i18n } = useLingui();
  const qc = useQueryClient();
  return (
    <PlanEntryButton
      label={<Trans>Create a plan action from this gap</Trans>}
      dialogTitle={t`Plan entry for ${criterion.code}`}
      defaultTitle={t`Raise the maturity of ${criterion.code} ${inLocale(criterion.title, i18n.locale)}`}
      create={(input) => post<PlanLinkView>(`${measurementUrl(orgId, measurementId)}/gaps/${criterion.id}/plan-entry`, input)}
      onCreated={(l) => {
        onCreated?.(l);
        void qc.invalidateQueries({ queryKey: keys.measurement(orgId, measurementId) });
      }}
    />
  );
}
