/**
 * `npm run bench`: throughput and latency of the main reads (/api/me, /api/home, the prep brief, the
 * meeting room's read, minutes, history, the employee list and search) through the whole app, each
 * beside its ceiling: a bare endpoint, registered only in this process, that sends the same SQL
 * statements (captured from one request of the app, with their parameters) on the same pool and
 * writes their rows as JSON — no framework, session or policy work. Load comes from autocannon in a
 * child process at 20 and 50 connections (BENCH_SECONDS each, 5 by default).
 *
 * 1. A small organisation: the demo data plus 2,000 generated employees on an embedded PostgreSQL.
 * 2. The generated 10,000-employee, 3-year organisation of `npm run bench:seed` (BENCH_LARGE_URL,
 *    else DATABASE_URL, else `taiwa_bench`), when it exists.
 * Each prints one table (ratio = app req/s ÷ bare req/s); not a pass/fail test. "stmts" counts
 * the statements one request sends, session and actor included (begin/commit not counted).
 */
import { execFile, execSync } from 'node:child_process';
import { promisify } from 'node:util';
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { serve } from '@hono/node-server';
import pg from 'pg';
import { createApp } from '../src/server/app.js';
import { hashPassword } from '../src/server/auth.js';
import { loadConfig } from '../src/server/config.js';
import { connect, type Database } from '../src/server/db/client.js';
import { startEmbedded } from '../src/server/db/embedded.js';
import { runMigrations } from '../src/server/db/migrate.js';
import { encodeEmployeeCursor } from '../src/server/api/employees/load.js';
import { account, employees, user } from '../src/server/db/schema.js';
import { seedDemo } from '../src/server/db/seed.js';
import { logger } from '../src/server/logger.js';
import { buildServices } from '../src/server/services.js';

const SECONDS = Number(process.env.BENCH_SECONDS || 5);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS || '20,50').split(',').map(Number);
const EXTRA_EMPLOYEES = 2000;
const POOL = 10;
// The small organisation's app and bare servers on PORT and PORT+1, the large one's on PORT+2 and PORT+3.
const PORT = Number(process.env.BENCH_PORT || 3290);
const largeUrl = process.env.BENCH_LARGE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/taiwa_bench';
const only = process.env.BENCH_ONLY; // a substring of the target names, e.g. "employee"
const autocannonBin = createRequire(import.meta.url).resolve('autocannon/autocannon.js');
const log = logger.child({}, { level: 'silent' });

type Captured = { text: string; values?: unknown[]; rowMode?: string };
let capture: Captured[] | null = null;
// Every statement any connection of this process sends while `capture` is set (one request at a time).
const originalQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  if (capture) {
    const [first, second] = args as [string | { text: string; values?: unknown[]; rowMode?: string }, unknown];
    if (typeof first === 'string') capture.push({ text: first, values: Array.isArray(second) ? second : undefined });
    else if (first && typeof first === 'object' && 'text' in first)
      capture.push({ text: first.text, values: first.values ?? (Array.isArray(second) ? second : undefined), rowMode: first.rowMode });
  }
  return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
} as typeof pg.Client.prototype.query;

interface Load {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

/** autocannon in a child process (the server's event loop is not the load generator's). */
async function load(url: string, connections: number, cookie?: string, origin?: string): Promise<Load> {
  const args = ['-c', String(connections), '-d', String(SECONDS), '-j', '--renderStatusCodes'];
  if (cookie) args.push('-H', `cookie=${cookie}`);
  if (origin) args.push('-H', `origin=${origin}`);
  // Asynchronous: the servers under load run on this process's event loop.
  const { stdout: out } = await promisify(execFile)(process.execPath, [autocannonBin, ...args, url], { maxBuffer: 1 << 24 });
  const r = JSON.parse(out) as { requests: { average: number }; latency: { p50: number; p99: number }; non2xx: number; errors: number };
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.non2xx + r.errors };
}

/** Waits until no statement is running or waiting on the pool (autocannon leaves requests in flight when it stops). */
async function settle(pool: pg.Pool) {
  for (let quiet = 0; quiet < 5; ) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    quiet = pool.waitingCount === 0 && pool.idleCount === pool.totalCount ? quiet + 1 : 0;
  }
}

interface Target {
  name: string;
  path: string;
}

