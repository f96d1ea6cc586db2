/**
 * `npm run bench:seed`: a generated organisation of 10,000 employees with 3 years of weekly 1on1s,
 * for the benchmarks (`npm run bench`). Everything is generated set-based in SQL
 * (`insert … select … from generate_series`), deterministically: identifiers are md5 of the row's
 * coordinates and every "random" choice is a hash of them, so two runs build the same organisation.
 *
 * Target: DATABASE_URL, or a database `taiwa_bench` on 127.0.0.1:5432 (created if missing),
 * migrated with the app's migrations. An existing generated organisation is replaced (its database is
 * dropped and created again; a database with employees that are not generated is refused).
 *
 * Shape: employee 1 heads the company; employees 2–1,300 are managers in a 6-ary tree (5 levels),
 * each heading a department whose parent is their manager's; employees 1,301–10,000 report to the
 * 1,084 managers of the lowest level. Employees 1,301–1,310 are hr, 1,311–1,313 admins. Each
 * employee but the head has a weekly series with their manager since 3 years ago; past meetings are
 * held (acknowledged/shared/minutes draft) or cancelled (~9%, by either side, with a reason).
 * Held meetings get 0–3 topics (categories, pair or private), a check-in (~75%), the report's
 * reflection (~60%) and the manager's (~40%), and 0–2 action items. Every sign-in's password is
 * `bench-password`. Last, the dashboard's monthly rollups of every closed month are built (ADR 0216).
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { loadConfig } from '../src/server/config.js';
import { hashPassword } from '../src/server/auth.js';
import { connect } from '../src/server/db/client.js';
import { runMigrations } from '../src/server/db/migrate.js';
import { rollUpAnalytics } from '../src/server/analytics/rollups.js';
import { logger } from '../src/server/logger.js';
import { buildServices } from '../src/server/services.js';

export const benchUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/taiwa_bench';
export const BENCH_PASSWORD = 'bench-password';
const EMPLOYEES = Number(process.env.BENCH_EMPLOYEES || 10_000);
const MANAGERS = Math.round(EMPLOYEES * 0.13);
const WEEKS = Number(process.env.BENCH_WEEKS || 156);
const FUTURE_WEEKS = 4;

async function ensureDatabase(url: string) {
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.slice(1));
  u.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: u.toString() });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (rowCount) {
      // The audit log refuses TRUNCATE (ADR 0210), so an earlier generated organisation is replaced by
      // dropping its database — only when every employee in it is a generated one.
      const target = new pg.Client({ connectionString: url });
      await target.connect();
      const { rows } = await target
        .query<{ other: number }>(`select count(*) filter (where email not like '%@bench.example')::int as other from employees`)
        .catch(() => ({ rows: [{ other: 0 }] }));
      await target.end();
      if (rows[0]!.other > 0) throw new Error(`${name} holds ${rows[0]!.other} employees that are not generated; not replacing it`);
      await admin.query(`drop database ${JSON.stringify(name)} with (force)`);
    }
    await admin.query(`create database ${JSON.stringify(name)}`);
  } finally {
    await admin.end();
  }
}

/** Deterministic pseudo-random in [0,1) from integers (hash of the row's coordinates and a salt). */
const rnd = (expr: string, salt: number) => `((hashint8extended((${expr})::bigint, ${salt}) & 1048575)::float8 / 1048576)`;

