/**
 * The platform's own deadline mails, for kinds that bring none: they say that something waits and
 * when, with a link, and nothing of the record (the title of a report or a complaint is itself
 * confidential). A kind that may say more registers its own templates.
 */
export const deadlineMails = {
  reminderSubject: /*i18n*/ { id: 'mail.deadline_reminder.subject', message: 'Kompas: a deadline on {dueDate}' },
  reminderBody: /*i18n*/ {
    id: 'mail.deadline_reminder.body',
    message: 'Hello,\n\nSomething in Kompas waits for you, with a deadline on {dueDate}.\n\nOpen it in Kompas (after signing in): {link}\n\nThis mail says no more on purpose. This is an automatic message.',
  },
  dueSubject: /*i18n*/ { id: 'mail.deadline_due.subject', message: 'Kompas: a deadline today ({dueDate})' },
  dueBody: /*i18n*/ {
    id: 'mail.deadline_due.body',
    message: 'Hello,\n\nSomething in Kompas waits for you, and its deadline is today, {dueDate}.\n\nOpen it in Kompas (after signing in): {link}\n\nThis mail says no more on purpose. This is an automatic message.',
  },
  escalationSubject: /*i18n*/ { id: 'mail.deadline_escalation.subject', message: 'Kompas: a deadline passed on {dueDate}' },
  escalationBody: /*i18n*/ {
    id: 'mail.deadline_escalation.body',
    message: 'Hello,\n\nA deadline that you oversee passed on {dueDate}, and the matter is not completed yet.\n\nOpen it in Kompas (after signing in): {link}\n\nThis mail says no more on purpose. This is an automatic message.',
  },
};
