import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { silentLog } from '../test/app.js';
import { alive, startEmbedded } from './embedded.js';

/**
 * What a `kill -9` of the whole process group leaves behind: PostgreSQL's `postmaster.pid` naming a
 * process id that, by the next start, may belong to another process (process ids are reused; in a
 * container they repeat from one start to the next). PostgreSQL refuses to start while that id is
 * alive and owned by its user; and that process must not be signalled.
 */
const project = inject('taiwaProject');
if (project !== 'embedded') console.log('embedded PostgreSQL start-up after a kill: run in the embedded project only (it starts its own cluster, not the project database)');

describe.skipIf(project !== 'embedded')('starting the embedded PostgreSQL over a stale postmaster.pid', () => {
  let parent = '';
  let dataDir = '';
  let pgData = '';
  const decoys: ChildProcess[] = [];
  // PostgreSQL runs as `postgres` when we are root: the process holding the reused id must be its user's.
  const owner = process.getuid?.() === 0 ? Number(execFileSync('id', ['-u', 'postgres']).toString().trim()) : undefined;

  beforeAll(async () => {
    mkdirSync('.tmp', { recursive: true });
    parent = mkdtempSync(path.resolve('.tmp', 'embedded-stale-'));
    dataDir = path.join(parent, 'data');
    pgData = path.join(dataDir, 'pg');
    chmodSync(parent, 0o755);
    const first = await startEmbedded({ dataDir, log: silentLog, fsync: false });
    await first.stop();
  }, 120_000);
  afterEach(() => {
    for (const d of decoys.splice(0)) d.kill('SIGKILL');
  });
  afterAll(() => {
    if (parent) rmSync(parent, { recursive: true, force: true });
  });

  /** A live process of PostgreSQL's user, with `argv0` as its name. */
  async function decoy(argv0: string): Promise<ChildProcess> {
    const proc = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { argv0, uid: owner, gid: owner, stdio: 'ignore' });
    decoys.push(proc);
    await new Promise((r) => proc.once('spawn', r));
    return proc;
  }

  /** postmaster.pid as a killed PostgreSQL leaves it, naming `pid`. */
  function stalePidFile(pid: number) {
    writeFileSync(path.join(pgData, 'postmaster.pid'), `${pid}\n${pgData}\n1700000000\n45678\n/tmp\n127.0.0.1\n  5432001     65536\nready   \n`);
    if (owner !== undefined) execFileSync('chown', [String(owner), path.join(pgData, 'postmaster.pid')]);
  }

  async function startsAndAnswers(): Promise<void> {
    const db = await startEmbedded({ dataDir, log: silentLog, fsync: false });
    try {
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      expect((await client.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
      await client.end();
    } finally {
      await db.stop();
    }
  }

  it('starts when the id now belongs to another program', async () => {
    const other = await decoy('sleeper');
    stalePidFile(other.pid!);
    await startsAndAnswers();
    expect(alive(other.pid!)).toBe(true);
  });

  it('starts, and leaves alone, when the id now belongs to a PostgreSQL process of another directory', async () => {
    const other = await decoy('postgres');
    stalePidFile(other.pid!);
    await startsAndAnswers();
    expect(other.exitCode).toBeNull();
    expect(other.signalCode).toBeNull();
    expect(alive(other.pid!)).toBe(true);
  });
});