const steps: [string, string][] = [
  ['settings', `insert into settings (key, value) values ('organisationName', 'ベンチ株式会社'), ('timeZone', 'Asia/Tokyo')`],
  [
    'departments',
    // One department per manager; its parent is the department of the manager's manager.
    `insert into departments (id, name, parent_id)
     select pg_temp.bench_id('d' || k)::uuid, case when k = 1 then '本社' else '部署 ' || k end,
            case when k = 1 then null else pg_temp.bench_id('d' || ((k - 2) / 6 + 1))::uuid end
     from generate_series(1, ${MANAGERS}) k order by k`,
  ],
  [
    'auth_user',
    `insert into auth_user (id, name, email, email_verified)
     select 'bench-' || i, '社員 ' || i, 'e' || i || '@bench.example', true from generate_series(1, ${EMPLOYEES}) i`,
  ],
  [
    'auth_account',
    `insert into auth_account (id, account_id, provider_id, user_id, password)
     select 'bench-account-' || i, 'bench-' || i, 'credential', 'bench-' || i, $1 from generate_series(1, ${EMPLOYEES}) i`,
  ],
  [
    'employees',
    `insert into employees (id, user_id, family_name, given_name, family_name_kana, given_name_kana, email, employee_number,
                            title, department_id, manager_id, is_hr, is_admin)
     select pg_temp.bench_id('e' || i)::uuid, 'bench-' || i,
            (array['佐藤','鈴木','高橋','田中','伊藤','渡辺','山本','中村','小林','加藤'])[1 + i % 10],
            (array['花子','太郎','美咲','健','陽菜','翔','結衣','大輔','さくら','蓮'])[1 + (i / 10) % 10],
            (array['サトウ','スズキ','タカハシ','タナカ','イトウ','ワタナベ','ヤマモト','ナカムラ','コバヤシ','カトウ'])[1 + i % 10],
            (array['ハナコ','タロウ','ミサキ','ケン','ヒナ','ショウ','ユイ','ダイスケ','サクラ','レン'])[1 + (i / 10) % 10],
            'e' || i || '@bench.example', 'B' || lpad(i::text, 6, '0'),
            case when i <= ${MANAGERS} then 'マネージャー' end,
            pg_temp.bench_id('d' || case when i <= ${MANAGERS} then i else mgr end)::uuid,
            case when i = 1 then null else pg_temp.bench_id('e' || mgr)::uuid end,
            i between ${MANAGERS + 1} and ${MANAGERS + 10}, i between ${MANAGERS + 11} and ${MANAGERS + 13}
     from (select i, case when i <= ${MANAGERS} then (i - 2) / 6 + 1
                          else ${Math.floor((MANAGERS - 2) / 6) + 2} + (i - ${MANAGERS + 1}) % ${MANAGERS - Math.floor((MANAGERS - 2) / 6) - 1} end as mgr
           from generate_series(1, ${EMPLOYEES}) i) x
     order by i`,
  ],
  [
    'series',
    `insert into series (id, manager_id, report_id, cadence, weekday, start_date, start_time, duration_minutes, status, generated_until, purpose_confirmed_at, created_at, updated_at)
     select pg_temp.bench_id('s' || e.employee_number)::uuid, e.manager_id, e.id, 'weekly', extract(isodow from start)::int, start,
            (array['09:30','10:00','11:00','13:30','15:00','16:30'])[1 + n % 6], 30,
            case when ${rnd('n', 11)} < 0.02 then 'paused' else 'active' end, start + ${(WEEKS + FUTURE_WEEKS) * 7},
            start - 7, start - 7, start - 7
     from (select e.*, substr(e.employee_number, 2)::int as n,
                  (date_trunc('week', now() at time zone 'Asia/Tokyo')::date - ${WEEKS * 7} + (substr(e.employee_number, 2)::int % 5)) as start
           from employees e where e.manager_id is not null) e`,
  ],
  [
    'meetings',
    `insert into meetings (id, series_id, starts_at, duration_minutes, original_date, status, cancelled_at, cancel_reason, cancelled_by_id, started_at, created_at, updated_at)
     select pg_temp.bench_id('m' || n || '-' || w)::uuid, s.id, at, 30, day, st,
            case when st = 'cancelled' then at - interval '1 day' end,
            case when st = 'cancelled' then (array['出張のため','急な顧客対応','体調不良','休暇','会議が重なったため'])[1 + (n + w) % 5] end,
            case when st = 'cancelled' then case when ${rnd('n * 1000 + w', 3)} < 0.6 then s.manager_id else s.report_id end end,
            case when st in ('minutesDraft','shared','acknowledged') then at end,
            s.start_date - 7, least(now(), at)
     from (select s.*, substr(e.employee_number, 2)::int as n from series s join employees e on e.id = s.report_id) s
     cross join generate_series(0, ${WEEKS + FUTURE_WEEKS - 1}) w
     cross join lateral (select s.start_date + 7 * w as day) d
     cross join lateral (select ((d.day + s.start_time::time) at time zone 'Asia/Tokyo') as at) a
     cross join lateral (
       select case when a.at > now() then 'scheduled'
                   when ${rnd('n * 1000 + w', 1)} < 0.09 then 'cancelled'
                   when a.at > now() - interval '7 days' then 'minutesDraft'
                   when ${rnd('n * 1000 + w', 2)} < 0.12 then 'shared'
                   else 'acknowledged' end as st) t`,
  ],
  [
    'topics',
    `insert into topics (id, meeting_id, author_id, title, category, wanted_response, visibility, position, discussed, shared_at, created_at, updated_at)
     select pg_temp.bench_id('t' || h.id || '-' || j)::uuid, h.id, case when ${rnd('h.k * 4 + j', 5)} < 0.7 then s.report_id else s.manager_id end,
            'トピック ' || j, (array['career','skills','workChallenges','relationships','condition','goals','feedback','other'])[1 + floor(${rnd('h.k * 4 + j', 6)} * 8)::int],
            (array['listen','advice','thinkTogether','decide','feedback'])[1 + floor(${rnd('h.k * 4 + j', 7)} * 5)::int],
            case when h.status = 'scheduled' and ${rnd('h.k * 4 + j', 8)} < 0.5 then 'private' else 'pair' end, j, h.status <> 'scheduled',
            case when not (h.status = 'scheduled' and ${rnd('h.k * 4 + j', 8)} < 0.5) then least(now(), h.starts_at - interval '1 day') end,
            least(now(), h.starts_at - interval '2 days'), least(now(), h.starts_at - interval '1 day')
     from (select m.*, ('x' || substr(m.id::text, 1, 8))::bit(32)::int::bigint as k from meetings m where m.status <> 'cancelled') h
     join series s on s.id = h.series_id
     cross join generate_series(1, 3) j
     where j <= floor(${rnd('h.k', 4)} * 3.2)`,
  ],
  [
    'check_ins',
    `insert into check_ins (id, meeting_id, report_id, score, created_at, updated_at)
     select pg_temp.bench_id('c' || m.id)::uuid, m.id, s.report_id,
            least(5, greatest(1, 3 + round((${rnd("('x' || substr(m.id::text, 1, 8))::bit(32)::int", 9)} - 0.42) * 4.4)::int)),
            m.starts_at - interval '2 hours', m.starts_at - interval '2 hours'
     from meetings m join series s on s.id = m.series_id
     where m.status in ('minutesDraft','shared','acknowledged') and ${rnd("('x' || substr(m.id::text, 1, 8))::bit(32)::int", 10)} < 0.75`,
  ],
  [
    'reflections',
    `insert into reflections (id, meeting_id, author_id, role, felt_heard, useful, own_listening, created_at, updated_at)
     select pg_temp.bench_id('r' || m.id || r.role)::uuid, m.id, case r.role when 'report' then s.report_id else s.manager_id end, r.role,
            case r.role when 'report' then 2 + floor(${rnd("('x' || substr(m.id::text, 1, 8))::bit(32)::int", 12)} * 4)::int end,
            case r.role when 'report' then 2 + floor(${rnd("('x' || substr(m.id::text, 1, 8))::bit(32)::int", 13)} * 4)::int end,
            case r.role when 'manager' then 2 + floor(${rnd("('x' || substr(m.id::text, 1, 8))::bit(32)::int", 14)} * 4)::int end,
            m.starts_at + interval '1 day', m.starts_at + interval '1 day'
     from meetings m join series s on s.id = m.series_id
     cross join (values ('report', 0.6, 15), ('manager', 0.4, 16)) r(role, share, salt)
     where m.status in ('shared','acknowledged')
       and ((hashint8extended(('x' || substr(m.id::text, 1, 8))::bit(32)::int::bigint, r.salt) & 1048575)::float8 / 1048576) < r.share`,
  ],
  [
    'action_items',
    `insert into action_items (id, series_id, meeting_id, owner_id, created_by_id, title, due_date, support, status, done_at, created_at, updated_at)
     select pg_temp.bench_id('a' || m.id || j)::uuid, m.series_id, m.id, case when j = 1 then s.report_id else s.manager_id end, s.manager_id,
            'ネクストステップ ' || j, (m.starts_at + interval '7 days')::date, j = 2,
            case when m.starts_at < now() - interval '14 days' and ${rnd("('x' || substr(m.id::text, 1, 8))::bit(32)::int + j", 18)} < 0.85 then 'done' else 'open' end,
            case when m.starts_at < now() - interval '14 days' and ${rnd("('x' || substr(m.id::text, 1, 8))::bit(32)::int + j", 18)} < 0.85 then m.starts_at + interval '5 days' end,
            m.starts_at + interval '30 minutes', m.starts_at + interval '30 minutes'
     from meetings m join series s on s.id = m.series_id
     cross join generate_series(1, 2) j
     where m.status in ('shared','acknowledged') and j <= floor(${rnd("('x' || substr(m.id::text, 1, 8))::bit(32)::int", 17)} * 2.5)`,
  ],
];

