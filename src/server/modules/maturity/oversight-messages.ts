/**
 * Server-side texts of the maturity module's cross-organisation view: record names and the names of
 * the peer groups (for the web and exports). Translations: locales/translations/maturity-oversight.json.
 */
export const oversightRecordNames = {
  maturity_oversight_consent: /*i18n*/ { id: 'record.maturity_oversight_consent', message: 'consent to be named to oversight bodies' },
};

export const peerGroupLabels = {
  zone_lt150: /*i18n*/ { id: 'maturity.peer.zone_lt150', message: 'Police zones with fewer than 150 staff' },
  zone_150_299: /*i18n*/ { id: 'maturity.peer.zone_150_299', message: 'Police zones with 150 to 299 staff' },
  zone_300_599: /*i18n*/ { id: 'maturity.peer.zone_300_599', message: 'Police zones with 300 to 599 staff' },
  zone_600_plus: /*i18n*/ { id: 'maturity.peer.zone_600_plus', message: 'Police zones with 600 staff or more' },
  federal_directorate: /*i18n*/ { id: 'maturity.peer.federal_directorate', message: 'Federal directorates' },
  federal_unit: /*i18n*/ { id: 'maturity.peer.federal_unit', message: 'Federal units' },
  too_small: /*i18n*/ { id: 'maturity.peer.too_small', message: 'Fewer than {min} organisations: no figure is shown for this group.' },
};
