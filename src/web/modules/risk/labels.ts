import { msg } from '@lingui/core/macro';
import type { MessageDescriptor } from '@lingui/core';
import type {
  AggravatingFactor, AnalysisStatus, Band, ControlType, Effectiveness, InherentFactor, Movement, ProcessKind, RecommendationStatus,
} from './api';

export const BAND_LABELS: Record<Band, MessageDescriptor> = {
  low: msg`Low risk`,
  medium: msg`Medium risk`,
  high: msg`High risk`,
  very_high: msg`Very high risk`,
};
export const BANDS = Object.keys(BAND_LABELS) as Band[];
/** The vulnerability of a process, on the same four steps. */
export const VULNERABILITY_LABELS: Record<Band, MessageDescriptor> = {
  low: msg`Low`,
  medium: msg`Medium`,
  high: msg`High`,
  very_high: msg`Very high`,
};

export const STATUS_LABELS: Record<AnalysisStatus, MessageDescriptor> = {
  draft: msg`Draft`,
  scoring: msg`Participants scoring`,
  consolidating: msg`Being consolidated`,
  completed: msg`Completed (locked)`,
};

export const KIND_LABELS: Record<ProcessKind, MessageDescriptor> = {
  process: msg`Process`,
  function: msg`Function`,
};

/** Inherent vulnerability: what the process or function has contact with. */
export const INHERENT_LABELS: Record<InherentFactor, MessageDescriptor> = {
  money: msg`Contact with money`,
  goods: msg`Contact with goods`,
  information: msg`Contact with confidential information`,
  power: msg`Power to decide over others`,
  external: msg`Contact with external parties`,
};
export const INHERENT = Object.keys(INHERENT_LABELS) as InherentFactor[];

export const AGGRAVATING_LABELS: Record<AggravatingFactor, MessageDescriptor> = {
  supervision: msg`Little supervision`,
  combined_duties: msg`One person holds several duties`,
  pressure: msg`Pressure of work or targets`,
  rotation: msg`Little rotation`,
};
export const AGGRAVATING = Object.keys(AGGRAVATING_LABELS) as AggravatingFactor[];

/** A factor's weight, 0 to 3. */
export const FACTOR_LABELS: MessageDescriptor[] = [msg`none`, msg`little`, msg`some`, msg`much`];

export const CONTROL_TYPE_LABELS: Record<ControlType, MessageDescriptor> = {
  preventive: msg`Preventive`,
  detective: msg`Detective`,
  reactive: msg`Reactive`,
};
export const CONTROL_TYPES = Object.keys(CONTROL_TYPE_LABELS) as ControlType[];

export const EFFECTIVENESS_LABELS: Record<Effectiveness, MessageDescriptor> = {
  effective: msg`Works well`,
  partly: msg`Works partly`,
  ineffective: msg`Does not work`,
  unknown: msg`Not known`,
};
export const EFFECTIVENESS = Object.keys(EFFECTIVENESS_LABELS) as Effectiveness[];

export const REC_STATUS_LABELS: Record<RecommendationStatus, MessageDescriptor> = {
  open: msg`To do`,
  in_progress: msg`In progress`,
  done: msg`Carried out`,
  dropped: msg`Dropped`,
};
export const REC_STATUSES = Object.keys(REC_STATUS_LABELS) as RecommendationStatus[];

export const MOVEMENT_LABELS: Record<Movement, MessageDescriptor> = {
  up: msg`Higher risk`,
  down: msg`Lower risk`,
  same: msg`Risk unchanged`,
  new: msg`New in the later analysis`,
  removed: msg`Not in the later analysis`,
};
export const MOVEMENTS = Object.keys(MOVEMENT_LABELS) as Movement[];
/** A symbol beside the word (never instead of it). */
export const MOVEMENT_SYMBOLS: Record<Movement, string> = { up: '▲', down: '▼', same: '=', new: '+', removed: '−' };

/** The six steps of the method (Schoten's policy plan, 2.1). */
export const STEP_LABELS: MessageDescriptor[] = [
  msg`Preparation: team and scope`,
  msg`Critical processes and functions`,
  msg`Ethical dilemmas`,
  msg`Stakeholders and scores`,
  msg`Existing controls`,
  msg`Recommendations`,
];

/** A catalogue text in the reader's language (the catalogue holds all four). */
export { inLocale } from '../../app/localized';
