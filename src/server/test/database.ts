import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { connect, type Database } from '../db/client.js';
import { noDatabase } from './provided.js';
import { withDatabase } from './templates.js';

/** Clones the run's migrated template into a new database and returns its URL (~15 ms). */
export async function cloneDatabase(): Promise<string> {
  const adminUrl = inject('taiwaAdminUrl');
  const name = `${inject('taiwaDbPrefix')}${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`create database "${name}" template "${inject('taiwaTemplate')}" strategy file_copy`);
  } finally {
    await client.end();
  }
  return withDatabase(adminUrl, name);
}

/** A handle whose database exists from `beforeAll` on. */
export interface TestDatabase extends Database {
  url: string;
}

/**
 * This test file's own database, cloned from the template in `beforeAll` and closed in
 * `afterAll` (the run's teardown drops it). Read the handle's fields inside hooks and tests only.
 */
export function testDatabase(): TestDatabase {
  let database: (Database & { url: string }) | null = null;
  const current = () => {
    if (!database) throw new Error('testDatabase() is used before its beforeAll ran (or the project has no database)');
    return database;
  };
  beforeAll(async () => {
    if (noDatabase) return;
    const url = await cloneDatabase();
    database = { ...connect(url, 5), url };
  });
  afterAll(async () => {
    await database?.close();
  });
  return {
    get url() {
      return current().url;
    },
    get db() {
      return current().db;
    },
    get pool() {
      return current().pool;
    },
    close: () => current().close(),
  };
}

/** Counts the SQL statements sent through `pool` while `fn` runs (transactions included). */
export async function countQueries<T>(pool: pg.Pool, fn: () => Promise<T>): Promise<{ result: T; queries: string[] }> {
  const queries: string[] = [];
  const originalQuery = pool.query;
  const originalConnect = pool.connect;
  const record = (arg: unknown) => {
    const text = typeof arg === 'string' ? arg : typeof arg === 'object' && arg && 'text' in arg ? String((arg as { text: unknown }).text) : '?';
    queries.push(text);
  };
  const patchedQuery = function (this: pg.Pool, ...args: unknown[]) {
    record(args[0]);
    return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
  };
  pool.query = patchedQuery as typeof pool.query;
  // Queries inside a transaction go through a checked-out client.
  const patchedConnect = function (this: pg.Pool, ...args: unknown[]) {
    // pool.query() itself checks out a client with a callback: already counted above.
    if (typeof args[0] === 'function') return (originalConnect as (...a: unknown[]) => unknown).apply(this, args);
    return (originalConnect as () => Promise<pg.PoolClient>).call(this).then((client) => {
      const clientQuery = client.query;
      client.query = function (this: pg.PoolClient, ...qargs: unknown[]) {
        record(qargs[0]);
        return (clientQuery as (...a: unknown[]) => unknown).apply(this, qargs);
      } as typeof client.query;
      const release = client.release;
      client.release = (err?: Error | boolean) => {
        client.query = clientQuery;
        client.release = release;
        return release.call(client, err);
      };
      return client;
    });
  };
  pool.connect = patchedConnect as typeof pool.connect;
  try {
    const result = await fn();
    return { result, queries };
  } finally {
    pool.query = originalQuery;
    pool.connect = originalConnect;
  }
}
