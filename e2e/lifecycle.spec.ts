import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';

// The promises of `npm start` on the embedded database: a second start on the same data directory
// is refused without harming the first; after `kill -9` of the server the next start recovers.

const ports = [3231, 3232, 3233];
let dataDir = '';
const children: ChildProcess[] = [];

function start(port: number): { proc: ChildProcess; output: () => string; exited: Promise<number | null> } {
  let out = '';
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: { ...process.env, PORT: String(port), TAIWA_DATA_DIR: dataDir, DATABASE_URL: '', TAIWA_SECRET: '', LOG_LEVEL: 'warn', TAIWA_SIGNIN_RATE_LIMIT: '1000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout!.on('data', (d) => (out += String(d)));
  proc.stderr!.on('data', (d) => (out += String(d)));
  children.push(proc);
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return { proc, output: () => out, exited };
}

async function healthy(port: number, output: () => string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (r.ok) return;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`server on ${port} did not become healthy:\n${output()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function signIn(port: number): Promise<string> {
  const origin = `http://127.0.0.1:${port}`;
  const r = await fetch(`${origin}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ email: 'admin@demo.example', password: 'taiwa-demo' }),
  });
  expect(r.status).toBe(200);
  return r.headers.get('set-cookie')!.split(';')[0]!;
}

test.beforeAll(() => {
  // mkdtemp makes a 0700 directory; as root the embedded PostgreSQL runs as `postgres` and must reach it.
  const parent = mkdtempSync(path.join(os.tmpdir(), 'taiwa-lifecycle-'));
  chmodSync(parent, 0o755);
  dataDir = path.join(parent, 'data');
});
test.afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 2000));
  rmSync(path.dirname(dataDir), { recursive: true, force: true });
});

test('a second start is refused, and a start after kill -9 recovers with every record', async () => {
  test.setTimeout(240_000);
  const first = start(ports[0]!);
  await healthy(ports[0]!, first.output);

  const second = start(ports[1]!);
  const code = await second.exited;
  expect(code).toBe(2);
  expect(second.output()).toContain('already running');
  await healthy(ports[0]!, first.output, 5_000); // the first is untouched

  const origin = `http://127.0.0.1:${ports[0]}`;
  const cookie = await signIn(ports[0]!);
  const created = await fetch(`${origin}/api/employees`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin, cookie },
    body: JSON.stringify({
      familyName: '再起',
      givenName: '確認',
      familyNameKana: 'サイキ',
      givenNameKana: 'カクニン',
      email: 'recovery@demo.example',
      employeeNumber: 'REC-1',
    }),
  });
  expect(created.status).toBe(201);
  const { id } = (await created.json()) as { id: string };

  first.proc.kill('SIGKILL');
  await first.exited;
  // The embedded PostgreSQL is now an orphan still holding the data directory.
  expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(true);

  const third = start(ports[2]!);
  await healthy(ports[2]!, third.output);
  const origin3 = `http://127.0.0.1:${ports[2]}`;
  const cookie3 = await signIn(ports[2]!);
  const found = await fetch(`${origin3}/api/employees/${id}`, { headers: { origin: origin3, cookie: cookie3 } });
  expect(found.status).toBe(200);
  expect(((await found.json()) as { email: string }).email).toBe('recovery@demo.example');

  third.proc.kill('SIGTERM');
  expect(await third.exited).toBe(0);
  expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
  expect(existsSync(path.join(dataDir, 'taiwa.pid'))).toBe(false);
});
