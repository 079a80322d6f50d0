import { useState, type ReactNode } from 'react';
import { Trans } from '@lingui/react/macro';
import { ApiError } from '../app/api';
import { Button, ErrorAlert } from './components';
import s from './ui.module.css';

/**
 * Lost edits (ADR 0011): every form that edits a record keeps the revision it loaded and sends it
 * with the save. When someone else saved in the meantime the server answers 409 with their
 * version; the form keeps what the person typed and this panel shows both side by side, with
 * "keep mine" (save again on top of their version) and "take theirs" (replace the form).
 */

/** The revision a form edits on, and the conflict of its last save, if any. */
export function useRevision(initial: number | undefined) {
  const [revision, setRevision] = useState(initial);
  return { revision, setRevision };
}

/** The other person's version from a failed save, or undefined when the error is something else. */
export function conflictOf<T>(error: unknown): T | undefined {
  return error instanceof ApiError && error.isEditConflict && error.current ? (error.current as T) : undefined;
}

export interface ConflictRow {
  label: ReactNode;
  mine: string;
  theirs: string;
}

export function EditConflictPanel({ error, rows, onKeepMine, onTakeTheirs, pending }: {
  error: ApiError;
  /** The fields whose values differ; empty when the record's fields cannot be compared one by one. */
  rows: ConflictRow[];
  onKeepMine: () => void;
  onTakeTheirs: () => void;
  pending?: boolean;
}) {
  const differing = rows.filter((r) => r.mine !== r.theirs);
  return (
    <div role="alert" className={`${s.alert} ${s.warning}`} aria-labelledby="edit-conflict-title">
      <strong id="edit-conflict-title"><Trans>Someone else changed this in the meantime</Trans></strong>
      <p>{error.message}</p>
      {differing.length > 0 && (
        <div className={s.tableWrap}>
          <table className={s.table}>
            <caption className="visually-hidden"><Trans>Your version and the version saved meanwhile</Trans></caption>
            <thead>
              <tr><th scope="col"><Trans>Field</Trans></th><th scope="col"><Trans>Your version</Trans></th><th scope="col"><Trans>Saved meanwhile</Trans></th></tr>
            </thead>
            <tbody>
              {differing.map((r, i) => (
                <tr key={i}><th scope="row">{r.label}</th><td style={{ whiteSpace: 'pre-wrap' }}>{r.mine || '—'}</td><td style={{ whiteSpace: 'pre-wrap' }}>{r.theirs || '—'}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p><Trans>Your text is still in the form. Keep your version to save it over theirs, or take theirs to continue from it.</Trans></p>
      <div style={{ display: 'flex', gap: '0.5rem', flexWrap: 'wrap' }}>
        <Button onPress={onKeepMine} isDisabled={pending}><Trans>Keep my version</Trans></Button>
        <Button variant="secondary" onPress={onTakeTheirs} isDisabled={pending}><Trans>Take their version</Trans></Button>
      </div>
    </div>
  );
}

/** The revision in a conflict's `current`: a record's own, or a plan tree's plan. */
const revisionIn = (current: unknown): number => {
  const c = current as { revision?: number; plan?: { revision?: number } };
  return c.revision ?? c.plan?.revision ?? 0;
};

/**
 * The error line of a save: the conflict panel on 409 edit_conflict (keep mine saves again on the
 * revision the server named; take theirs is the caller's: usually reload), else the usual alert.
 */
export function SaveError({ error, pending, onKeepMine, onTakeTheirs, rows = [], revisionOf = revisionIn }: {
  error: unknown;
  pending?: boolean;
  onKeepMine: (revision: number) => void;
  onTakeTheirs: () => void;
  rows?: ConflictRow[];
  revisionOf?: (current: unknown) => number;
}) {
  if (error instanceof ApiError && error.isEditConflict && error.current) {
    return <EditConflictPanel error={error} rows={rows} pending={pending} onKeepMine={() => onKeepMine(revisionOf(error.current))} onTakeTheirs={onTakeTheirs} />;
  }
  return <ErrorAlert error={error} />;
}
