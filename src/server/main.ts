import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { createCollaboration } from './collaboration/server.js';
import { needsSetup } from './commands/setupOrganisation.js';
import { loadConfig } from './config.js';
import { connect } from './db/client.js';
import { DataDirInUseError, startEmbedded, type EmbeddedDatabase } from './db/embedded.js';
import { runMigrations } from './db/migrate.js';
import { demoAccounts, seedDemo } from './db/seed.js';
import { scheduleMaintenance } from './jobs/maintainSeries.js';
import { startJobs, type Jobs } from './jobs/queue.js';
import { logger } from './logger.js';
import { serverSecrets } from './secrets.js';
import { buildServices } from './services.js';

async function main() {
  const config = loadConfig();
  const log = logger;
  // Start-up time by phase (debug level), since the process began: modules loaded, database up,
  // migrations applied, listening.
  const phase = (name: string) => log.debug({ phase: name, ms: Math.round(performance.now()) }, 'start-up');
  phase('modules');
  let embedded: EmbeddedDatabase | null = null;
  if (!config.databaseUrl) {
    try {
      embedded = await startEmbedded({ dataDir: config.dataDir, log });
    } catch (e) {
      if (e instanceof DataDirInUseError) {
        console.error(`\n${e.message}\n`);
        process.exit(2);
      }
      log.error({ err: e }, 'the embedded PostgreSQL could not be started');
      console.error(`\nThe embedded PostgreSQL could not be started in ${config.dataDir}: ${(e as Error)?.message ?? e}\n`);
      process.exit(1);
    }
  }
  phase('database');
  const url = config.databaseUrl ?? embedded!.url;
  const stopEmbedded = async () => {
    if (embedded) await embedded.stop().catch((e: unknown) => log.error({ err: e }, 'stopping the embedded PostgreSQL failed'));
  };
  let database: ReturnType<typeof connect> | null = null;
  let jobs: Jobs | null = null;
  try {
    await runMigrations(url);
    phase('migrations');
    database = connect(url);
    const secrets = await serverSecrets(config, !!embedded);
    const services = buildServices({ database, config, secret: secrets.current, previousSecrets: secrets, log });
    // A previous secret that matches no recorded key version stops the start here, with its reason.
    const keyring = await services.noteKeys.get();
    log.info({ keyVersion: keyring.current, versionsHeld: [...keyring.keys.keys()] }, 'private-note keys loaded');
    if (embedded && config.seedDemo && (await needsSetup(database.db))) {
      log.info('seeding the demo organisation');
      await seedDemo({ db: database.db, auth: services.auth });
      printDemo(config.baseUrl);
    }
    jobs = await startJobs({ db: database.db, connectionString: url, config, log, events: services.events, auditRetentionDays: config.auditRetentionDays });
    const app = createApp(services);
    const collaboration = await createCollaboration(services);
    const stopMaintenance = scheduleMaintenance(database.db, log);
    const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
      log.info(
        { url: config.baseUrl, port: info.port, database: embedded ? 'embedded' : 'external', startedInMs: Math.round(performance.now()) },
        'Taiwa is listening',
      );
      console.log(`\n  Taiwa: ${config.baseUrl}\n`);
    });
    collaboration.attach(server);
    server.on('error', async (e) => {
      log.error({ err: e }, 'the HTTP server failed');
      await jobs?.stop().catch(() => undefined);
      await database?.close();
      await stopEmbedded();
      process.exit(1);
    });
    let stopping = false;
    const shutdown = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      log.info({ signal }, 'shutting down');
      const force = setTimeout(() => process.exit(1), 15_000);
      force.unref();
      // Shared-notes sockets first: their writes in flight finish before the pool closes (and
      // server.close() would wait for the upgraded sockets).
      await collaboration.destroy().catch((e: unknown) => log.error({ err: e }, 'stopping the collaboration server failed'));
      // Open room event streams end too (server.close() would wait for them).
      await services.rooms.close().catch((e: unknown) => log.error({ err: e }, 'closing the live rooms failed'));
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await stopMaintenance();
      // The job queue uses the same PostgreSQL: its running jobs finish before the database stops.
      await jobs?.stop().catch((e: unknown) => log.error({ err: e }, 'stopping the job queue failed'));
      await database?.close();
      await stopEmbedded();
      log.info('stopped');
      process.exit(0);
    };
    process.on('SIGINT', () => void shutdown('SIGINT'));
    process.on('SIGTERM', () => void shutdown('SIGTERM'));
  } catch (e) {
    log.error({ err: e }, 'start-up failed');
    await jobs?.stop().catch(() => undefined);
    await database?.close().catch(() => undefined);
    await stopEmbedded();
    process.exit(1);
  }
}

function printDemo(baseUrl: string) {
  console.log(`\n  デモ組織を作成しました / Demo organisation created — ${baseUrl}`);
  for (const a of demoAccounts) console.log(`    ${a.email.padEnd(24)} ${a.password}   (${a.role})`);
  console.log('');
}

void main();
