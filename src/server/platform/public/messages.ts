/** Messages of the public route family (decision 0013). Ids are stable. */
export const publicMessages = {
  public_org_not_found: /*i18n*/ { id: 'error.public_org_not_found', message: 'There is no organisation with this code.' },
  public_origin_refused: /*i18n*/ { id: 'error.public_origin_refused', message: 'This request did not come from this site\'s own page. Open the page again and retry.' },
};
