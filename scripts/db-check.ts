/**
 * Fails when src/server/db/schema.ts and the committed migrations disagree: the schema must be
 * turned into a migration (`npm run db:generate`) and committed. Also checks that every migration
 * in the journal has its SQL file. Runs without a terminal and without a database.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import * as schema from '../src/server/db/schema.js';

const require = createRequire(import.meta.url);
const { generateDrizzleJson, generateMigration } = require('drizzle-kit/api') as typeof import('drizzle-kit/api');

const dir = path.resolve('src/server/db/migrations');
const journal = JSON.parse(readFileSync(path.join(dir, 'meta/_journal.json'), 'utf8')) as { entries: { idx: number; tag: string }[] };
let failed = false;
for (const entry of journal.entries) {
  if (!existsSync(path.join(dir, `${entry.tag}.sql`))) {
    console.error(`db:check: migration ${entry.tag}.sql is in the journal but missing`);
    failed = true;
  }
}
const snapshots = readdirSync(path.join(dir, 'meta'))
  .filter((f) => f.endsWith('_snapshot.json'))
  .sort();
const last = snapshots.at(-1);
if (!last) {
  console.error('db:check: no migration snapshot found; run npm run db:generate');
  process.exit(1);
}
const prev = JSON.parse(readFileSync(path.join(dir, 'meta', last), 'utf8'));
const current = generateDrizzleJson(schema as Record<string, unknown>, prev.id);
const pending = await generateMigration(prev, current);
if (pending.length > 0) {
  console.error('db:check: the schema has changes that no committed migration contains:\n' + pending.map((s) => `  ${s}`).join('\n'));
  console.error('Run `npm run db:generate -- --name <what-changed>` and commit the new migration.');
  failed = true;
}
if (failed) process.exit(1);
console.log(`db:check: schema and ${journal.entries.length} migration(s) agree`);
