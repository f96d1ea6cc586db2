/**
 * `npm run restore -- FILE`: replaces the embedded database's contents with a backup made by
 * `npm run backup` (same Taiwa version). Refuses while the server runs. One transaction: a bad
 * file changes nothing. For an external database use pg_dump/pg_restore (docs/operations.md).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { readBackupHeader, restoreDatabase } from '../src/server/commands/backup.js';
import { loadConfig } from '../src/server/config.js';
import { versionsHeld } from '../src/server/crypto/noteKeys.js';
import { connect } from '../src/server/db/client.js';
import { openCommandDatabase } from '../src/server/db/dataDir.js';
import { runMigrations } from '../src/server/db/migrate.js';
import { privateNotes } from '../src/server/db/schema.js';
import { logger } from '../src/server/logger.js';
import { serverSecrets } from '../src/server/secrets.js';

const config = loadConfig();
const arg = process.argv[2];

async function run(): Promise<number> {
  if (!arg) {
    console.error('restore: name the backup file: npm run restore -- backups/taiwa-....backup.gz');
    return 1;
  }
  const file = path.resolve(arg);
  if (!existsSync(file)) {
    console.error(`restore: ${file} does not exist.`);
    return 1;
  }
  if (config.databaseUrl) {
    console.error('restore: DATABASE_URL is set. Restore an external database with pg_restore (see docs/operations.md); this command restores the embedded one.');
    return 1;
  }
  const header = await readBackupHeader(file);
  const database = await openCommandDatabase({
    config,
    log: logger.child({}, { level: 'warn' }),
    whileRunning: 'refuse',
    purpose: 'a restore replaces the whole database.',
    mayCreate: true,
  });
  try {
    await runMigrations(database.url);
    console.log(`restore: replacing the contents of ${config.dataDir} with the backup of ${header.createdAt}…`);
    const tables = await restoreDatabase({ url: database.url, file });
    const rows = Object.values(tables).reduce((a, b) => a + b, 0);
    console.log(`restore: ${rows} rows in ${Object.keys(tables).length} tables restored.`);
    // Private notes open only with the secret that wrote them: say so now, not on first read.
    const conn = connect(database.url, 1);
    try {
      const used = [...new Set((await conn.db.selectDistinct({ v: privateNotes.keyVersion }).from(privateNotes)).map((r) => r.v))];
      const secrets = await serverSecrets(config, true, { create: false }).catch(() => null);
      if (!secrets) {
        if (!used.length) {
          console.log(`restore: ${config.dataDir} has no secret file; Taiwa makes a new one when it starts (everyone signs in again).`);
          return 0;
        }
        console.log(`restore: ${config.dataDir} has no secret file. Copy the original \`secret\` (and \`secret.previous\`) into it before starting Taiwa: private notes need it.`);
        return 4;
      }
      const held = await versionsHeld(conn.db, secrets);
      const missing = used.filter((v) => !held.has(v));
      if (missing.length) {
        console.log(
          `restore: private notes under key version(s) ${missing.join(', ')} cannot be read with the secret(s) in ${config.dataDir}. ` +
            'Copy the original `secret` (and `secret.previous`) files into it, or set TAIWA_SECRET / TAIWA_SECRET_PREVIOUS.',
        );
        return 4;
      }
    } finally {
      await conn.close();
    }
    return 0;
  } finally {
    await database.close();
  }
}

try {
  process.exitCode = await run();
} catch (e) {
  console.error(`restore: ${(e as Error)?.message ?? e}`);
  process.exitCode = 1;
}
