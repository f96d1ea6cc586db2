import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import { localDateOf } from '../../domain/calendar.js';
import { defaultTimeZone } from '../../domain/limits.js';
import type { ActionItem, actionItemCreateSchema, actionItemUpdateSchema } from '../../domain/followUp.js';
import type { Actor } from '../../domain/roles.js';
import type { PersonRef } from '../../domain/employees.js';
import type { Db, Tx } from '../db/client.js';
import { actionItems, employees, series } from '../db/schema.js';
import { epochMs, personColumns } from '../db/json.js';
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

/** An action item row as the lists read it: the item, its series (the pair) and the three people. */
interface ActionItemRow {
  a: Pick<typeof actionItems.$inferSelect, 'id' | 'seriesId' | 'meetingId' | 'ownerId' | 'createdById' | 'title' | 'dueDate' | 'support' | 'status' | 'doneAt' | 'createdAt'>;
  s: Pair & { status: typeof series.$inferSelect.status };
  owner: PersonRef;
  manager: PersonRef;
  report: PersonRef;
}

/** One action item as the caller sees it: its partner from the caller's side, and the caller's abilities on it. */
function presentActionItem(actor: Actor, r: ActionItemRow, overdue: boolean): ActionItem {
  return {
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
    overdue,
    doneAt: r.a.doneAt?.toISOString() ?? null,
    createdAt: r.a.createdAt.toISOString(),
    abilities: followUpPolicy.actionItemAbilities(actor, r.s, r.a),
  };
}

/** Whether an open item's due date has passed on `today` (the caller's calendar day). */
const isOverdue = (a: { status: string; dueDate: string | null }, today: string) => a.status === 'open' && a.dueDate !== null && a.dueDate < today;

type OpenItemJson = Omit<ActionItemRow['a'], 'doneAt' | 'createdAt'> & { createdAt: number };

/**
 * SQL, correlated with `series` (a scalar sub-select of a read that selects a series): at most
 * `limit` OPEN action items of that series matching `where`, as JSON, in the order of
 * `listActionItems` — overdue first, then by due date (nulls last), newest first. Among open items
 * the overdue ones are exactly those due earliest, so the order needs no "today" and the caller
 * marks them with `presentOpenActionItems`.
 */
export function openActionItemsJson(db: Tx, where: SQL, limit: number) {
  const a = actionItems;
  const rows = db
    .select({
      row: sql`json_build_object('id', ${a.id}, 'seriesId', ${a.seriesId}, 'meetingId', ${a.meetingId}, 'ownerId', ${a.ownerId}, 'createdById', ${a.createdById},
        'title', ${a.title}, 'dueDate', ${a.dueDate}, 'support', ${a.support}, 'status', ${a.status}, 'createdAt', ${epochMs(a.createdAt)})`.as('row'),
    })
    .from(a)
    .where(and(eq(a.seriesId, series.id), eq(a.status, 'open'), where))
    .orderBy(sql`${a.dueDate} asc nulls last`, desc(a.createdAt), asc(a.id))
    .limit(limit)
    .as('open_items');
  return sql<OpenItemJson[]>`(select coalesce(json_agg(${rows.row}), '[]'::json) from ${rows})`;
}

/** The rows of `openActionItemsJson` of the series `s` (whose two people are given) as the caller sees them on `today`. */
export function presentOpenActionItems(actor: Actor, s: ActionItemRow['s'], people: { manager: PersonRef; report: PersonRef }, rows: OpenItemJson[], today: string): ActionItem[] {
  return rows.map((j) => {
    const a = { ...j, doneAt: null, createdAt: new Date(Number(j.createdAt)) };
    const owner = a.ownerId === s.managerId ? people.manager : people.report;
    return presentActionItem(actor, { a, s, owner, ...people }, isOverdue(a, today));
  });
}

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
      owner: personColumns(owner),
      manager: personColumns(mgr),
      report: personColumns(rep),
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
  const items: ActionItem[] = rows.map((r) => presentActionItem(actor, r, Boolean(r.overdue)));
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
