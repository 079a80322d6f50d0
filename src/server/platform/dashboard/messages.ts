/** The dashboard's own texts (the tiles' texts are their modules'). Translations: locales/translations/dashboard.json. */
export const dashboardMessages = {
  title: /*i18n*/ { id: 'dashboard.title', message: 'Integrity dashboard' },
  asOf: /*i18n*/ { id: 'dashboard.as_of', message: 'Figures as they stand on {date}.' },
  value: /*i18n*/ { id: 'dashboard.value', message: 'Value' },
  none: /*i18n*/ { id: 'dashboard.none', message: 'There are no figures for you on this dashboard.' },
  generated: /*i18n*/ { id: 'dashboard.generated', message: 'Generated on {date}' },
};

export const dashboardRecordNames = {
  dashboard: /*i18n*/ { id: 'record.dashboard', message: 'dashboard' },
};