async function measureOrganisation(title: string, database: Database, baseUrl: string, port: number, cookie: string, targets: Target[]) {
  // The ceiling: each target's captured statements, sent in order on the same pool; rows as JSON.
  const bare: Captured[][] = [];
  const bareServer: Server = createServer((req, res) => {
    const statements = bare[Number(req.url!.slice(1))];
    if (!statements) return void res.writeHead(404).end();
    void (async () => {
      const rows: unknown[] = [];
      for (const q of statements) {
        const config = q.rowMode === 'array' ? { text: q.text, values: q.values, rowMode: 'array' as const } : { text: q.text, values: q.values };
        rows.push((await database.pool.query(config)).rows);
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(rows));
    })().catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve) => bareServer.listen(port + 1, '127.0.0.1', resolve));
  const bareUrl = `http://127.0.0.1:${port + 1}`;
  try {
    const rows: { name: string; statements: number; results: { connections: number; app: Load; bare: Load }[] }[] = [];
    for (const t of targets.filter((x) => !only || x.name.includes(only))) {
      const get = async () => {
        const res = await fetch(`${baseUrl}${t.path}`, { headers: { cookie, origin: baseUrl } });
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`${t.path} answered ${res.status}`);
      };
      await settle(database.pool); // requests still in flight when the last load ended
      await get(); // warm-up
      capture = [];
      await get();
      const statements = capture.filter((q) => !/^(begin|commit|rollback)\b/i.test(q.text.trim()));
      capture = null;
      bare.push(statements);
      // BENCH_SHOW=1 lists each read's statements (for EXPLAIN and for counting where they come from).
      if (process.env.BENCH_SHOW) for (const q of statements) console.error(`  ${t.name}: ${q.text.replace(/\s+/g, ' ').slice(0, 220)}`);
      const index = bare.length - 1;
      const results = [];
      for (const connections of CONNECTIONS) {
        const app = await load(`${baseUrl}${t.path}`, connections, cookie, baseUrl);
        const ceiling = await load(`${bareUrl}/${index}`, connections);
        results.push({ connections, app, bare: ceiling });
        console.error(`${t.name} c=${connections}: ${app.rps.toFixed(0)} req/s (bare ${ceiling.rps.toFixed(0)}), p99 ${app.p99} ms`);
      }
      rows.push({ name: t.name, statements: statements.length, results });
    }
    console.log(`\n${title}`);
    console.log(`autocannon ${SECONDS} s per cell, pool ${POOL}, loopback; machine: ${execSync('uptime').toString().trim()}\n`);
    let header = 'read'.padEnd(26) + 'stmts'.padStart(6);
    for (const c of CONNECTIONS) header += `  │ c=${c}`.padEnd(8) + 'req/s'.padStart(7) + 'p50'.padStart(6) + 'p99'.padStart(6) + ' bare r/s'.padStart(9) + ' bare p99'.padStart(9) + ' ratio'.padStart(7);
    console.log(header);
    for (const r of rows) {
      let line = r.name.padEnd(26) + String(r.statements).padStart(6);
      for (const x of r.results) {
        line +=
          '  │'.padEnd(8) +
          x.app.rps.toFixed(0).padStart(7) +
          String(x.app.p50).padStart(6) +
          String(x.app.p99).padStart(6) +
          x.bare.rps.toFixed(0).padStart(9) +
          String(x.bare.p99).padStart(9) +
          (x.bare.rps > 0 ? `${(x.app.rps / x.bare.rps).toFixed(2)}×` : "–").padStart(7) +
          (x.app.errors ? ` (${x.app.errors} errors)` : '');
      }
      console.log(line);
    }
  } finally {
    bareServer.close();
  }
}

async function signIn(baseUrl: string, email: string, password: string) {
  const res = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`sign-in of ${email} answered ${res.status}`);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

/** The reads of one manager: a meeting of theirs to come (prep brief, room), a held one (minutes, preferably written), its series. */
async function managerTargets(db: pg.Pool | pg.Client, email: string, search: string): Promise<Target[]> {
  const { rows } = await db.query<{ upcoming: string; past: string; series: string; minutes: boolean }>(
    `with mine as (select s.id from series s join employees m on m.id = s.manager_id where m.email = $1 and s.status = 'active' and s.ended_at is null),
          held as (select mt.id, mt.series_id from meetings mt left join minutes mi on mi.meeting_id = mt.id
                   where mt.series_id in (select id from mine) and mt.starts_at < now() and mt.status in ('shared', 'acknowledged', 'minutesDraft')
                   order by mi.meeting_id is null, mt.starts_at desc limit 1)
     select (select id from meetings where series_id in (select id from mine) and status = 'scheduled' and starts_at > now() order by starts_at limit 1) as upcoming,
            (select id from held) as past, (select series_id from held) as series,
            exists (select 1 from minutes where meeting_id = (select id from held)) as minutes`,
    [email],
  );
  const { upcoming, past, series, minutes } = rows[0]!;
  if (!upcoming || !past || !series) throw new Error(`no upcoming or held meeting for ${email}`);
  // The middle of the directory: by page number (offset) and by the cursor of the row before it (keyset, ADR 0222).
  const { rows: middle } = await db.query<{ n: number; family_name_kana: string; given_name_kana: string; id: string }>(
    `with n as (select count(*)::int as n from employees where active)
     select n.n, e.family_name_kana, e.given_name_kana, e.id from n, lateral (
       select family_name_kana, given_name_kana, id from employees where active
        order by family_name_kana, given_name_kana, id offset (n.n / 100) * 50 - 1 limit 1) e`,
  );
  const mid = middle[0]!;
  const cursor = encodeEmployeeCursor({ familyNameKana: mid.family_name_kana, givenNameKana: mid.given_name_kana, id: mid.id });
  return [
    { name: '/api/me', path: '/api/me' },
    { name: '/api/home', path: '/api/home' },
    { name: 'prep brief', path: `/api/meetings/${upcoming}/prep-brief` },
    { name: 'room (meeting)', path: `/api/meetings/${upcoming}` },
    // The generated organisation writes no minutes (its meetings' minutes answer 404): the row is left out there.
    ...(minutes ? [{ name: 'minutes', path: `/api/meetings/${past}/minutes` }] : []),
    { name: 'history', path: `/api/series/${series}/history` },
    { name: 'employee list', path: '/api/employees?pageSize=50' },
    { name: 'employee list, mid page', path: `/api/employees?pageSize=50&page=${Math.floor(mid.n / 100) + 1}` },
    { name: 'employee list, mid cursor', path: `/api/employees?pageSize=50&cursor=${cursor}` },
    { name: 'employee list, name q', path: `/api/employees?pageSize=50&q=${encodeURIComponent(search)}` },
    { name: 'search', path: `/api/search?q=${encodeURIComponent('トピック')}` },
  ];
}

