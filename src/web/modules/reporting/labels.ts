import { msg } from '@lingui/core/macro';
import type { MessageDescriptor } from '@lingui/core';
import type { IdentityMode, Outcome, QuestionKind, ReportStatus } from './types';

export const STATUSES: ReportStatus[] = ['received', 'acknowledged', 'in_progress', 'closed'];

export const STATUS_LABELS: Record<ReportStatus, MessageDescriptor> = {
  received: msg`Received`,
  acknowledged: msg`Receipt confirmed`,
  in_progress: msg`Being handled`,
  closed: msg`Closed`,
};

/** The status in the reporter's words, on the follow-up page. */
export const STATUS_EXPLAINED: Record<ReportStatus, MessageDescriptor> = {
  received: msg`Your report has arrived. The recipient has not confirmed receipt yet.`,
  acknowledged: msg`The recipient has confirmed receipt of your report and is assessing it.`,
  in_progress: msg`Your report is being handled.`,
  closed: msg`The handling of your report is finished.`,
};

export const CATEGORY_LABELS: Record<string, MessageDescriptor> = {
  corruption: msg`Corruption or bribery`,
  abuse_of_power: msg`Abuse of power`,
  fraud: msg`Fraud`,
  conflict_of_interest: msg`Conflict of interest`,
  harassment_discrimination: msg`Harassment or discrimination`,
  information_breach: msg`Breach of confidentiality or misuse of information`,
  misuse_of_resources: msg`Misuse of resources or equipment`,
  other: msg`Something else`,
};

export const IDENTITY_LABELS: Record<IdentityMode, MessageDescriptor> = {
  named: msg`With your name`,
  confidential: msg`Confidential`,
  anonymous: msg`Anonymous`,
};

/** The same modes as a recipient reads them on a report. */
export const IDENTITY_RECIPIENT_LABELS: Record<IdentityMode, MessageDescriptor> = {
  named: msg`Named`,
  confidential: msg`Confidential`,
  anonymous: msg`Anonymous`,
};

export const IDENTITY_EXPLAINED: Record<IdentityMode, MessageDescriptor> = {
  named: msg`You give your name. The recipients of the report know who you are and may tell the people handling the case that you made the report. The law protects you against reprisals.`,
  confidential: msg`You give your name, but only the recipients of the report know it. They do not pass it on to anyone without your explicit consent, except where a court requires it. The law protects you against reprisals.`,
  anonymous: msg`You do not give your name. Nobody, not even the recipients, can find out who you are from this page. You follow up your report with your receipt code. Anonymous reports can be harder to investigate, and protection is only possible if you later make yourself known.`,
};

export const OUTCOME_LABELS: Record<Outcome, MessageDescriptor> = {
  unfounded: msg`Unfounded`,
  founded_measures: msg`Founded, measures taken`,
  forwarded_comite_p: msg`Forwarded to Comité P`,
  forwarded_judicial: msg`Forwarded to the judicial authorities`,
  forwarded_disciplinary: msg`Forwarded to the disciplinary authority`,
  inadmissible: msg`Inadmissible`,
  withdrawn: msg`Withdrawn`,
  other: msg`Other outcome`,
};

export const OUTCOMES = Object.keys(OUTCOME_LABELS) as Outcome[];

export const KIND_LABELS: Record<QuestionKind, MessageDescriptor> = {
  text: msg`Short text`,
  longtext: msg`Long text`,
  date: msg`Date`,
  choice: msg`Choice`,
};

/** File limits and type names are shared with other modules (ui/FilePicker). */
export { DEFAULT_FILE_LIMITS, EXTENSIONS, FILE_TYPE_NAMES } from '../../ui/FilePicker';

/** Steps in the history of a report (the server's event kinds). */
export const HISTORY_LABELS: Record<string, MessageDescriptor> = {
  received: msg`Report received`,
  acknowledged: msg`Receipt confirmed`,
  admissibility: msg`Admissibility assessed`,
  investigator: msg`Investigator appointed`,
  feedback: msg`Feedback given`,
  closed: msg`Report closed`,
  redacted: msg`Personal data masked`,
  redaction_original_deleted: msg`Original of a masked text deleted for good`,
  legal_hold: msg`Legal hold set or lifted`,
  advice_asked: msg`Advice asked of the core group`,
  advice_given: msg`Advice given`,
  advice_withdrawn: msg`Request for advice withdrawn`,
  protective_measure: msg`Protective measure recorded`,
  reprisal_reported: msg`Reprisal reported by the reporter`,
};
