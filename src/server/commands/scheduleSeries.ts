import { and, eq, inArray, notInArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { localDateOf } from '../../domain/calendar.js';
import type { Actor } from '../../domain/roles.js';
import { type seriesBulkCreateSchema, type seriesCreateSchema, type seriesUpdateSchema } from '../../domain/series.js';
import type { Db, Tx } from '../db/client.js';
import { departments, employees, series } from '../db/schema.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import { roleIn, seriesPolicy } from '../policies/series.js';
import { carryOver } from './carryOver.js';
import { dropUnpreparedFutureMeetings, ensureOccurrences } from './occurrences.js';

type Schedule = z.output<typeof seriesCreateSchema>['schedule'];

function assertNotPast(schedule: Schedule, now: Date) {
  if (schedule.startDate < localDateOf(now, schedule.timeZone)) {
    throw new ValidationError({ 'schedule.startDate': { key: 'validation.dateInPast' } });
  }
}

function scheduleColumns(schedule: Schedule) {
  const monthlyWeekday = schedule.cadence === 'monthlyWeekday';
  const weekly = schedule.cadence === 'weekly' || schedule.cadence === 'biweekly';
  return {
    cadence: schedule.cadence,
    weekday: weekly || monthlyWeekday ? (schedule.weekday ?? null) : null,
    dayOfMonth: schedule.cadence === 'monthlyDay' ? (schedule.dayOfMonth ?? null) : null,
    weekOfMonth: monthlyWeekday ? (schedule.weekOfMonth ?? null) : null,
    intervalDays: schedule.cadence === 'everyNDays' ? (schedule.intervalDays ?? null) : null,
    startDate: schedule.startDate,
    startTime: schedule.startTime,
    durationMinutes: schedule.durationMinutes,
    timeZone: schedule.timeZone,
  };
}

/** Inserts a series and generates its first three months of meetings. */
export async function insertSeries(
  tx: Tx,
  props: {
    managerId: string;
    reportId: string;
    purpose: string | null;
    schedule: Schedule;
    createdById: string | null;
    now?: Date;
    generateFrom?: string;
    /** `pending` waits for the report's yes and generates no meetings until then. */
    status?: 'active' | 'pending';
  },
) {
  const [row] = await tx
    .insert(series)
    .values({
      managerId: props.managerId,
      reportId: props.reportId,
      purpose: props.purpose,
      createdById: props.createdById,
      status: props.status ?? 'active',
      ...scheduleColumns(props.schedule),
    })
    .returning();
  await ensureOccurrences(tx, row!, props.now, props.generateFrom ?? props.schedule.startDate);
  return row!;
}

/**
 * Starts a 1on1 series between a report and their manager (the caller, or — for hr/admin — the
 * report's primary manager unless another is named). Refuses a series with oneself and a second
 * active series for the same pair.
 */
export async function scheduleSeries(props: { db: Db; actor: Actor; input: z.output<typeof seriesCreateSchema>; now?: Date }) {
  const { db, actor, input } = props;
  const now = props.now ?? new Date();
  assertNotPast(input.schedule, now);
  if (input.reportId === (input.managerId ?? actor.employeeId)) {
    throw new ValidationError({ reportId: { key: 'validation.seriesWithSelf' } });
  }
  return db.transaction(async (tx) => {
    const [report] = await tx
      .select({ id: employees.id, managerId: employees.managerId, active: employees.active })
      .from(employees)
      .where(eq(employees.id, input.reportId));
    if (!report || !report.active) throw new ConflictError('errors.employeeNotFound', {}, 'reportId');
    if (!seriesPolicy.create(actor, report)) throw new ForbiddenError();
    const privileged = actor.isHr || actor.isAdmin;
    const managerId = privileged ? (input.managerId ?? report.managerId) : actor.employeeId;
    if (!managerId) throw new ConflictError('errors.reportHasNoManager', {}, 'managerId');
    if (!privileged && input.managerId && input.managerId !== actor.employeeId) throw new ForbiddenError();
    if (managerId === report.id) throw new ValidationError({ reportId: { key: 'validation.seriesWithSelf' } });
    const [manager] = await tx.select({ active: employees.active }).from(employees).where(eq(employees.id, managerId));
    if (!manager?.active) throw new ConflictError('errors.managerNotFound', {}, 'managerId');
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`series:${managerId}:${report.id}`}))`);
    const existing = await tx
      .select({ id: series.id })
      .from(series)
      .where(and(eq(series.managerId, managerId), eq(series.reportId, report.id), notInArray(series.status, ['ended', 'declined'])))
      .limit(1);
    if (existing.length) throw new ConflictError('errors.seriesExists', {}, 'reportId');
    return insertSeries(tx, {
      managerId,
      reportId: report.id,
      // Nothing written: no stored default, so each reader sees the default purpose in their own language.
      purpose: input.purpose ?? null,
      schedule: input.schedule,
      createdById: actor.employeeId,
      now,
      generateFrom: input.schedule.startDate,
      status: seriesPolicy.needsAcceptance(report, managerId) ? 'pending' : 'active',
    });
  });
}

/**
 * hr/admin: a series for every active employee of a department (and its sub-departments) with
 * their primary manager, skipping pairs that already have one. Returns how many were created.
 */
export async function scheduleDepartment(props: { db: Db; actor: Actor; input: z.output<typeof seriesBulkCreateSchema>; now?: Date }) {
  const { db, actor, input } = props;
  if (!seriesPolicy.bulkCreate(actor)) throw new ForbiddenError();
  const now = props.now ?? new Date();
  assertNotPast(input.schedule, now);
  return db.transaction(async (tx) => {
    const [dept] = await tx.select({ id: departments.id }).from(departments).where(eq(departments.id, input.departmentId));
    if (!dept) throw new ConflictError('errors.departmentNotFound', {}, 'departmentId');
    const deptIds = input.includeSubdepartments
      ? (
          await tx.execute<{ id: string }>(sql`
            with recursive d(id) as (select ${input.departmentId}::uuid union all select x.id from departments x join d on x.parent_id = d.id)
            select id from d`)
        ).rows.map((r) => r.id)
      : [input.departmentId];
    const people = await tx
      .select({ id: employees.id, managerId: employees.managerId })
      .from(employees)
      .where(and(inArray(employees.departmentId, deptIds), eq(employees.active, true)));
    let created = 0;
    let skipped = 0;
    for (const p of people) {
      if (!p.managerId) {
        skipped++;
        continue;
      }
      const existing = await tx
        .select({ id: series.id })
        .from(series)
        .where(and(eq(series.managerId, p.managerId), eq(series.reportId, p.id), notInArray(series.status, ['ended', 'declined'])))
        .limit(1);
      if (existing.length) {
        skipped++;
        continue;
      }
      await insertSeries(tx, {
        managerId: p.managerId,
        reportId: p.id,
        purpose: null,
        schedule: input.schedule,
        createdById: actor.employeeId,
        now,
      });
      created++;
    }
    return { created, skipped };
  });
}

async function loadForChange(tx: Tx, actor: Actor, id: string) {
  const [s] = await tx.select().from(series).where(eq(series.id, id)).for('update');
  if (!s || roleIn(actor, s) === null) throw new NotFoundError('errors.seriesNotFound');
  return s;
}

/** Changes the purpose or the cadence; a new cadence replaces the unprepared future meetings. */
export async function updateSeries(props: { db: Db; actor: Actor; id: string; input: z.output<typeof seriesUpdateSchema>; now?: Date }) {
  const { db, actor, id, input } = props;
  const now = props.now ?? new Date();
  await db.transaction(async (tx) => {
    const s = await loadForChange(tx, actor, id);
    const abilities = seriesPolicy.abilities(actor, s);
    if (!abilities.update) throw new ForbiddenError();
    if (input.schedule) {
      if (actor.employeeId !== s.managerId) throw new ForbiddenError();
      assertNotPast(input.schedule, now);
    }
    const [updated] = await tx
      .update(series)
      .set({ ...(input.purpose !== undefined ? { purpose: input.purpose, purposeConfirmedAt: now } : {}), ...(input.schedule ? { ...scheduleColumns(input.schedule), generatedUntil: null } : {}) })
      .where(eq(series.id, id))
      .returning();
    if (input.schedule) {
      await dropUnpreparedFutureMeetings(tx, id, now);
      await ensureOccurrences(tx, updated!, now, input.schedule.startDate);
      await carryOver(tx, id, now);
    }
  });
}

/** Pauses, resumes or ends a series (its manager). Paused and ended series drop unprepared future meetings. */
export async function changeSeriesStatus(props: { db: Db; actor: Actor; id: string; action: 'pause' | 'resume' | 'end'; now?: Date }) {
  const { db, actor, id, action } = props;
  const now = props.now ?? new Date();
  await db.transaction(async (tx) => {
    const s = await loadForChange(tx, actor, id);
    // Only the manager runs the cadence; for them a refusal is about the series' state.
    if (actor.employeeId !== s.managerId) throw new ForbiddenError();
    if (!seriesPolicy.abilities(actor, s)[action]) throw new ConflictError('errors.seriesStatus');
    if (action === 'resume') {
      const [row] = await tx.update(series).set({ status: 'active', pausedAt: null, generatedUntil: null }).where(eq(series.id, id)).returning();
      const today = localDateOf(now, row!.timeZone);
      await ensureOccurrences(tx, row!, now, today > row!.startDate ? today : row!.startDate);
      await carryOver(tx, id, now);
      return;
    }
    await tx
      .update(series)
      .set(action === 'pause' ? { status: 'paused', pausedAt: now } : { status: 'ended', endedAt: now })
      .where(eq(series.id, id));
    await dropUnpreparedFutureMeetings(tx, id, now);
  });
}

/**
 * The report's answer to a pending series (SPEC §1): accepting starts it (meetings are generated
 * from then on), declining closes it for good. Only the report answers, only while pending.
 */
export async function answerSeries(props: { db: Db; actor: Actor; id: string; answer: 'accept' | 'decline'; now?: Date }) {
  const { db, actor, id, answer } = props;
  const now = props.now ?? new Date();
  await db.transaction(async (tx) => {
    const s = await loadForChange(tx, actor, id);
    if (actor.employeeId !== s.reportId) throw new ForbiddenError('errors.seriesPendingAnswer');
    if (!seriesPolicy.abilities(actor, s)[answer]) throw new ConflictError('errors.seriesNotPending');
    if (answer === 'decline') {
      await tx.update(series).set({ status: 'declined', endedAt: now }).where(eq(series.id, id));
      return;
    }
    const [row] = await tx.update(series).set({ status: 'active', generatedUntil: null }).where(eq(series.id, id)).returning();
    const today = localDateOf(now, row!.timeZone);
    await ensureOccurrences(tx, row!, now, today > row!.startDate ? today : row!.startDate);
  });
}
