import { msg } from '@lingui/core/macro';
import type { MessageDescriptor } from '@lingui/core';
import type { Channel, ComplaintStatus, Decision, EntryKind } from './types';

export const STATUS_LABELS: Record<ComplaintStatus, MessageDescriptor> = {
  received: msg`Received`,
  acknowledged: msg`Acknowledged`,
  triaged: msg`Being handled`,
  answered: msg`Answered`,
  closed: msg`Closed`,
  inadmissible: msg`Inadmissible`,
  forwarded: msg`Forwarded`,
};
export const STATUSES = Object.keys(STATUS_LABELS) as ComplaintStatus[];

/** The status in the complainant's words, on the status page. */
export const STATUS_EXPLAINED: Record<ComplaintStatus, MessageDescriptor> = {
  received: msg`Your complaint has arrived. The organisation has not confirmed receipt yet.`,
  acknowledged: msg`The organisation has confirmed receipt of your complaint and is assessing it.`,
  triaged: msg`Your complaint is being examined by the person in charge of it.`,
  answered: msg`The organisation has answered your complaint. You can read the answer below.`,
  closed: msg`The handling of your complaint is finished.`,
  inadmissible: msg`Your complaint cannot be handled as a complaint by this organisation. The answer below, if any, says why.`,
  forwarded: msg`Your complaint was sent on to the authority that must handle it.`,
};

export const CHANNEL_LABELS: Record<Channel, MessageDescriptor> = {
  online: msg`Online form`,
  phone: msg`Telephone`,
  letter: msg`Letter`,
  email: msg`E-mail`,
  desk: msg`At the desk`,
  forwarded: msg`Forwarded by another authority`,
};

export const FORWARDING_SOURCE_LABELS: Record<string, MessageDescriptor> = {
  comite_p: msg`Comité P`,
  aig: msg`General Inspectorate (AIG)`,
  mayor: msg`The mayor`,
  prosecutor: msg`The public prosecutor`,
  other: msg`Another authority`,
};

export const FORWARD_TARGET_LABELS: Record<string, MessageDescriptor> = {
  comite_p: msg`Comité P`,
  judicial: msg`The judicial authorities`,
  disciplinary: msg`The disciplinary authority`,
  other: msg`Another authority`,
};

export const SERIOUSNESS_LABELS: Record<string, MessageDescriptor> = {
  low: msg`Low`,
  medium: msg`Medium`,
  high: msg`High`,
};

export const DECISION_LABELS: Record<Decision, MessageDescriptor> = {
  well_founded: msg`Well-founded`,
  unfounded: msg`Unfounded`,
  partly_founded: msg`Partly well-founded`,
  undetermined: msg`Cannot be determined`,
  mediation: msg`Settled by mediation`,
};
export const DECISIONS = Object.keys(DECISION_LABELS) as Decision[];

export const ENTRY_LABELS: Record<EntryKind, MessageDescriptor> = {
  note: msg`Investigation note`,
  hearing: msg`Hearing record`,
  measure: msg`Measures taken`,
  lesson: msg`Lessons learned`,
};

export const DEADLINE_LABELS: Record<string, MessageDescriptor> = {
  acknowledge: msg`Acknowledge`,
  triage: msg`Triage`,
  resolve: msg`Answer`,
};

/** The default themes' names, used when the organisation's list gives no text in the reader's language. */
export const THEME_LABELS: Record<string, MessageDescriptor> = {
  behaviour: msg`Behaviour`,
  use_of_force: msg`Use of force`,
  failure_to_act: msg`Failure to act`,
  arrest: msg`Arrest`,
  traffic: msg`Traffic`,
  privacy: msg`Privacy`,
  discrimination: msg`Discrimination`,
  handling_of_complaint: msg`Handling of a complaint`,
  other: msg`Other`,
};

/** Steps in the history of a complaint (the server's event kinds). */
export const HISTORY_LABELS: Record<string, MessageDescriptor> = {
  received: msg`Complaint received`,
  filed: msg`Complaint received`,
  registered: msg`Complaint registered`,
  acknowledged: msg`Receipt acknowledged`,
  triaged: msg`Triaged`,
  inadmissible: msg`Found inadmissible`,
  assigned: msg`Handler assigned`,
  handler: msg`Handler assigned`,
  reassigned: msg`Handler changed`,
  forwarded: msg`Forwarded`,
  note: msg`Investigation note added`,
  hearing: msg`Hearing record added`,
  entry: msg`Note added`,
  document: msg`Documents added`,
  documents: msg`Documents added`,
  answered: msg`Answer sent`,
  decided: msg`Decision taken`,
  closed: msg`Closed`,
  settings: msg`Settings changed`,
};
