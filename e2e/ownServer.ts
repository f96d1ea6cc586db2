import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { untilHealthy } from '../src/server/test/childServer.js';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/**
 * A Taiwa server of a spec's own, on a port the system picks and its own embedded data directory, so
 * that the spec can stop and restart it (durability across a restart) without touching the shared one.
 */
export class OwnServer {
  origin = '';
  private port = 0;
  private dataDir = '';
  private child: ChildProcess | null = null;

  /** Creates the data directory, picks a port and starts the server; waits until it is healthy. */
  async open(prefix: string): Promise<void> {
    const parent = mkdtempSync(path.join(os.tmpdir(), prefix));
    chmodSync(parent, 0o755);
    this.dataDir = path.join(parent, 'data');
    this.port = await freePort();
    this.origin = `http://127.0.0.1:${this.port}`;
    await this.start();
  }

  async start(): Promise<void> {
    this.child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      env: { ...process.env, PORT: String(this.port), HOST: '127.0.0.1', TAIWA_DATA_DIR: this.dataDir, DATABASE_URL: '', TAIWA_SECRET: '', LOG_LEVEL: 'warn', TAIWA_SIGNIN_RATE_LIMIT: '1000' },
      stdio: 'ignore',
    });
    await untilHealthy(this.origin, this.child, { timeoutMs: 180_000, intervalMs: 250 });
  }

  /** SIGTERM, as an operator's restart would send, and waits for the process to exit. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  /** Stops the server and removes its data. */
  async close(): Promise<void> {
    await this.stop();
    if (this.dataDir) rmSync(path.dirname(this.dataDir), { recursive: true, force: true });
  }
}
