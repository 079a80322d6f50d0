import { msg } from '@lingui/core/macro';
import type { MessageDescriptor } from '@lingui/core';
import type { ImfFunction, MeasurementKind, MeasurementStatus, Pillar } from './api';

export const KIND_LABELS: Record<MeasurementKind, MessageDescriptor> = {
  baseline: msg`Baseline measurement`,
  yearly: msg`Yearly measurement`,
  final: msg`Final measurement`,
};
/** Under a year on a chart's axis. */
export const KIND_SHORT: Record<MeasurementKind, MessageDescriptor> = {
  baseline: msg`baseline`,
  yearly: msg`yearly`,
  final: msg`final`,
};
export const KINDS = Object.keys(KIND_LABELS) as MeasurementKind[];

export const STATUS_LABELS: Record<MeasurementStatus, MessageDescriptor> = {
  scoring: msg`Assessors scoring`,
  consolidating: msg`Being consolidated`,
  submitted: msg`Awaiting approval`,
  approved: msg`Approved (locked)`,
};

export const PILLAR_LABELS: Record<Pillar, MessageDescriptor> = {
  instruments: msg`Instruments`,
  processes: msg`Processes`,
  structures: msg`Structures`,
};
export const PILLARS = Object.keys(PILLAR_LABELS) as Pillar[];

export const FUNCTION_LABELS: Record<ImfFunction, MessageDescriptor> = {
  define: msg`Define integrity`,
  guide: msg`Guide towards integrity`,
  monitor: msg`Monitor integrity`,
  enforce: msg`Enforce integrity`,
};
export const FUNCTIONS = Object.keys(FUNCTION_LABELS) as ImfFunction[];

/** Levels 0–4 (the OECD public-integrity maturity model), in the order of a criterion's descriptors. */
export const LEVEL_LABELS: MessageDescriptor[] = [
  msg`Absent`,
  msg`Initial`,
  msg`Developing`,
  msg`Established`,
  msg`Leading`,
];

export const MOVED_LABELS: Record<'up' | 'same' | 'down', MessageDescriptor> = {
  up: msg`higher than the previous measurement`,
  same: msg`same as the previous measurement`,
  down: msg`lower than the previous measurement`,
};

/** A framework text in the reader's language (the framework holds all four). */
export { inLocale } from '../../app/localized';
