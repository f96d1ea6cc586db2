/**
 * `npm run bench`: request throughput and latency of the main read endpoints on a real embedded
 * PostgreSQL with the demo organisation plus 2,000 generated employees, over loopback.
 * Results are ratios to /healthz measured in the same run (the machines are shared and noisy),
 * never pass/fail thresholds.
 */
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from '../src/server/app.js';
import { hashPassword } from '../src/server/auth.js';
import { loadConfig } from '../src/server/config.js';
import { connect } from '../src/server/db/client.js';
import { startEmbedded } from '../src/server/db/embedded.js';
import { runMigrations } from '../src/server/db/migrate.js';
import { account, employees, user } from '../src/server/db/schema.js';
import { seedDemo } from '../src/server/db/seed.js';
import { logger } from '../src/server/logger.js';
import { buildServices } from '../src/server/services.js';

const REQUESTS = Number(process.env.BENCH_REQUESTS || 400);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY || 8);
const EXTRA_EMPLOYEES = 2000;

const parent = mkdtempSync(path.join(os.tmpdir(), 'taiwa-bench-'));
chmodSync(parent, 0o755);
const log = logger.child({}, { level: 'silent' });
const embedded = await startEmbedded({ dataDir: path.join(parent, 'data'), log, fsync: false });
const port = 3290;
const baseUrl = `http://127.0.0.1:${port}`;
let server: ReturnType<typeof serve> | null = null;
const database = connect(embedded.url, 10);
try {
  await runMigrations(embedded.url);
  const config = { ...loadConfig({}), port, baseUrl, signInRateLimit: 0, logLevel: 'silent' };
  const services = buildServices({ database, config, secret: randomUUID() + randomUUID(), log });
  await seedDemo({ db: database.db, auth: services.auth });
  const hash = await hashPassword(services.auth, 'bench-password');
  const rows = Array.from({ length: EXTRA_EMPLOYEES }, (_, i) => ({ i, userId: randomUUID() }));
  await database.db.insert(user).values(rows.map((r) => ({ id: r.userId, name: `ベンチ ${r.i}`, email: `bench${r.i}@bench.example` })));
  await database.db.insert(account).values(rows.map((r) => ({ id: randomUUID(), accountId: r.userId, providerId: 'credential', userId: r.userId, password: hash })));
  await database.db.insert(employees).values(
    rows.map((r) => ({
      userId: r.userId,
      familyName: 'ベンチ',
      givenName: String(r.i),
      familyNameKana: 'ベンチ',
      givenNameKana: 'テスト',
      email: `bench${r.i}@bench.example`,
      employeeNumber: `B${r.i}`,
    })),
  );
  server = serve({ fetch: createApp(services).fetch, port, hostname: '127.0.0.1' });
  const signIn = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl },
    body: JSON.stringify({ email: 'manager@demo.example', password: 'taiwa-demo' }),
  });
  const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
  const home = (await (await fetch(`${baseUrl}/api/home`, { headers: { cookie, origin: baseUrl } })).json()) as {
    upcoming: { meeting: { id: string } }[];
  };
  const meetingId = home.upcoming[0]!.meeting.id;

  async function measure(pathname: string) {
    const latencies: number[] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < REQUESTS) {
          next++;
          const t = performance.now();
          const res = await fetch(`${baseUrl}${pathname}`, { headers: { cookie, origin: baseUrl } });
          await res.arrayBuffer();
          if (!res.ok) throw new Error(`${pathname} answered ${res.status}`);
          latencies.push(performance.now() - t);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
    return { pathname, rps: latencies.length / seconds, p50: at(0.5), p95: at(0.95) };
  }

  const targets = [
    '/healthz',
    '/api/me',
    '/api/employees?pageSize=50',
    '/api/employees?pageSize=50&q=%E3%83%99%E3%83%B3%E3%83%81',
    '/api/home',
    `/api/meetings/${meetingId}`,
    `/api/meetings/${meetingId}/prep-brief`,
  ];
  await measure('/healthz'); // warm-up
  const results = [];
  for (const t of targets) results.push(await measure(t));
  const base = results[0]!.rps;
  console.log(`\n${REQUESTS} requests each, concurrency ${CONCURRENCY}, ${EXTRA_EMPLOYEES + 36} employees, loopback\n`);
  console.log('endpoint'.padEnd(58) + 'req/s'.padStart(9) + 'p50 ms'.padStart(9) + 'p95 ms'.padStart(9) + '  vs /healthz');
  for (const r of results) {
    const name = r.pathname.replace(meetingId, ':id');
    console.log(
      name.padEnd(58) + r.rps.toFixed(0).padStart(9) + r.p50.toFixed(1).padStart(9) + r.p95.toFixed(1).padStart(9) + `  ${(r.rps / base).toFixed(2)}×`,
    );
  }
} finally {
  server?.close();
  await database.close();
  await embedded.stop();
  rmSync(parent, { recursive: true, force: true });
}
