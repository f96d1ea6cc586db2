import { getTableName, is, sql } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.js';
import * as schema from '../db/schema.js';

/** Every table the Drizzle schema declares, by its SQL name (a table added to the schema is covered at once). */
const tableNames: string[] = [
  ...new Set(
    Object.values(schema as Record<string, unknown>)
      .filter((value): value is PgTable => is(value, PgTable))
      .map((table) => getTableName(table)),
  ),
].sort();

/** The rows of every table of the schema, each row as its text form, keyed by table name. */
export type DatabaseSnapshot = Record<string, string[]>;

/**
 * Reads every row of every table of the schema, ordered by the row's text (all columns), so that two
 * snapshots compare equal exactly when no row was added, removed or changed. Tests take one before
 * and one after a refused write to prove it changed nothing, and read `.length` of a table to count.
 */
export async function databaseSnapshot(db: Db): Promise<DatabaseSnapshot> {
  const snapshot: DatabaseSnapshot = {};
  for (const name of tableNames) {
    const { rows } = await db.execute<{ row: string }>(
      sql`select t::text as row from ${sql.identifier(name)} t order by t::text collate "C"`,
    );
    snapshot[name] = rows.map((r) => r.row);
  }
  return snapshot;
}
