/**
 * `npm run demo:seed`: puts the demo organisation into the database named by DATABASE_URL (the
 * embedded database is seeded by itself on first start). Refuses a database that has employees.
 */
import { randomBytes } from 'node:crypto';
import { createAuth } from '../src/server/auth.js';
import { needsSetup } from '../src/server/commands/setupOrganisation.js';
import { connect } from '../src/server/db/client.js';
import { runMigrations } from '../src/server/db/migrate.js';
import { demoAccounts, seedDemo } from '../src/server/db/seed.js';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('demo:seed: set DATABASE_URL to the PostgreSQL database to seed (the embedded database seeds itself on first start).');
  process.exit(1);
}
await runMigrations(url);
const database = connect(url, 2);
try {
  if (!(await needsSetup(database.db))) {
    console.error('demo:seed: this database already has employees; the demo organisation is only added to an empty one.');
    process.exitCode = 1;
  } else {
    const auth = createAuth({ db: database.db, secret: randomBytes(32).toString('hex'), baseUrl: 'http://127.0.0.1', signInRateLimit: 0 });
    await seedDemo({ db: database.db, auth });
    console.log('demo:seed: demo organisation created. Sign-ins (password taiwa-demo):');
    for (const a of demoAccounts) console.log(`  ${a.email} (${a.role})`);
  }
} finally {
  await database.close();
}
