import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLog, testConfig } from '../test/app.js';
import { openCommandDatabase, runningServer } from './dataDir.js';
import { DataDirInUseError } from './embedded.js';

describe('command-line tools and a running server', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'taiwa-datadir-test-'));
  let server: ChildProcess;

  beforeAll(async () => {
    mkdirSync(path.join(dataDir, 'pg'));
    writeFileSync(path.join(dataDir, 'pg', 'PG_VERSION'), '18\n');
    // A live node process holding the data directory, as a running Taiwa server does.
    server = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
    await new Promise((r) => server.once('spawn', r));
    writeFileSync(path.join(dataDir, 'taiwa.pid'), `${server.pid}\n`);
  });
  afterAll(() => {
    server.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('restore refuses while the server runs, saying what to do', async () => {
    expect(await runningServer(dataDir)).toBe(server.pid);
    const attempt = openCommandDatabase({
      config: testConfig({ dataDir, databaseUrl: null }),
      log: silentLog,
      whileRunning: 'refuse',
      purpose: 'a restore replaces the whole database.',
    });
    await expect(attempt).rejects.toBeInstanceOf(DataDirInUseError);
    await expect(attempt).rejects.toThrow(`Taiwa is running with the data directory ${dataDir} (process ${server.pid}). Stop it first: a restore replaces the whole database.`);
  });

  it('backup and rotation use the running server’s PostgreSQL (port from postmaster.pid)', async () => {
    writeFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), `123\n${dataDir}/pg\n1700000000\n45678\n/tmp\n127.0.0.1\n`);
    writeFileSync(path.join(dataDir, 'pg-password'), 'p@ss word\n');
    const db = await openCommandDatabase({ config: testConfig({ dataDir, databaseUrl: null }), log: silentLog, whileRunning: 'share', purpose: '' });
    expect(db).toMatchObject({ url: 'postgres://taiwa:p%40ss%20word@127.0.0.1:45678/taiwa', embedded: true, shared: true });
  });

  it('a data directory without a database is named, not created, for backup and rotation', async () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), 'taiwa-datadir-empty-'));
    try {
      await expect(
        openCommandDatabase({ config: testConfig({ dataDir: empty, databaseUrl: null }), log: silentLog, whileRunning: 'share', purpose: '' }),
      ).rejects.toThrow(`There is no Taiwa database in ${empty}`);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
