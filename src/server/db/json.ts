import { sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

/** A table with a person's columns: `employees` or an alias of it. */
type People = Record<'id' | 'familyName' | 'givenName' | 'title', AnyPgColumn>;

/** The columns of a `PersonRef` (id, names, title) of `employees` or an alias of it, for a select. */
export const personColumns = <T extends People>(t: T): Pick<T, keyof People> => ({ id: t.id, familyName: t.familyName, givenName: t.givenName, title: t.title });

/** SQL: a `PersonRef` of `employees` or an alias of it as a JSON object, for a JSON sub-select. */
export const personJson = (t: People) => sql`json_build_object('id', ${t.id}, 'familyName', ${t.familyName}, 'givenName', ${t.givenName}, 'title', ${t.title})`;

/** SQL: a timestamp as whole epoch milliseconds (truncated, as the driver reads a timestamptz), for a JSON sub-select. */
export const epochMs = (column: AnyPgColumn) => sql`floor(extract(epoch from ${column}) * 1000)::bigint`;
