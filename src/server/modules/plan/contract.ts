/**
 * Requests and responses of the integrity policy plan (AIG model, 7 sections). The web app
 * imports these schemas and types; every string and array is bounded.
 */

export * from './contract/enums.js';
export * from './contract/requests.js';
export * from './contract/responses.js';
export * from './contract/workflow.js';
