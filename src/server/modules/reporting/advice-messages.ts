/**
 * Server-side texts of core-group advice and of the protection against reprisals: errors and mails.
 * Translations: locales/translations/reporting-advice.json. Mails say that something waits, with a
 * link, and nothing of the report.
 */
import { registerMailTemplate } from '../../platform/mail/index.js';

export const adviceErrors = {
  reporting_adviser_role: /*i18n*/ { id: 'error.reporting_adviser_role', message: 'Only a member of the core group of this organisation can be asked for advice.' },
  reporting_adviser_no_key: /*i18n*/ { id: 'error.reporting_adviser_no_key', message: 'This member has no personal key yet: ask them to sign in once with their password, then ask again.' },
  reporting_adviser_excluded: /*i18n*/ { id: 'error.reporting_adviser_excluded', message: 'The reporter excluded this person from the report: they cannot be asked for advice.' },
  reporting_adviser_has_access: /*i18n*/ { id: 'error.reporting_adviser_has_access', message: 'This person already takes part in the report and can read it.' },
  reporting_adviser_pending: /*i18n*/ { id: 'error.reporting_adviser_pending', message: 'This member has not answered an earlier request for advice on this report yet.' },
  reporting_advice_until: /*i18n*/ { id: 'error.reporting_advice_until', message: 'The end date must lie between today and {max} days from now.' },
  reporting_advice_closed: /*i18n*/ { id: 'error.reporting_advice_closed', message: 'This request for advice was withdrawn or has already been answered.' },
  reporting_measure_future: /*i18n*/ { id: 'error.reporting_measure_future', message: 'A measure that was taken cannot be dated in the future.' },
  reporting_reprisal_description: /*i18n*/ { id: 'error.reporting_reprisal_description', message: 'Describe what happened to you.' },
  reporting_reprisal_not_due: /*i18n*/ { id: 'error.reporting_reprisal_not_due', message: 'This question is not open (any more). Reload the page.' },
  reporting_reprisal_handled: /*i18n*/ { id: 'error.reporting_reprisal_handled', message: 'This reprisal was already dealt with.' },
};

export const adviceRecordNames = {
  advice_request: /*i18n*/ { id: 'record.advice_request', message: 'request for advice' },
  reprisal: /*i18n*/ { id: 'record.reprisal', message: 'reported reprisal' },
};

export const adviceMails = {
  askedSubject: /*i18n*/ { id: 'mail.reporting_advice_asked.subject', message: 'Kompas: your advice is asked' },
  askedBody: /*i18n*/ {
    id: 'mail.reporting_advice_asked.body',
    message: 'Hello,\n\nAs a member of the core group, your advice is asked in Kompas, until {until}.\n\nOpen it in Kompas (after signing in): {link}\n\nThis mail says no more on purpose. This is an automatic message.',
  },
  givenSubject: /*i18n*/ { id: 'mail.reporting_advice_given.subject', message: 'Kompas: an advice was given' },
  givenBody: /*i18n*/ {
    id: 'mail.reporting_advice_given.body',
    message: 'Hello,\n\nA member of the core group gave the advice you asked for in Kompas.\n\nOpen it in Kompas (after signing in): {link}\n\nThis mail says no more on purpose. This is an automatic message.',
  },
};

export const ADVICE_ASKED_MAIL = 'reporting.advice_asked';
export const ADVICE_GIVEN_MAIL = 'reporting.advice_given';
registerMailTemplate(ADVICE_ASKED_MAIL, { subject: adviceMails.askedSubject, body: adviceMails.askedBody });
registerMailTemplate(ADVICE_GIVEN_MAIL, { subject: adviceMails.givenSubject, body: adviceMails.givenBody });
