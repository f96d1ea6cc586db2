import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { baselineOf, topicCategories } from '../../domain/agenda.js';
import { addMonths, latestClosedMonth, monthBounds, monthOf } from '../../domain/aggregates.js';
import { earlyWarning, sustainedDrop, type AnalyticsDepartments } from '../../domain/analytics.js';
import { seededRandom } from '../../domain/random.js';
import { cancelCategories } from '../../domain/series.js';
import { analyticsRollupMonths, analyticsRollups, checkIns, departments, employees, meetings, reflections, series, topics } from '../db/schema.js';
import { testApp } from '../test/app.js';
import { testDatabase } from '../test/database.js';
import { insertPeople, type InsertedPerson } from '../test/factories.js';
import { noDatabase } from '../test/provided.js';
import { departmentAnalytics } from './departments.js';
import { rollUpAnalytics } from './rollups.js';

const tz = 'Asia/Tokyo';
const DAY = 86_400_000;

describe.skipIf(noDatabase)('analytics rollups: the same figures as the meetings give', () => {
  const database = testDatabase();
  const now = new Date();
  const latest = latestClosedMonth(now, tz);
  const from = addMonths(latest, -5);
  /** A parent department with two children (one with a child of its own), and people without a department. */
  const dept: Record<'top' | 'a' | 'b' | 'a1', string> = { top: '', a: '', b: '', a1: '' };
  let people: InsertedPerson[] = [];

  beforeAll(async () => {
    const { services } = testApp(database);
    const db = database.db;
    const [top] = await db.insert(departments).values({ name: '本部' }).returning();
    const [a] = await db.insert(departments).values({ name: '営業部', parentId: top!.id }).returning();
    const [b] = await db.insert(departments).values({ name: '開発部', parentId: top!.id }).returning();
    const [a1] = await db.insert(departments).values({ name: '営業一課', parentId: a!.id }).returning();
    Object.assign(dept, { top: top!.id, a: a!.id, b: b!.id, a1: a1!.id });
    const [boss] = await insertPeople(db, services.auth, [{ familyName: '黒田', givenName: '一郎', departmentId: top!.id }]);
    const homes = [a!.id, a1!.id, b!.id, top!.id, null];
    people = await insertPeople(
      db,
      services.auth,
      Array.from({ length: 26 }, (_, i) => ({ familyName: '社員', givenName: `${i}`, departmentId: homes[i % homes.length], managerId: boss!.id })),
    );
    // Deterministic, so a failing dataset can be built again.
    const rnd = seededRandom(20261202);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
    // A year of weekly meetings (some series sparse, one pending), with everything the dashboard counts.
    const first = monthBounds(addMonths(latest, -11), tz).start.getTime();
    for (const [i, p] of people.entries()) {
      const managerId = i % 7 === 6 ? people[(i + 1) % people.length]!.id : boss!.id;
      const status = i === 3 ? 'pending' : i === 8 ? 'declined' : i % 5 === 1 ? 'paused' : 'active';
      const [s] = await db
        .insert(series)
        .values({ managerId, reportId: p.id, cadence: 'weekly', weekday: 2, startDate: new Date(first).toISOString().slice(0, 10), startTime: '10:00', status, createdById: managerId })
        .returning();
      const every = i % 6 === 0 ? 5 : 1; // a sparse series: a meeting every five weeks
      for (let t = first + (i % 7) * DAY + 3_600_000 * 9; t < now.getTime() + 14 * DAY; t += 7 * DAY * every) {
        const past = t < now.getTime();
        const r = rnd();
        const meetingStatus = !past ? 'scheduled' : r < 0.25 ? 'cancelled' : r < 0.3 ? 'scheduled' : pick(['minutesDraft', 'shared', 'acknowledged'] as const);
        const [m] = await db
          .insert(meetings)
          .values({
            seriesId: s!.id,
            startsAt: new Date(t),
            durationMinutes: 30,
            extra: rnd() < 0.05,
            status: meetingStatus,
            ...(meetingStatus === 'cancelled'
              ? { cancelledAt: new Date(t - DAY), cancelledById: rnd() < 0.5 ? managerId : p.id, cancelReason: '都合', cancelCategory: rnd() < 0.2 ? null : pick(cancelCategories) }
              : {}),
          })
          .returning();
        if (!past) continue;
        // Condition: a few people drop and stay down now and then.
        if (rnd() < 0.8) await db.insert(checkIns).values({ meetingId: m!.id, reportId: p.id, score: i % 4 === 0 && rnd() < 0.4 ? 1 : 3 + Math.floor(rnd() * 3) });
        if (meetingStatus !== 'cancelled' && rnd() < 0.7) {
          await db.insert(reflections).values({ meetingId: m!.id, authorId: p.id, role: 'report', feltHeard: rnd() < 0.1 ? null : 1 + Math.floor(rnd() * 5), useful: 1 + Math.floor(rnd() * 5) });
        }
        if (meetingStatus !== 'cancelled' && rnd() < 0.3) await db.insert(reflections).values({ meetingId: m!.id, authorId: managerId, role: 'manager', ownListening: 3 });
        for (let k = Math.floor(rnd() * 3); k > 0; k--) {
          await db.insert(topics).values({ meetingId: m!.id, authorId: rnd() < 0.7 ? p.id : managerId, title: 'トピック', category: pick(topicCategories), wantedResponse: 'listen', visibility: rnd() < 0.8 ? 'pair' : 'private' });
        }
      }
    }
  }, 120_000);

  /** Every page of the dashboard: the organisation and each department, over the default six months and over one month. */
  async function dashboards(at = now) {
    const out: AnalyticsDepartments[] = [];
    for (const department of [undefined, ...Object.values(dept)]) {
      out.push(await departmentAnalytics({ db: database.db, now: at, department }));
      out.push(await departmentAnalytics({ db: database.db, now: at, department, from: latest, to: latest }));
    }
    return out;
  }
  const withoutRollups = (pages: AnalyticsDepartments[]) => pages.map(({ rollups: _r, ...rest }) => rest);
  /** The dashboard computed from the meetings alone (the rollup months set aside meanwhile). */
  async function fromMeetings() {
    const marks = await database.db.select().from(analyticsRollupMonths);
    await database.db.delete(analyticsRollupMonths);
    try {
      const pages = await dashboards();
      for (const p of pages) expect(p.rollups.months).toEqual([]);
      return withoutRollups(pages);
    } finally {
      if (marks.length) await database.db.insert(analyticsRollupMonths).values(marks);
    }
  }

  it('a month is rolled up once it closes, and only then; all of history is caught up first', async () => {
    const beforeClose = new Date(monthBounds(latest, tz).closesAt.getTime() - 3_600_000);
    const first = await rollUpAnalytics(database.db, beforeClose);
    expect(first.months[0]).toBe(monthOf(new Date(monthBounds(addMonths(latest, -11), tz).start.getTime()), tz));
    expect(first.months).not.toContain(latest);
    expect(first.months[first.months.length - 1]).toBe(addMonths(latest, -1));
    const closed = await rollUpAnalytics(database.db, now);
    expect(closed.months).toEqual([latest]);
    expect(closed.rows).toBeGreaterThan(0);
    // Idempotent: nothing is due, nothing is written again.
    const rows = await database.db.select({ n: sql<number>`count(*)::int` }).from(analyticsRollups);
    expect(await rollUpAnalytics(database.db, now)).toEqual({ months: [], rows: 0, departments: [] });
    // Each month is also summed per department when it is rolled up.
    expect((await database.db.select().from(analyticsRollupMonths)).every((m) => m.departmentsAt !== null)).toBe(true);
    expect(await database.db.select({ n: sql<number>`count(*)::int` }).from(analyticsRollups)).toEqual(rows);
    // Never a month that has not closed, whatever the clock says.
    expect((await database.db.select().from(analyticsRollupMonths)).map((m) => m.month)).not.toContain(monthOf(now, tz));
  });

  it('the dashboard read from the rollups equals the dashboard computed from the meetings, page by page', async () => {
    const rolled = await dashboards();
    for (const p of rolled) expect(p.rollups.months).toEqual(p.months.map((m) => m.month));
    expect(rolled[0]!.rollups.rolledUpAt).not.toBeNull();
    const live = await fromMeetings();
    expect(withoutRollups(rolled)).toEqual(live);
    // The dataset exercises what the figures count: shown months, cancellations, ratings, warnings.
    const org = rolled[0]!;
    expect(org.summary.practice).toMatchObject({ shown: true });
    expect(org.distributions.warnings).toMatchObject({ shown: true });
    const w = org.distributions.warnings;
    expect(w.shown && w.sustainedDrops + w.repeatedCancellations).toBeGreaterThan(0);
  });

  it('early warnings are those of every check-in judged against the whole history before it', async () => {
    const org = (await dashboards())[0]!;
    const start = monthBounds(from, tz).start.getTime();
    const end = monthBounds(latest, tz).end.getTime();
    // Straight from the definition: every report's check-ins in order, each judged on all those before it.
    const rows = await database.db
      .select({ reportId: checkIns.reportId, score: checkIns.score, startsAt: meetings.startsAt })
      .from(checkIns)
      .innerJoin(meetings, eq(meetings.id, checkIns.meetingId))
      .orderBy(checkIns.reportId, meetings.startsAt);
    const flagged = new Set<string>();
    const byReport = new Map<string, typeof rows>();
    for (const r of rows) byReport.set(r.reportId, [...(byReport.get(r.reportId) ?? []), r]);
    for (const [reportId, list] of byReport) {
      for (let i = 0; i < list.length; i++) {
        const t = list[i]!.startsAt.getTime();
        if (t < start || t >= end) continue;
        const before = list.slice(0, i - earlyWarning.dropStreak + 1).map((x) => x.score);
        const streak = list.slice(i - earlyWarning.dropStreak + 1, i + 1).map((x) => x.score);
        const baseline = baselineOf(before);
        const drop = i + 1 >= earlyWarning.dropStreak && before.length >= earlyWarning.baselineMinimum && streak.every((s) => s <= baseline! - earlyWarning.dropPoints);
        expect(sustainedDrop(list.slice(0, i + 1).map((x) => x.score))).toBe(drop);
        if (drop) flagged.add(`${reportId}|${monthOf(list[i]!.startsAt, tz)}`);
      }
    }
    // Counted in the month of each group with a meeting: here every report has meetings every month but the sparse and pending ones.
    const months = new Map<string, Set<string>>();
    const counted = await database.db.execute<{ report_id: string; month: string }>(sql`
      select distinct s.report_id, to_char(m.starts_at at time zone ${tz}, 'YYYY-MM') as month
      from meetings m join series s on s.id = m.series_id where s.status not in ('pending', 'declined')`);
    for (const r of counted.rows) months.set(r.month, (months.get(r.month) ?? new Set()).add(r.report_id));
    const w = org.distributions.warnings;
    expect(w.shown).toBe(true);
    // The organisation's months are all shown here (many people), so the total is every flagged report-month whose department had a meeting.
    expect(org.months.every((m) => m.practice.shown)).toBe(true);
    expect(w.shown && w.sustainedDrops).toBe([...flagged].filter((k) => (months.get(k.split('|')[1]!)?.size ?? 0) > 0).length);
    expect(flagged.size).toBeGreaterThan(0);
  });

  it('a late change to a closed month takes it and the later months out of the rollups until the job runs again', async () => {
    const db = database.db;
    const month = addMonths(latest, -2);
    const [target] = await db
      .select({ id: checkIns.id, score: checkIns.score })
      .from(checkIns)
      .innerJoin(meetings, eq(meetings.id, checkIns.meetingId))
      .where(sql`${meetings.startsAt} >= ${monthBounds(month, tz).start.toISOString()} and ${meetings.startsAt} < ${monthBounds(month, tz).end.toISOString()}`)
      .limit(1);
    await db.update(checkIns).set({ score: target!.score === 1 ? 5 : 1 }).where(eq(checkIns.id, target!.id));
    const marks = (await db.select().from(analyticsRollupMonths)).map((m) => m.month).sort();
    expect(marks[marks.length - 1]).toBe(addMonths(month, -1));
    // Meanwhile the dashboard reads those months from the meetings: the figures include the change.
    const mixed = await dashboards();
    expect(mixed[0]!.rollups.months).toEqual([from, addMonths(from, 1), addMonths(from, 2)].filter((m) => m < month));
    expect(withoutRollups(mixed)).toEqual(await fromMeetings());
    // A write to the month under way takes nothing out.
    const [current] = await db.select({ id: meetings.id }).from(meetings).where(sql`${meetings.startsAt} > now()`).limit(1);
    await db.update(meetings).set({ status: 'cancelled' }).where(eq(meetings.id, current!.id));
    expect((await db.select().from(analyticsRollupMonths)).length).toBe(marks.length);
    const again = await rollUpAnalytics(db, now);
    expect(again.months).toEqual([month, addMonths(month, 1), addMonths(month, 2)]);
    const rolled = await dashboards();
    expect(rolled[0]!.rollups.months).toHaveLength(6);
    expect(withoutRollups(rolled)).toEqual(withoutRollups(mixed));
  });

  it('a move to another department re-attributes the person’s rolled-up months as it does their meetings', async () => {
    const db = database.db;
    await db.update(employees).set({ departmentId: dept.b }).where(eq(employees.id, people[0]!.id));
    await db.update(employees).set({ departmentId: null }).where(eq(employees.id, people[1]!.id));
    // The per-department sums are out of date: the months are summed from the per-person rows meanwhile.
    expect((await db.select().from(analyticsRollupMonths)).every((m) => m.departmentsAt === null)).toBe(true);
    const rolled = await dashboards();
    expect(rolled[0]!.rollups.months).toHaveLength(6);
    const live = await fromMeetings();
    expect(withoutRollups(rolled)).toEqual(live);
    // An update that moves nobody leaves them alone.
    const again = await rollUpAnalytics(db, now);
    expect(again.months).toEqual([]);
    expect(again.departments.length).toBeGreaterThanOrEqual(6);
    await db.update(employees).set({ title: '主任' }).where(eq(employees.id, people[2]!.id));
    expect((await db.select().from(analyticsRollupMonths)).every((m) => m.departmentsAt !== null)).toBe(true);
    // Summed per department again, the pages are the same.
    expect(withoutRollups(await dashboards())).toEqual(live);
    const [sums] = await db.execute<{ n: number }>(sql`select coalesce(sum(json_array_length(departments->'groups')), 0)::int as n from analytics_department_rollups`).then((r) => r.rows);
    expect(sums!.n).toBeGreaterThan(0);
  });

  it('the job sums a month only once a move under way has committed, and sums it with the move', async () => {
    const db = database.db;
    // One month's per-department sums are due again.
    await db.update(analyticsRollupMonths).set({ departmentsAt: null }).where(eq(analyticsRollupMonths.month, latest));
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let moved!: () => void;
    const inside = new Promise<void>((r) => (moved = r));
    // A move under way (not committed): its trigger holds the rollup lock shared.
    const move = db.transaction(async (tx) => {
      await tx.update(employees).set({ departmentId: dept.a1 }).where(eq(employees.id, people[0]!.id));
      moved();
      await held;
    });
    await inside;
    let done = false;
    const job = rollUpAnalytics(db, now).then((r) => ((done = true), r));
    await new Promise((r) => setTimeout(r, 500));
    expect(done).toBe(false);
    release();
    await move;
    expect((await job).departments).toEqual([latest]);
    // The month was summed with the move; the others wait for the next run and are read per person meanwhile.
    expect(withoutRollups(await dashboards())).toEqual(await fromMeetings());
    expect((await rollUpAnalytics(db, now)).departments.length).toBeGreaterThanOrEqual(5);
    expect(withoutRollups(await dashboards())).toEqual(await fromMeetings());
  });

  it('a change of the organisation’s time zone sets every rolled-up month aside until rolled up again', async () => {
    const db = database.db;
    await db.execute(sql`insert into settings (key, value) values ('timeZone', 'America/New_York') on conflict (key) do update set value = excluded.value`);
    try {
      const pages = await departmentAnalytics({ db, now });
      expect(pages.rollups.months).toEqual([]);
    } finally {
      await db.execute(sql`delete from settings where key = 'timeZone'`);
    }
  });
});
