import type { MessageDescriptor } from '@lingui/core';
import { Trans, useLingui } from '@lingui/react/macro';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useOrg } from '../app/context';
import { orgName } from '../app/auth';
import type { HomeTile } from '../app/module-types';
import { modules } from '../app/modules';
import { get } from '../app/api';
import { ROLE_LABELS } from '../app/labels';
import { EmptyState, PageHeader } from '../ui/components';
import { formatNumber } from '../ui/format';
import s from '../app/Shell.module.css';

function TileCount({ count }: { count: NonNullable<HomeTile['count']> }) {
  const { i18n } = useLingui();
  const q = useQuery({ queryKey: count.queryKey, queryFn: count.queryFn });
  if (q.data === undefined) return null;
  return <p><span className={s.tileCount}>{formatNumber(q.data, i18n.locale)}</span> {i18n._(count.label)}</p>;
}

interface HomeFigure { id: string; count: number; values?: Record<string, number> }

function FigureCount({ figure, label, none, loaded }: { figure: HomeFigure | undefined; label: NonNullable<HomeTile['figure']>['label']; none?: MessageDescriptor; loaded: boolean }) {
  const { i18n } = useLingui();
  if (!figure) return loaded && none ? <p>{i18n._(none)}</p> : null;
  // The tile's own descriptor with the figure's values (a variable: the extractor reads literals only).
  const text: MessageDescriptor = { ...label, values: figure.values };
  return <p><span className={s.tileCount}>{formatNumber(figure.count, i18n.locale)}</span> {i18n._(text)}</p>;
}

/** "What waits for me": one tile per task area the person's roles open, from the registered modules. */
export function HomePage() {
  const ctx = useOrg();
  const { t, i18n } = useLingui();
  const tiles = modules.flatMap((m) => m.homeTiles(ctx));
  // Every module's figures in one request; a tile shows the one with its id.
  const home = useQuery({
    queryKey: ['org', ctx.orgId, 'home'],
    queryFn: () => get<{ figures: HomeFigure[] }>(`/api/orgs/${ctx.orgId}/home`),
    enabled: tiles.some((tile) => tile.figure),
  });
  const name = orgName(ctx.org.names, i18n.locale);
  return (
    <>
      <PageHeader title={t`Home`}>
        <p>
          <Trans>Welcome, {ctx.me.displayName}.</Trans>{' '}
          <Trans>Your roles in {name}:</Trans>{' '}
          {ctx.roles.map((r) => i18n._(ROLE_LABELS[r])).join(', ')}
        </p>
      </PageHeader>
      <h2><Trans>What waits for me</Trans></h2>
      {tiles.length === 0 ? (
        <EmptyState><Trans>There is nothing for you to do here yet.</Trans></EmptyState>
      ) : (
        <ul className={s.tiles}>
          {tiles.map((tile) => (
            <li key={tile.id}>
              <Link to={`/o/${ctx.orgId}${tile.to}`} className={s.tile}>
                <h3>{i18n._(tile.title)}</h3>
                <p>{i18n._(tile.description)}</p>
                {tile.count && <TileCount count={tile.count} />}
                {tile.figure && <FigureCount figure={home.data?.figures.find((f) => f.id === tile.figure!.id)} label={tile.figure.label} none={tile.figure.none} loaded={!!home.data} />}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
