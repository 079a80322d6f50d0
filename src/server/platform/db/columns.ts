import { customType } from 'drizzle-orm/pg-core';

/** A PostgreSQL bytea column read and written as a Buffer (sealed text, keys, file bytes). */
export const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });
