/**
 * Queries of the plan module. Every query of a tenant row filters on organisation_id, lookups
 * by id included, so an id of another organisation is simply not found.
 */

export { effectiveStatus, iso, naturalSortKey, ownerAccount, pgArray, type OwnerPersonColumns } from './repo/shared.js';
export * from './repo/plans.js';
export * from './repo/objectives.js';
export * from './repo/indicators.js';
export * from './repo/actions.js';
export * from './repo/evidence.js';
export * from './repo/people.js';
export * from './repo/versions.js';
export * from './repo/evaluations.js';
export * from './repo/workflow.js';
