import { sql } from 'drizzle-orm';
import { defaultTimeZone } from '../../domain/limits.js';
import type { Db, Tx } from '../db/client.js';
import { settings } from '../db/schema.js';

/** The organisation's time zone: its calendar months are the periods figures are published for. */
export async function organisationTimeZone(db: Db | Tx): Promise<string> {
  const { rows } = await db.execute<{ value: string }>(sql`select ${organisationTimeZoneSql} as value`);
  return rows[0]?.value ?? defaultTimeZone;
}

/** SQL: the organisation's time zone as a scalar sub-select, for a read that needs it beside other rows. */
export const organisationTimeZoneSql = sql<string>`coalesce((select ${settings.value} from ${settings} where ${settings.key} = 'timeZone'), ${defaultTimeZone})`;