async function withApp(url: string, port: number, run: (database: Database, baseUrl: string) => Promise<void>, prepare?: (database: Database, services: ReturnType<typeof buildServices>) => Promise<void>) {
  const baseUrl = `http://127.0.0.1:${port}`;
  const database = connect(url, POOL);
  const config = { ...loadConfig({}), port, baseUrl, signInRateLimit: 0, logLevel: 'silent' as const };
  const services = buildServices({ database, config, secret: randomUUID() + randomUUID(), log });
  let server: ReturnType<typeof serve> | null = null;
  try {
    await prepare?.(database, services);
    server = serve({ fetch: createApp(services).fetch, port, hostname: '127.0.0.1' });
    await run(database, baseUrl);
  } finally {
    server?.close();
    await database.close();
  }
}

// 1. The small organisation (BENCH_ORGS=small,large chooses).
const orgs = (process.env.BENCH_ORGS || 'small,large').split(',');
if (orgs.includes('small')) {
  const parent = mkdtempSync(path.join(os.tmpdir(), 'taiwa-bench-'));
  chmodSync(parent, 0o755);
  const embedded = await startEmbedded({ dataDir: path.join(parent, 'data'), log, fsync: false });
  try {
    await runMigrations(embedded.url);
    await withApp(
      embedded.url,
      PORT,
      async (database, baseUrl) => {
        const cookie = await signIn(baseUrl, 'manager@demo.example', 'taiwa-demo');
        const targets = await managerTargets(database.pool, 'manager@demo.example', 'ベンチ');
        await measureOrganisation(`Main reads, demo organisation + ${EXTRA_EMPLOYEES} employees (manager@demo.example)`, database, baseUrl, PORT, cookie, targets);
      },
      async (database, services) => {
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
        await database.pool.query('analyze');
      },
    );
  } finally {
    await embedded.stop();
    rmSync(parent, { recursive: true, force: true });
  }
}

// 2. The generated 10,000-employee organisation, when it exists.
if (orgs.includes('large')) {
  const direct = new pg.Client({ connectionString: largeUrl });
  let manager: string | null = null;
  try {
    await direct.connect();
    const { rows } = await direct.query<{ n: number; manager: string }>(
      `select (select count(*) from employees)::int as n,
              (select m.email from employees m where exists (select 1 from employees r where r.manager_id = m.id and r.title is null)
                      and m.manager_id is not null order by m.employee_number limit 1) as manager`,
    );
    if (rows[0]!.n < 1000) throw new Error(`${rows[0]!.n} employees`);
    manager = rows[0]!.manager;
  } catch (e) {
    console.log(`\nMain reads at 10,000 employees: skipped (${(e as Error).message}); run npm run bench:seed first.`);
  }
  if (manager) {
    const targets = await managerTargets(direct, manager, 'サトウ');
    const { rows: counts } = await direct.query<{ employees: number; meetings: number }>(
      'select (select count(*) from employees)::int as employees, (select count(*) from meetings)::int as meetings',
    );
    await direct.end();
    await withApp(largeUrl, PORT + 2, async (database, baseUrl) => {
      const cookie = await signIn(baseUrl, manager, 'bench-password');
      await measureOrganisation(
        `Main reads at ${counts[0]!.employees} employees, ${counts[0]!.meetings} meetings (${largeUrl.replace(/\/\/[^@]*@/, '//')}; as ${manager})`,
        database,
        baseUrl,
        PORT + 2,
        cookie,
        targets,
      );
    });
  } else await direct.end().catch(() => {});
}
process.exit(0);
