/**
 * `npm run keys:rotate`: re-encrypts every private note under the newest key version (ADR 0211,
 * docs/operations.md). Safe while the server runs; stops and resumes at any point.
 *
 *   npm run keys:rotate                     re-encrypt what is still under an older key version
 *   npm run keys:rotate -- --new-secret     embedded only, server stopped: make a new `secret` in the
 *                                           data directory (the old one moves to `secret.previous`), then re-encrypt
 *   npm run keys:rotate -- --batch-size 200 rows per transaction (default 500)
 */
import { parseArgs } from 'node:util';
import { rotateNoteKeys } from '../src/server/commands/rotateNoteKeys.js';
import { loadConfig } from '../src/server/config.js';
import { loadNoteKeyring, NoteKeyError } from '../src/server/crypto/noteKeys.js';
import { connect } from '../src/server/db/client.js';
import { openCommandDatabase, runningServer } from '../src/server/db/dataDir.js';
import { DataDirInUseError } from '../src/server/db/embedded.js';
import { runMigrations } from '../src/server/db/migrate.js';
import { logger } from '../src/server/logger.js';
import { replaceEmbeddedSecret, serverSecrets } from '../src/server/secrets.js';

const { values } = parseArgs({ options: { 'new-secret': { type: 'boolean' }, 'batch-size': { type: 'string' } } });
const batchSize = Number(values['batch-size'] ?? 500);
if (!Number.isInteger(batchSize) || batchSize < 1) {
  console.error('keys:rotate: --batch-size must be a positive whole number.');
  process.exit(1);
}
const config = loadConfig();
const log = logger.child({}, { level: 'warn' });

async function run(): Promise<number> {
  if (values['new-secret']) {
    if (config.databaseUrl || config.secret) {
      console.error(
        'keys:rotate: --new-secret is for the embedded database only. With TAIWA_SECRET: set the new secret in TAIWA_SECRET, ' +
          'put the old one first in TAIWA_SECRET_PREVIOUS, restart every server, then run npm run keys:rotate.',
      );
      return 1;
    }
    const server = await runningServer(config.dataDir);
    if (server) {
      console.error(`keys:rotate: Taiwa is running with ${config.dataDir} (process ${server}). Stop it first: a new secret takes effect only when the server starts.`);
      return 1;
    }
    await replaceEmbeddedSecret(config.dataDir);
    console.log(`keys:rotate: a new secret is in ${config.dataDir}/secret; the old one is first in secret.previous. Signed-in sessions end with the change.`);
  }
  const database = await openCommandDatabase({ config, log, whileRunning: 'share', purpose: '' });
  try {
    // Brings a database this version has not started on yet to its schema (note_keys); a no-op otherwise.
    await runMigrations(database.url);
    const secrets = await serverSecrets(config, database.embedded, { create: false });
    const conn = connect(database.url, 2);
    try {
      const keyring = await loadNoteKeyring(conn.db, secrets);
      console.log(`keys:rotate: key version ${keyring.current} is current; keys held for versions ${[...keyring.keys.keys()].sort((a, b) => a - b).join(', ')}.`);
      const result = await rotateNoteKeys({
        db: conn.db,
        keyring,
        batchSize,
        onProgress: ({ done, total }) => console.log(`keys:rotate: re-encrypted ${done} of ${total} private notes`),
      });
      if (result.total === 0) console.log('keys:rotate: every private note is already under the current key version; nothing to do.');
      else console.log(`keys:rotate: done, ${result.done} private notes re-encrypted under key version ${keyring.current}.`);
      if (result.remaining > 0) {
        console.log(
          `keys:rotate: ${result.remaining} notes were saved meanwhile by a server still on an older secret (or were busy). ` +
            'Restart every server with the new secret and run this again.',
        );
        return 3;
      }
      if (secrets.previous.length) console.log('keys:rotate: the previous secret(s) are no longer needed for private notes once every server runs with the current one.');
      return 0;
    } finally {
      await conn.close();
    }
  } finally {
    await database.close();
  }
}

try {
  process.exitCode = await run();
} catch (e) {
  if (e instanceof NoteKeyError || e instanceof DataDirInUseError) console.error(`keys:rotate: ${e.message}`);
  else console.error('keys:rotate failed:', e);
  process.exitCode = 1;
}
