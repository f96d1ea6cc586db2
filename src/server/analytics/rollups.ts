import { createHash } from 'node:crypto';
import { eq, inArray, sql, type SQL } from 'drizzle-orm';
import { latestClosedMonth, monthBounds, monthOf, monthsBetween, type Month } from '../../domain/aggregates.js';
import type { Db, Tx } from '../db/client.js';
import { analyticsDepartmentRollups, analyticsRollupMonths, analyticsRollups } from '../db/schema.js';
import { figures, readSums, zeros, type AnyRow, type Figure } from './sums.js';
import { organisationTimeZone } from './timeZone.js';

/**
 * Monthly rollups of hr's dashboard (ADR 0216). Closed months are frozen (ADR 0204), so when a month
 * closes a job sums it once per report — every figure's sums, read by the same statements the
 * dashboard uses for a month that is not rolled up — and the dashboard sums those rows per
 * department instead of reading a year of meetings. A late change to a closed month's data takes the
 * month (and the later ones) out of the rollups (trigger, migration `analytics_rollup_stale`) until
 * the job runs again; in between the dashboard computes those months from the meetings. Either way
 * the figures are the same; the answer says which months came from the rollups.
 */

/** Held exclusively by the job while it reads and records a month; writers to closed months take it shared (migration 0024). */
export const ROLLUP_LOCK = 0x7461_6972; // 'tair'

/** Each figure's sums in the order of its array in `analytics_rollups`. */
const keys = Object.fromEntries(figures.map((f) => [f, Object.keys(zeros[f]())])) as Record<Figure, string[]>;
/**
 * The arrays' layout: a month rolled up under another one (a figure gained a sum, a category was
 * added) is read from the meetings until the job rolls it up again.
 */
export const rollupLayout = createHash('sha256').update(JSON.stringify(keys)).digest('hex').slice(0, 16);
/** The figures with their own distinct people; early warnings count the practice figure's people. */
const peopleOf = { practice: 'practicePeople', quality: 'qualityPeople', topics: 'topicPeople', condition: 'conditionPeople' } as const;

type RollupRow = typeof analyticsRollups.$inferInsert;

/** The per-person rows `r` summed: each figure's distinct people and its array, entry by entry. */
const summed = sql.join(
  [
    sql`sum(r.practice_people)::int as "practicePeople", sum(r.quality_people)::int as "qualityPeople", sum(r.topic_people)::int as "topicPeople", sum(r.condition_people)::int as "conditionPeople"`,
    ...figures.map((f) => sql`array[${sql.join(keys[f].map((_, i) => sql`sum(r.${sql.identifier(f)}[${sql.raw(String(i + 1))}])::int`), sql`, `)}] as ${sql.identifier(f)}`),
  ],
  sql`, `,
);

/**
 * Sums `month`'s per-person rows per current department into `analytics_department_rollups`, in
 * `tx`, which holds ROLLUP_LOCK (so a department change waits for it, or it for the change).
 */
async function sumDepartments(tx: Tx, month: Month, now: Date): Promise<void> {
  await tx.update(analyticsRollupMonths).set({ departmentsAt: now }).where(eq(analyticsRollupMonths.month, month));
  await tx.delete(analyticsDepartmentRollups).where(eq(analyticsDepartmentRollups.month, month));
  const rows = await readSummed(
    tx as Db,
    sql`select e.department_id as group_id, r.month, ${summed}
        from analytics_rollups r join employees e on e.id = r.report_id
        where r.month = ${month}
        group by e.department_id, r.month`,
  );
  await tx.insert(analyticsDepartmentRollups).values({ month, departments: columnsOf(rows).get(month) ?? emptyColumns() });
}

/** Rolls up `month` (closed) in `tx`, which holds ROLLUP_LOCK: one row per report with anything that month. */
async function rollUpMonth(tx: Tx, month: Month, timeZone: string, now: Date): Promise<number> {
  const { start, end } = monthBounds(month, timeZone);
  const sums = await readSums(tx as Db, { start: start.toISOString(), end: end.toISOString(), timeZone }, 'report');
  const rows = new Map<string, RollupRow>();
  for (const f of figures) {
    for (const r of sums[f] as unknown as AnyRow[]) {
      const reportId = r.group_id!;
      let row = rows.get(reportId);
      if (!row) {
        row = { month, reportId, practicePeople: 0, qualityPeople: 0, topicPeople: 0, conditionPeople: 0, practice: [], quality: [], topics: [], condition: [], warnings: [] };
        for (const g of figures) row[g] = keys[g].map(() => 0);
        rows.set(reportId, row);
      }
      if (f !== 'warnings') row[peopleOf[f]] = r.people;
      row[f] = keys[f].map((k) => (r[k] as number | undefined) ?? 0);
    }
  }
  await tx.delete(analyticsRollups).where(eq(analyticsRollups.month, month));
  const all = [...rows.values()];
  for (let i = 0; i < all.length; i += 2000) await tx.insert(analyticsRollups).values(all.slice(i, i + 2000));
  await tx
    .insert(analyticsRollupMonths)
    .values({ month, timeZone, layout: rollupLayout, rolledUpAt: now })
    .onConflictDoUpdate({ target: analyticsRollupMonths.month, set: { timeZone, layout: rollupLayout, rolledUpAt: now, departmentsAt: null } });
  await sumDepartments(tx, month, now);
  return all.length;
}

