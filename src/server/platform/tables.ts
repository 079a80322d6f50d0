import * as audit from './audit/schema.js';
import * as auth from './auth/schema.js';
import * as throttle from './auth/throttle-schema.js';
import * as recordAccess from './authz/record-access-schema.js';
import * as crypto from './crypto/schema.js';
import * as deadlines from './deadlines/schema.js';
import * as files from './files/schema.js';
import * as mail from './mail/schema.js';
import * as tenancy from './tenancy/schema.js';
import * as vault from './vault/schema.js';
import { tablesOf } from './module.js';

/**
 * The tables the platform itself owns. With the modules' `tables` they must name every table of
 * the database that has an `organisation_id` (checked by src/server/tenant-isolation.test.ts),
 * so no tenant table exists that nobody answers for.
 */
export const PLATFORM_TABLES: readonly string[] = [audit, auth, throttle, recordAccess, crypto, deadlines, files, mail, tenancy, vault].flatMap((s) => tablesOf(s));
