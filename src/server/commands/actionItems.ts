import { asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import { localDateOf } from '../../domain/calendar.js';
import { defaultTimeZone } from '../../domain/limits.js';
import type { ActionItem, actionItemCreateSchema, actionItemUpdateSchema } from '../../domain/followUp.js';
import type { Actor } from '../../domain/roles.js';
import type { Db, Tx } from '../db/client.js';
import { actionItems, employees, series } from '../db/schema.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import { followUpPolicy } from '../policies/followUp.js';
import type { Pair } from '../policies/series.js';
import { meetingForChange } from './changeMeeting.js';

function assertOwner(pair: Pair, ownerId: string, support: boolean) {
  if (ownerId !== pair.managerId && ownerId !== pair.reportId) throw new ValidationError({ ownerId: { key: 'validation.actionItemOwner' } });
  // A support commitment is the manager's (SPEC §3.3: action items owned by the manager, marked as support).
  if (support && ownerId !== pair.managerId) throw new ValidationError({ support: { key: 'validation.supportOwner' } });
}

/** Adds a next step to a meeting (either side), owned by either of the pair. */
export async function addActionItem(props: { db: Db; actor: Actor; meetingId: string; input: z.output<typeof actionItemCreateSchema> }) {
  const { db, actor, meetingId, input } = props;
  return db.transaction(async (tx) => {
    const { m, s } = await meetingForChange(tx, actor, meetingId);
    assertOwner(s, input.ownerId, input.support);
    if (!followUpPolicy.meetingAbilities(actor, s, m).addActionItem) throw new ConflictError('errors.meetingNotOpen');
    const [row] = await tx
      .insert(actionItems)
      .values({ seriesId: s.id, meetingId: m.id, createdById: actor.employeeId, ...input })
      .returning({ id: actionItems.id });
    return row!.id;
  });
}

async function itemForChange(tx: Tx, actor: Actor, id: string) {
  const [row] = await tx
    .select({ a: actionItems, s: series })
    .from(actionItems)
    .innerJoin(series, eq(series.id, actionItems.seriesId))
    .where(eq(actionItems.id, id))
    .for('update', { of: actionItems });
  if (!row || !followUpPolicy.readPair(actor, row.s, row.a.createdById) || !followUpPolicy.actionItemAbilities(actor, row.s, row.a).update) {
    throw new NotFoundError('errors.actionItemNotFound');
  }
  return { ...row, abilities: followUpPolicy.actionItemAbilities(actor, row.s, row.a) };
}

/** Either side of the pair edits an action item, hands it to the other, or marks it done or open again. */
export async function updateActionItem(props: { db: Db; actor: Actor; id: string; input: z.output<typeof actionItemUpdateSchema>; now?: Date }) {
  const { db, actor, id, input } = props;
  const now = props.now ?? new Date();
  await db.transaction(async (tx) => {
    const { a, s, abilities } = await itemForChange(tx, actor, id);
    const ownerId = input.ownerId ?? a.ownerId;
    const supportChanged = input.support !== undefined && input.support !== a.support;
    if ((ownerId !== a.ownerId || supportChanged) && !abilities.handOver) throw new ForbiddenError();
    // Handing a support commitment to the report ends it being support, unless support is asked for explicitly.
    const support = input.support ?? (ownerId === s.managerId ? a.support : false);
    assertOwner(s, ownerId, support);
    const status = input.status ?? a.status;
    await tx
      .update(actionItems)
      .set({
        ...input,
        ownerId,
        support,
        doneAt: status === 'done' ? (a.status === 'done' ? a.doneAt : now) : null,
      })
      .where(eq(actionItems.id, a.id));
  });
}

/** Either side removes an action item. */
export async function removeActionItem(props: { db: Db; actor: Actor; id: string }) {
  await props.db.transaction(async (tx) => {
    const { a, abilities } = await itemForChange(tx, props.actor, props.id);
    if (!abilities.remove) throw new ForbiddenError();
    await tx.delete(actionItems).where(eq(actionItems.id, a.id));
  });
}

/** Today in the caller's own time zone (an item is overdue when its due date is before it). */
export async function todayFor(db: Tx, actor: Actor, now = new Date()): Promise<string> {
  const [me] = await db.select({ tz: employees.timeZone }).from(employees).where(eq(employees.id, actor.employeeId));
  return todayIn(me?.tz ?? null, now);
}

/** Today's date in a person's time zone (the default zone when they have none). */
export function todayIn(timeZone: string | null, now = new Date()): string {
  return localDateOf(now, timeZone ?? defaultTimeZone);
}

const owner = alias(employees, 'owner');
const mgr = alias(employees, 'ai_mgr');
const rep = alias(employees, 'ai_rep');
const person = <T extends typeof owner | typeof mgr | typeof rep>(t: T) => ({ id: t.id, familyName: t.familyName, givenName: t.givenName, title: t.title });

/**
 * A page of action items matching `where` (which must hold the caller's pair or team filter),
 * overdue first, then by due date (none last), then newest; in one query with its total.
 */
export async function listActionItems(db: Tx, actor: Actor, where: SQL, page: { page: number; pageSize: number }, today: string) {
  const overdue = sql<boolean>`(${actionItems.status} = 'open' and ${actionItems.dueDate} is not null and ${actionItems.dueDate} < ${today}::date)`;
  const rows = await db
    .select({
      a: actionItems,
      s: series,
      owner: person(owner),
      manager: person(mgr),
      report: person(rep),
      overdue,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(actionItems)
    .innerJoin(series, eq(series.id, actionItems.seriesId))
    .innerJoin(owner, eq(owner.id, actionItems.ownerId))
    .innerJoin(mgr, eq(mgr.id, series.managerId))
    .innerJoin(rep, eq(rep.id, series.reportId))
    .where(where)
    .orderBy(desc(overdue), sql`${actionItems.dueDate} asc nulls last`, desc(actionItems.createdAt), asc(actionItems.id))
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize);
  const items: ActionItem[] = rows.map((r) => ({
    id: r.a.id,
    seriesId: r.a.seriesId,
    meetingId: r.a.meetingId,
    title: r.a.title,
    owner: r.owner,
    ownerRole: r.a.ownerId === r.s.managerId ? 'manager' : 'report',
    partner: actor.employeeId === r.s.reportId ? r.manager : r.report,
    dueDate: r.a.dueDate,
    support: r.a.support,
    status: r.a.status,
    overdue: Boolean(r.overdue),
    doneAt: r.a.doneAt?.toISOString() ?? null,
    createdAt: r.a.createdAt.toISOString(),
    abilities: followUpPolicy.actionItemAbilities(actor, r.s, r.a),
  }));
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && page.page > 1) {
    const [c] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(actionItems)
      .innerJoin(series, eq(series.id, actionItems.seriesId))
      .where(where);
    total = c?.n ?? 0;
  }
  return { items, total, ...page };
}
