/** Messages of the file service: why an upload was refused. Ids are stable (`error.<code>`). */
export const fileMessages = {
  file_empty: /*i18n*/ { id: 'error.file_empty', message: 'The file is empty.' },
  file_too_large: /*i18n*/ { id: 'error.file_too_large', message: 'The file is larger than {maxMb} MB, the most accepted here.' },
  file_type: /*i18n*/ { id: 'error.file_type', message: 'Files of this type are not accepted here. Accepted: {allowed}.' },
  file_content: /*i18n*/ { id: 'error.file_content', message: 'The content of this file is not that of a {ext} file. Check the file and send it again.' },
  file_metadata_kept: /*i18n*/ {
    id: 'error.file_metadata_kept',
    message: 'The author, software and dates in this file cannot be removed with certainty (it is protected, damaged or of an unusual make), so it is not sent: they could identify you. Save or print it again as PDF, or copy its text into your message.',
  },
  file_unreadable: /*i18n*/ { id: 'error.file_unreadable', message: 'This file cannot be read: it is damaged or incomplete. Check the file and send it again.' },
};
