/**
 * Server-side texts of the dilemma inventory: errors, record name, the labels of its CSV export.
 * Translations: locales/translations/risk-dilemmas.json.
 */
export const dilemmaErrors = {
  risk_dilemma_process_unknown: /*i18n*/ { id: 'error.risk_dilemma_process_unknown', message: 'Choose a process from the list, or none.' },
};

export const dilemmaValidation = {
  theme_duplicate: /*i18n*/ { id: 'risk.dilemma_theme_duplicate', message: 'Each theme may be chosen only once.' },
};

export const dilemmaRecordNames = {
  risk_dilemma: /*i18n*/ { id: 'record.risk_dilemma', message: 'ethical dilemma' },
};

export const dilemmaThemeLabels = {
  confidential_information: /*i18n*/ { id: 'risk.dilemma.theme.confidential_information', message: 'Confidential information' },
  gifts_and_favours: /*i18n*/ { id: 'risk.dilemma.theme.gifts_and_favours', message: 'Gifts and favours' },
  rules_and_acquaintances: /*i18n*/ { id: 'risk.dilemma.theme.rules_and_acquaintances', message: 'Enforcing rules on acquaintances' },
  loyalty_to_colleagues: /*i18n*/ { id: 'risk.dilemma.theme.loyalty_to_colleagues', message: 'Loyalty to colleagues' },
  use_of_force: /*i18n*/ { id: 'risk.dilemma.theme.use_of_force', message: 'Use of force' },
  private_life_and_social_media: /*i18n*/ { id: 'risk.dilemma.theme.private_life_and_social_media', message: 'Private life and social media' },
  conflicts_of_interest: /*i18n*/ { id: 'risk.dilemma.theme.conflicts_of_interest', message: 'Conflicts of interest' },
  use_of_resources: /*i18n*/ { id: 'risk.dilemma.theme.use_of_resources', message: 'Use of resources' },
  other: /*i18n*/ { id: 'risk.dilemma.theme.other', message: 'Other' },
};

export const dilemmaStatusLabels = {
  new: /*i18n*/ { id: 'risk.dilemma.status.new', message: 'New' },
  reviewed: /*i18n*/ { id: 'risk.dilemma.status.reviewed', message: 'Reviewed' },
  used_in_training: /*i18n*/ { id: 'risk.dilemma.status.used_in_training', message: 'Used in training' },
  set_aside: /*i18n*/ { id: 'risk.dilemma.status.set_aside', message: 'Set aside' },
};

export const dilemmaCsvLabels = {
  submittedOn: /*i18n*/ { id: 'risk.dilemma.csv.submitted_on', message: 'Submitted on' },
  author: /*i18n*/ { id: 'risk.dilemma.csv.author', message: 'Submitted by' },
  anonymous: /*i18n*/ { id: 'risk.dilemma.csv.anonymous', message: 'Anonymous' },
  dilemma: /*i18n*/ { id: 'risk.dilemma.csv.dilemma', message: 'Dilemma' },
  whatIDid: /*i18n*/ { id: 'risk.dilemma.csv.what_i_did', message: 'What I did' },
  whatWouldHelp: /*i18n*/ { id: 'risk.dilemma.csv.what_would_help', message: 'What would have helped' },
  process: /*i18n*/ { id: 'risk.dilemma.csv.process', message: 'Process' },
  themes: /*i18n*/ { id: 'risk.dilemma.csv.themes', message: 'Themes' },
  status: /*i18n*/ { id: 'risk.dilemma.csv.status', message: 'Status' },
  officerNote: /*i18n*/ { id: 'risk.dilemma.csv.officer_note', message: 'Note of the integrity officer' },
  filename: /*i18n*/ { id: 'risk.dilemma.csv.filename', message: 'dilemmas' },
};
