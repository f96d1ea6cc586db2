import { eq } from 'drizzle-orm';
import { defaultTimeZone } from '../../domain/limits.js';
import type { Db, Tx } from '../db/client.js';
import { settings } from '../db/schema.js';

/** The organisation's time zone: its calendar months are the periods figures are published for. */
export async function organisationTimeZone(db: Db | Tx): Promise<string> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, 'timeZone'));
  return row?.value ?? defaultTimeZone;
}
