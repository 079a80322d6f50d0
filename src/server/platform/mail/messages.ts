/** Texts of the mail service itself (not of a template). */
export const mailPlatformMessages = {
  personalLinkPlaceholder: /*i18n*/ {
    id: 'mail.personal_link_placeholder',
    message: '[personal link: made when the mail is sent, and sent to the recipient only]',
  },
};
