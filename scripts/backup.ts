/**
 * `npm run backup [-- FILE]`: writes a backup of the database (embedded, or DATABASE_URL) to FILE,
 * by default `backups/taiwa-<time>.backup.gz`. Runs while the server runs (one consistent
 * snapshot). The file holds data only: keep the secret (TAIWA_SECRET, or the data directory's
 * `secret` and `secret.previous` files) apart from it, or private notes cannot be read after a
 * restore. See docs/operations.md.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { backupDatabase } from '../src/server/commands/backup.js';
import { loadConfig } from '../src/server/config.js';
import { openCommandDatabase } from '../src/server/db/dataDir.js';
import { logger } from '../src/server/logger.js';

const config = loadConfig();
const stamp = new Date().toISOString().replace(/[:.]/g, '-').replace('T', '_').slice(0, 19);
const file = path.resolve(process.argv[2] ?? path.join('backups', `taiwa-${stamp}.backup.gz`));
try {
  mkdirSync(path.dirname(file), { recursive: true });
  const database = await openCommandDatabase({ config, log: logger.child({}, { level: 'warn' }), whileRunning: 'share', purpose: '' });
  try {
    const header = await backupDatabase({ url: database.url, file });
    const rows = Object.values(header.tables).reduce((a, b) => a + b, 0);
    console.log(`backup: ${rows} rows in ${Object.keys(header.tables).length} tables written to ${file}`);
    console.log(
      database.embedded && !config.secret
        ? `backup: keep a copy of ${path.join(config.dataDir, 'secret')} (and secret.previous, if there is one) apart from this file: private notes need it.`
        : 'backup: keep TAIWA_SECRET (and TAIWA_SECRET_PREVIOUS) apart from this file: private notes need it.',
    );
  } finally {
    await database.close();
  }
} catch (e) {
  console.error(`backup failed: ${(e as Error)?.message ?? e}`);
  process.exitCode = 1;
}
