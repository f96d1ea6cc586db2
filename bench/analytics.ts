/**
 * `npm run bench:analytics` (also run at the end of `npm run bench`; skipped when the database is missing): the dashboard reads on the
 * generated 10,000-employee organisation of `npm run bench:seed` (DATABASE_URL or `taiwa_bench`).
 * For each endpoint: median and p95 over sequential requests through the whole app (session,
 * policy, handler, JSON), and the same statements run directly — every statement the handler sent
 * to PostgreSQL is captured on one request and replayed alone, one after another, on a plain
 * connection; "slowest" is the median of the slowest of those statements. Ratio = app p50 / SQL p50.
 * BENCH_DUMP=file writes the captured statements (for EXPLAIN). One table; not a pass/fail test.
 */
import { randomUUID } from 'node:crypto';
import { execSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { serve } from '@hono/node-server';
import pg from 'pg';
import { createApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { connect } from '../src/server/db/client.js';
import { logger } from '../src/server/logger.js';
import { buildServices } from '../src/server/services.js';

const url = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/taiwa_bench';
const MAX_REQUESTS = Number(process.env.BENCH_ANALYTICS_REQUESTS || 20);
const MIN_REQUESTS = Number(process.env.BENCH_ANALYTICS_MIN || 5);
const MAX_SECONDS = Number(process.env.BENCH_ANALYTICS_SECONDS || 30);
const PASSWORD = 'bench-password';

type Captured = { text: string; values?: unknown[] };
let capture: Captured[] | null = null;
// Every statement any connection of this process sends, while `capture` is set (one request at a time).
const originalQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  if (capture) {
    const [first, second] = args as [string | { text: string; values?: unknown[] }, unknown];
    if (typeof first === 'string') capture.push({ text: first, values: Array.isArray(second) ? second : undefined });
    else if (first && typeof first === 'object' && 'text' in first) capture.push({ text: first.text, values: first.values ?? (Array.isArray(second) ? second : undefined) });
  }
  return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
} as typeof pg.Client.prototype.query;

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
  return { n: s.length, p50: at(0.5), p95: at(0.95) };
}

async function repeat(run: () => Promise<void>) {
  const samples: number[] = [];
  const started = performance.now();
  while (samples.length < MAX_REQUESTS && (samples.length < MIN_REQUESTS || performance.now() - started < MAX_SECONDS * 1000)) {
    const t = performance.now();
    await run();
    samples.push(performance.now() - t);
  }
  return stats(samples);
}

