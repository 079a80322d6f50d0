/** Messages of the HTTP edge: refused input that no module sees. Ids are stable. */
export const httpMessages = {
  control_characters: /*i18n*/ { id: 'field.control_characters', message: 'This field contains characters that are not allowed (control characters).' },
  multipart_invalid: /*i18n*/ { id: 'error.multipart_invalid', message: 'The upload is incomplete or malformed. Send the file again.' },
};