/**
 * The job: rolls up every closed month since the first meeting that is not rolled up under the
 * current time zone and layout — the month that just closed, any month a late change took out, and
 * at first start all of history. Idempotent and safe with several processes (each month is rolled up
 * under ROLLUP_LOCK and skipped when another process did it meanwhile). A month closes by the earlier
 * of `now` and the database's clock, the one the stale-marking trigger goes by.
 */
export async function rollUpAnalytics(db: Db, now = new Date()): Promise<{ months: Month[]; rows: number; departments: Month[] }> {
  const timeZone = await organisationTimeZone(db);
  const { rows } = await db.execute<{ now: string; first: string | null }>(sql`select now() as now, (select min(starts_at) from meetings) as first`);
  if (!rows[0]!.first) return { months: [], rows: 0, departments: [] };
  const clock = new Date(Math.min(now.getTime(), new Date(rows[0]!.now).getTime()));
  const done = await db.select().from(analyticsRollupMonths);
  const current = (d: (typeof done)[number] | undefined) => !!d && d.timeZone === timeZone && d.layout === rollupLayout;
  const currentMonths = new Set(done.filter(current).map((d) => d.month));
  const first = monthOf(new Date(rows[0]!.first), timeZone);
  const last = latestClosedMonth(clock, timeZone);
  const due = first <= last ? monthsBetween(first, last).filter((m) => !currentMonths.has(m)) : [];
  // Rolled-up months whose per-department sums a department change made out of date.
  const resum = done.filter((d) => current(d) && !d.departmentsAt).map((d) => d.month);
  const out = { months: [] as Month[], rows: 0, departments: [] as Month[] };
  for (const month of [...due, ...resum].sort()) {
    await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${ROLLUP_LOCK})`);
      const [mark] = await tx.select().from(analyticsRollupMonths).where(eq(analyticsRollupMonths.month, month));
      if (!current(mark)) {
        out.rows += await rollUpMonth(tx, month, timeZone, clock);
        out.months.push(month);
      } else if (!mark!.departmentsAt) {
        await sumDepartments(tx, month, clock);
        out.departments.push(month);
      }
    });
  }
  return out;
}

/**
 * One month's sums per department, column by column: the departments (null: none), and per figure
 * (in `figures` order) the distinct people of each department and its sums, department after
 * department in the order of the figure's keys (`zeros`). Stored so in `analytics_department_rollups`
 * and read in one JSON parse, with a handful of arrays instead of an object per department.
 */
export interface MonthColumns {
  groups: (string | null)[];
  people: number[][];
  sums: number[][];
}
/** One figure's columns of one month, as `measure` in departments.ts reads them. */
export interface FigureColumns {
  month: Month;
  groups: readonly (string | null)[];
  people: readonly number[];
  sums: readonly number[];
}
export type FigureRows = Record<Figure, FigureColumns[]>;

const emptyColumns = (): MonthColumns => ({ groups: [], people: figures.map(() => []), sums: figures.map(() => []) });
/** Early warnings count the people of the practice figure (those with a meeting that month). */
const peopleIndex = (i: number) => (figures[i] === 'warnings' ? figures.indexOf('practice') : i);

/**
 * The dashboard's sums per (department of the report, month) over `months`: rolled-up months from
 * the per-department sums (or, after a move, from the per-person rows), the others from the
 * meetings. Also answers which months came from the rollups and when the newest of them was rolled up.
 */
export async function readDashboardSums(db: Db, months: readonly Month[], timeZone: string): Promise<{ rows: FigureRows; rollups: { months: Month[]; rolledUpAt: string | null } }> {
  const marks = await db.select().from(analyticsRollupMonths).where(inArray(analyticsRollupMonths.month, [...months]));
  const fresh = marks.filter((m) => m.timeZone === timeZone && m.layout === rollupLayout);
  const rolled = new Set(fresh.map((m) => m.month));
  const summedPerDepartment = fresh.filter((m) => m.departmentsAt).map((m) => m.month);
  const summedPerPerson = fresh.filter((m) => !m.departmentsAt).map((m) => m.month);
  const live = months.filter((m) => !rolled.has(m));
  const [perDepartment, perPerson, fromMeetings] = await Promise.all([
    summedPerDepartment.length ? readDepartmentRollups(db, summedPerDepartment) : new Map<Month, MonthColumns>(),
    summedPerPerson.length ? readRollups(db, summedPerPerson) : new Map<Month, MonthColumns>(),
    live.length
      ? readSums(db, { start: monthBounds(live[0]!, timeZone).start.toISOString(), end: monthBounds(live[live.length - 1]!, timeZone).end.toISOString(), timeZone }, 'department')
      : null,
  ]);
  const rows = Object.fromEntries(figures.map((f) => [f, [] as FigureColumns[]])) as FigureRows;
  for (const [month, c] of [...perDepartment, ...perPerson]) {
    figures.forEach((f, i) => rows[f].push({ month, groups: c.groups, people: c.people[peopleIndex(i)]!, sums: c.sums[i]! }));
  }
  const liveMonths = new Set(live);
  for (const f of figures) {
    const byMonth = new Map<Month, { month: Month; groups: (string | null)[]; people: number[]; sums: number[] }>();
    for (const r of (fromMeetings?.[f] ?? []) as unknown as AnyRow[]) {
      if (!liveMonths.has(r.month)) continue;
      let c = byMonth.get(r.month);
      if (!c) byMonth.set(r.month, (c = { month: r.month, groups: [], people: [], sums: [] }));
      c.groups.push(r.group_id);
      c.people.push(r.people);
      for (const k of keys[f]) c.sums.push(Number(r[k] ?? 0));
    }
    rows[f].push(...byMonth.values());
  }
  const newest = fresh.reduce<Date | null>((n, m) => (n && n > m.rolledUpAt ? n : m.rolledUpAt), null);
  return { rows, rollups: { months: [...rolled].sort(), rolledUpAt: newest?.toISOString() ?? null } };
}

/** A summed row as read: group, month, each figure's people, then each figure's array (in `figures` order). */
type SummedRow = [group: string | null, month: string, practicePeople: number, qualityPeople: number, topicPeople: number, conditionPeople: number, ...sums: number[][]];

/** Summed rows (per department and month) as columns per month. */
function columnsOf(rows: readonly SummedRow[]): Map<Month, MonthColumns> {
  const out = new Map<Month, MonthColumns>();
  for (const row of rows) {
    let c = out.get(row[1]);
    if (!c) out.set(row[1], (c = emptyColumns()));
    c.groups.push(row[0]);
    // People of practice, quality, topics and condition; early warnings read the practice column.
    figures.forEach((f, i) => {
      if (f !== 'warnings') c.people[i]!.push(row[2 + i] as number);
      c.sums[i]!.push(...(row[6 + i] as number[]));
    });
  }
  return out;
}

/** The rows of `from` (a select with the columns of SummedRow, in that order), read as one JSON array. */
async function readSummed(db: Db, from: SQL): Promise<SummedRow[]> {
  const columns = ['group_id', 'month', 'practicePeople', 'qualityPeople', 'topicPeople', 'conditionPeople', ...figures].map((c) => sql`s.${sql.identifier(c)}`);
  const { rows } = await db.execute<{ rows: SummedRow[] }>(sql`select coalesce(json_agg(json_build_array(${sql.join(columns, sql`, `)})), '[]'::json) as rows from (${from}) s`);
  return rows[0]!.rows;
}

/** The per-department sums of `months` (each summed since the last department change): one JSON value per month. */
async function readDepartmentRollups(db: Db, months: Month[]): Promise<Map<Month, MonthColumns>> {
  const rows = await db.select().from(analyticsDepartmentRollups).where(inArray(analyticsDepartmentRollups.month, months));
  return new Map(rows.map((r) => [r.month, r.departments as MonthColumns]));
}

/** The per-person rollups of `months` summed per (current department of the report, month). */
async function readRollups(db: Db, months: Month[]): Promise<Map<Month, MonthColumns>> {
  return columnsOf(
    await readSummed(
      db,
      sql`select e.department_id as group_id, r.month, ${summed}
          from analytics_rollups r
          join employees e on e.id = r.report_id
          where r.month in (${sql.join(months.map((m) => sql`${m}`), sql`, `)})
          group by e.department_id, r.month`,
    ),
  );
}
