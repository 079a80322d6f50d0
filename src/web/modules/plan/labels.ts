import { msg } from '@lingui/core/macro';
import type { MessageDescriptor } from '@lingui/core';
import { imfLabels, planStatusLabels, sectionHeadings, statusLabels } from '../../../server/modules/plan/messages';
import type { ActionStatus, ImfFunction, PlanStatus, TemplateKey } from './api';

/*
 * The statuses, IMF terms and the seven section headings are the same catalog entries the
 * Word/PDF exports use, so screen and document always say the same thing.
 */
export const ACTION_STATUS_LABELS: Record<ActionStatus, MessageDescriptor> = statusLabels;
export const PLAN_STATUS_LABELS: Record<PlanStatus, MessageDescriptor> = planStatusLabels;
export const IMF_LABELS = imfLabels;
export const SECTION_HEADINGS = sectionHeadings;
export const IMF_FUNCTIONS: ImfFunction[] = ['define', 'guide', 'monitor', 'enforce'];

export const TEMPLATE_LABELS: Record<TemplateKey, MessageDescriptor> = {
  empty: msg`Empty plan`,
  model: msg`Model plan of the police inspectorate (AIG)`,
  federal: msg`Federal police (SD 1–9)`,
  elsene: msg`Brussels-Capital Elsene (SD 1–7)`,
  schoten: msg`Schoten (structured along the IMF)`,
  carma: msg`CARMA (SD 1–7)`,
};

export const TEMPLATE_DESCRIPTIONS: Record<TemplateKey, MessageDescriptor> = {
  empty: msg`Start from the seven empty sections of the AIG model.`,
  model: msg`The structure and guiding texts of the AIG model plan.`,
  federal: msg`The integrity policy plan of the federal police.`,
  elsene: msg`The plan of the police zone Brussels-Capital Elsene, with its nine values.`,
  schoten: msg`The plan of the police zone Schoten, with its 16 priority processes.`,
  carma: msg`The plan of the police zone CARMA, with objectives owned by actors and 10 priority themes.`,
};

/** Fields named in the comparison of two versions. */
export const FIELD_LABELS: Record<string, MessageDescriptor> = {
  title: msg`Title`,
  code: msg`Code`,
  description: msg`Description`,
  periodFrom: msg`From (year)`,
  periodTo: msg`To (year)`,
  language: msg`Language`,
  ownerLabel: msg`Owner (label)`,
  ownerUserId: msg`Owner (person)`,
  ownerUnitId: msg`Owner (unit)`,
  coActors: msg`Co-actors`,
  startDate: msg`Start`,
  dueDate: msg`Due`,
  timingLabel: msg`Timing`,
  storedStatus: msg`Status`,
  status: msg`Status`,
  progress: msg`Progress`,
  imfFunction: msg`IMF function`,
  imfLayer: msg`IMF layer`,
  nature: msg`Nature`,
  meansTime: msg`Time`,
  meansBudgetEur: msg`Budget (€)`,
  meansPeople: msg`People`,
  meansNote: msg`Other means`,
  parentCode: msg`Strategic objective`,
  objectiveId: msg`Objective`,
  objectiveCode: msg`Objective`,
  sharedWithOversight: msg`Shared with oversight`,
};

export const SECTION_FIELD_LABELS: Record<string, MessageDescriptor> = {
  identification: msg`Identification`,
  ambition: msg`Ambition and vision`,
  values: msg`Values`,
  needs: msg`Needs`,
  vulnerableProcesses: msg`Vulnerable processes and functions`,
  priorityThemes: msg`Priority themes`,
  actors: msg`Actors`,
  monitoring: msg`Monitoring`,
  evaluationPlanning: msg`Evaluation planning`,
  communication: msg`Communication`,
};
