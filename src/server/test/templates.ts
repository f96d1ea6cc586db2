import pg from 'pg';
import { runMigrations } from '../db/migrate.js';

/** Replaces the database name of a PostgreSQL URL. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates `name`, migrates it, and makes it a template nobody may connect to: any open connection
 * would make every `CREATE DATABASE … TEMPLATE` wait 5 s and fail with 55006.
 */
export async function createTemplate(adminUrl: string, name: string): Promise<void> {
  await withClient(adminUrl, (c) => c.query(`create database "${name}"`));
  await runMigrations(withDatabase(adminUrl, name)); // closes its own connection
  await withClient(adminUrl, async (c) => {
    await c.query(`alter database "${name}" with allow_connections false`);
    await c.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [name]);
  });
}

/** Drops every database whose name starts with `prefix` (clones and the template of one run). */
export async function dropDatabases(adminUrl: string, prefix: string): Promise<number> {
  return withClient(adminUrl, async (c) => {
    const found = await c.query<{ datname: string }>('select datname from pg_database where starts_with(datname, $1)', [prefix]);
    for (const { datname } of found.rows) await c.query(`drop database if exists "${datname}" with (force)`);
    return found.rows.length;
  });
}