const log = logger.child({}, { level: 'silent' });
const port = Number(process.env.BENCH_PORT || 3291);
const baseUrl = `http://127.0.0.1:${port}`;
const direct = new pg.Client({ connectionString: url });
try {
  await direct.connect();
  const { rows } = await direct.query<{ n: number }>('select count(*)::int as n from employees');
  if (rows[0]!.n < 1000) throw Object.assign(new Error(`${rows[0]!.n} employees`), { code: 'small' });
} catch (e) {
  // `npm run bench` runs this after bench/api.ts: without the generated organisation, say how to make it.
  console.log(`\nDashboard reads at 10,000 employees: skipped (${(e as Error).message}); run npm run bench:seed first.`);
  process.exit(0);
}
const database = connect(url, 10);
const config = { ...loadConfig({}), port, baseUrl, signInRateLimit: 0, logLevel: 'silent' as const };
const services = buildServices({ database, config, secret: randomUUID() + randomUUID(), log });
const server = serve({ fetch: createApp(services).fetch, port, hostname: '127.0.0.1' });
try {
  const { rows: counts } = await direct.query<{ employees: number; meetings: number }>(
    'select (select count(*) from employees)::int as employees, (select count(*) from meetings)::int as meetings',
  );

  async function signIn(email: string) {
    const res = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: baseUrl },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    if (!res.ok) throw new Error(`sign-in of ${email} answered ${res.status}`);
    return res.headers.get('set-cookie')!.split(';')[0]!;
  }
  // hr: the first hr employee; manager: a lowest-level manager (reports plus a manager above).
  const { rows: people } = await direct.query<{ hr: string; manager: string; department: string }>(`
    select (select email from employees where is_hr order by employee_number limit 1) as hr,
           (select m.email from employees m where exists (select 1 from employees r where r.manager_id = m.id and r.title is null)
                   and m.manager_id is not null order by m.employee_number limit 1) as manager,
           (select d.id from departments d where d.parent_id = (select id from departments where parent_id is null limit 1) order by d.name limit 1) as department`);
  const hrCookie = await signIn(people[0]!.hr);
  const managerCookie = await signIn(people[0]!.manager);
  const dept = people[0]!.department;

  const targets: [string, string, string][] = [
    ['hr', '/api/analytics/departments', 'whole organisation, 12 closed months'],
    ['hr', `/api/analytics/departments?department=${dept}`, 'a level-2 department'],
    ['hr', '/api/analytics/departments/csv', 'CSV, UTF-8'],
    ['hr', '/api/analytics/practice', 'practice table, first page'],
    ['manager', '/api/home', 'manager home'],
    ['manager', '/api/team', "manager's team view"],
    ['hr', '/api/employees?pageSize=50', 'employee list, first page'],
    ['hr', `/api/employees?pageSize=50&q=${encodeURIComponent('サトウ')}`, 'employee list, name search'],
    ['manager', `/api/search?q=${encodeURIComponent('トピック')}`, 'search, manager'],
  ];
  const results: { path: string; who: string; note: string; app: ReturnType<typeof stats>; sql: ReturnType<typeof stats>; statements: number; slowest: number }[] = [];
  const dumped: { path: string; statements: Captured[]; slowest: number | null }[] = [];
  const only = process.env.BENCH_ONLY; // a substring of the paths to measure, e.g. "practice"
  for (const [who, path, note] of targets.filter(([, p]) => !only || p.includes(only))) {
    const cookie = who === 'hr' ? hrCookie : managerCookie;
    const get = async () => {
      const res = await fetch(`${baseUrl}${path}`, { headers: { cookie, origin: baseUrl } });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`${path} answered ${res.status}`);
    };
    await get(); // warm-up
    capture = [];
    await get();
    const statements = capture.filter((q) => !/^(begin|commit|rollback)\b/i.test(q.text.trim()));
    capture = null;
    const app = await repeat(get);
    const each = statements.map(() => [] as number[]);
    const sqlTimes = await repeat(async () => {
      for (const [i, q] of statements.entries()) {
        const t = performance.now();
        await direct.query(q.text, q.values as unknown[]);
        each[i]!.push(performance.now() - t);
      }
    });
    const slowest = each.map((times, i) => ({ i, p50: stats(times).p50 })).sort((a, b) => b.p50 - a.p50)[0];
    if (process.env.BENCH_DUMP) dumped.push({ path, statements, slowest: slowest?.i ?? null });
    results.push({ path, who, note, app, sql: sqlTimes, statements: statements.length, slowest: slowest?.p50 ?? 0 });
    console.error(`${path}: p50 ${app.p50.toFixed(0)} ms, SQL p50 ${sqlTimes.p50.toFixed(0)} ms`);
  }

  if (process.env.BENCH_DUMP) writeFileSync(process.env.BENCH_DUMP, JSON.stringify(dumped, null, 1));
  const load = execSync('uptime').toString().trim();
  console.log(`\nDashboard reads at ${counts[0]!.employees} employees, ${counts[0]!.meetings} meetings (${url.replace(/\/\/[^@]*@/, '//')})`);
  console.log(`sequential requests (≤${MAX_REQUESTS} or ${MAX_SECONDS} s per row); machine: ${load}\n`);
  console.log(
    'endpoint'.padEnd(52) + 'as'.padEnd(9) + 'n'.padStart(4) + 'p50 ms'.padStart(9) + 'p95 ms'.padStart(9) + 'stmts'.padStart(7) + 'SQL p50'.padStart(9) + 'SQL p95'.padStart(9) + 'slowest'.padStart(9) + '  app/SQL',
  );
  for (const r of results) {
    const name = r.path.replace(dept, ':dept');
    console.log(
      name.slice(0, 51).padEnd(52) +
        r.who.padEnd(9) +
        String(r.app.n).padStart(4) +
        r.app.p50.toFixed(1).padStart(9) +
        r.app.p95.toFixed(1).padStart(9) +
        String(r.statements).padStart(7) +
        r.sql.p50.toFixed(1).padStart(9) +
        r.sql.p95.toFixed(1).padStart(9) +
        r.slowest.toFixed(1).padStart(9) +
        `  ${(r.app.p50 / r.sql.p50).toFixed(2)}×`,
    );
  }
} finally {
  server.close();
  await direct.end();
  await database.close();
}
process.exit(0);
