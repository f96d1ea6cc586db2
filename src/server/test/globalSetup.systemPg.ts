import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createTemplate, dropDatabases } from './templates.js';
import './providedContext.js';

/** The machine's PostgreSQL (trust auth); TAIWA_TEST_SYSTEM_PG_URL overrides it (e.g. to force the skip path). */
const url = process.env.TAIWA_TEST_SYSTEM_PG_URL || 'postgres://postgres@127.0.0.1:5432/test';

async function reachable(): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (e) {
    return e instanceof Error ? e.message || e.name : String(e);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * The same as the embedded project, against the machine's PostgreSQL: a uniquely named template,
 * one clone per test file, all dropped at the end. Without a server the project's database
 * tests skip, with one line saying why.
 */
export default async function setup(project: TestProject) {
  const prefix = `taiwa_t_${process.pid}_${randomBytes(3).toString('hex')}_`;
  const template = `${prefix}template`;
  project.provide('taiwaAdminUrl', url);
  project.provide('taiwaTemplate', template);
  project.provide('taiwaDbPrefix', prefix);
  project.provide('taiwaProject', 'system-pg');
  const problem = await reachable();
  const where = new URL(url).host;
  if (problem) {
    console.log(`system-pg: skipped — no PostgreSQL answers on ${where} (${problem})`);
    project.provide('taiwaSkipReason', `no PostgreSQL on ${where}: ${problem}`);
    return;
  }
  project.provide('taiwaSkipReason', '');
  try {
    await createTemplate(url, template);
  } catch (e) {
    await dropDatabases(url, prefix).catch(() => undefined);
    throw e;
  }
  return async () => {
    await dropDatabases(url, prefix);
  };
}
