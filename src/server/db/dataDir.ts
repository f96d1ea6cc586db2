import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { alive, cmdline, DataDirInUseError, readPid, startEmbedded } from './embedded.js';

/** The database a command works on: DATABASE_URL, or the embedded one of the data directory. */
export interface CommandDatabase {
  url: string;
  embedded: boolean;
  /** True when a running Taiwa server holds the data directory (the command uses its PostgreSQL). */
  shared: boolean;
  close(): Promise<void>;
}

/** The Taiwa server process holding `dataDir`, if one is running. */
export async function runningServer(dataDir: string): Promise<number | null> {
  const holder = await readPid(path.join(dataDir, 'taiwa.pid'));
  if (!holder || holder === process.pid || !alive(holder)) return null;
  return (await cmdline(holder)).includes('node') ? holder : null;
}

/** The URL of the embedded PostgreSQL a running server started (its port is in postmaster.pid). */
async function runningUrl(dataDir: string): Promise<string | null> {
  try {
    const lines = (await fs.readFile(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8')).split('\n');
    const port = Number(lines[3]?.trim());
    const password = (await fs.readFile(path.join(dataDir, 'pg-password'), 'utf8')).trim();
    if (!Number.isInteger(port) || port <= 0) return null;
    return `postgres://taiwa:${encodeURIComponent(password)}@127.0.0.1:${port}/taiwa`;
  } catch {
    return null;
  }
}

/**
 * Opens the database for a command-line tool. With `whileRunning: 'share'` a running embedded
 * server's PostgreSQL is used as it is (backups, key rotation); with `'refuse'` a running server is
 * an error telling the operator to stop it first (restore). Otherwise the embedded PostgreSQL is
 * started for the command and stopped by `close()`.
 */
export async function openCommandDatabase(props: {
  config: Config;
  log: Logger;
  whileRunning: 'share' | 'refuse';
  /** Why the server must be stopped (for the refusal). */
  purpose: string;
  /** False: a missing data directory is an error (nothing to back up or rotate). */
  mayCreate?: boolean;
}): Promise<CommandDatabase> {
  const { config, log, whileRunning, purpose } = props;
  if (config.databaseUrl) return { url: config.databaseUrl, embedded: false, shared: true, close: async () => undefined };
  const { dataDir } = config;
  if (!props.mayCreate && !existsSync(path.join(dataDir, 'pg', 'PG_VERSION'))) {
    throw new Error(`There is no Taiwa database in ${dataDir} (set TAIWA_DATA_DIR, or DATABASE_URL for an external database).`);
  }
  const server = await runningServer(dataDir);
  if (server) {
    if (whileRunning === 'refuse') {
      throw new DataDirInUseError(`Taiwa is running with the data directory ${dataDir} (process ${server}). Stop it first: ${purpose}`);
    }
    const url = await runningUrl(dataDir);
    if (!url) throw new Error(`Taiwa (process ${server}) holds ${dataDir}, but its PostgreSQL's port could not be read; try again once it has started.`);
    return { url, embedded: true, shared: true, close: async () => undefined };
  }
  const embedded = await startEmbedded({ dataDir, log });
  return { url: embedded.url, embedded: true, shared: false, close: () => embedded.stop() };
}