async function main() {
  const started = performance.now();
  await ensureDatabase(benchUrl);
  await runMigrations(benchUrl);
  const log = logger.child({}, { level: 'silent' });
  const database = connect(benchUrl, 2);
  const config = { ...loadConfig({}), logLevel: 'silent' as const };
  const services = buildServices({ database, config, secret: randomUUID() + randomUUID(), log });
  const hash = await hashPassword(services.auth, BENCH_PASSWORD);
  const client = await database.pool.connect();
  const counts: [string, number, number][] = [];
  try {
    await client.query('set synchronous_commit = off');
    // md5 of the row's coordinates shaped as a version-4 UUID (the API's id schema checks the version); session-local.
    await client.query(`create function pg_temp.bench_id(t text) returns uuid language sql immutable
                        as $$ select overlay(overlay(md5(t) placing '4' from 13) placing '8' from 17)::uuid $$`);
    await client.query('begin');
    for (const [name, text] of steps) {
      const t = performance.now();
      // The audit log refuses TRUNCATE (ADR 0210); this generated organisation replaces everything, its
      // audit events included, so the clear step alone runs with user triggers off.
      if (name === 'clear') await client.query('set local session_replication_role = replica');
      const r = await client.query(text, text.includes('$1') ? [hash] : []);
      if (name === 'clear') await client.query('set local session_replication_role = origin');
      counts.push([name, r.rowCount ?? 0, performance.now() - t]);
      console.log(`${name.padEnd(14)}${String(r.rowCount ?? 0).padStart(10)} rows ${((performance.now() - t) / 1000).toFixed(1).padStart(7)} s`);
    }
    await client.query('commit');
    const t = performance.now();
    await client.query('vacuum analyze');
    console.log(`${'vacuum analyze'.padEnd(14)}${''.padStart(10)}      ${((performance.now() - t) / 1000).toFixed(1).padStart(7)} s`);
    // The dashboard's monthly rollups of every closed month, as the job builds them at a first start (ADR 0216).
    const r0 = performance.now();
    const rolled = await rollUpAnalytics(database.db);
    await client.query('analyze analytics_rollups');
    console.log(`${'rollups'.padEnd(14)}${String(rolled.rows).padStart(10)} rows ${((performance.now() - r0) / 1000).toFixed(1).padStart(7)} s (${rolled.months.length} months)`);
  } catch (e) {
    await client.query('rollback').catch(() => undefined);
    throw e;
  } finally {
    client.release();
    await database.close();
  }
  const total = counts.reduce((n, [, c]) => n + c, 0);
  console.log(`\n${total} rows into ${new URL(benchUrl).pathname.slice(1)} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  process.exit(0);
}

await main();
