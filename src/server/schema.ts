// Every table of the application, for drizzle-kit and typed queries.
export * from './platform/auth/schema.js';
export * from './platform/auth/throttle-schema.js';
export * from './platform/mail/schema.js';
export * from './platform/crypto/schema.js';
export * from './modules/organisations/schema.js';
export * from './modules/people/schema.js';
export * from './modules/roles/schema.js';
export * from './platform/authz/record-access-schema.js';
export * from './platform/files/schema.js';
export * from './platform/deadlines/schema.js';
export * from './modules/plan/schema.js';
export * from './platform/vault/schema.js';
export * from './modules/reporting/schema.js';
export * from './modules/complaints/schema.js';
export * from './modules/complaints/stats-schema.js';
export * from './modules/maturity/schema.js';
export * from './modules/maturity/oversight-schema.js';
