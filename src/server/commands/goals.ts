import { and, asc, eq, inArray, notInArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import { goalProgress, keyResultProgress, type Goal, type GoalRef, type goalCreateSchema, type goalProgressInputSchema, type goalUpdateSchema } from '../../domain/goals.js';
import type { PersonRef } from '../../domain/employees.js';
import type { Actor } from '../../domain/roles.js';
import type { Db, Tx } from '../db/client.js';
import { employees, goalKeyResults, goals, goalUpdates } from '../db/schema.js';
import { epochMs, personColumns, personJson } from '../db/json.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import { goalPolicy } from '../policies/goals.js';

type KeyResultInput = z.output<typeof goalCreateSchema>['keyResults'][number];

const owner = alias(employees, 'owner');
const author = alias(employees, 'entry_author');

/** The goal, locked, when the actor may read it; else 404 (nobody learns that a goal they cannot read exists). */
async function readableForChange(tx: Tx, actor: Actor, id: string) {
  const [g] = await tx
    .select()
    .from(goals)
    .where(and(eq(goals.id, id), goalPolicy.readableWhere(actor)))
    .for('update', { of: goals });
  if (!g) throw new NotFoundError('errors.goalNotFound');
  return g;
}

async function insertKeyResults(tx: Tx, goalId: string, items: KeyResultInput[], from = 0) {
  if (items.length === 0) return;
  await tx.insert(goalKeyResults).values(
    items.map((kr, i) => ({ goalId, title: kr.title, startValue: kr.startValue, target: kr.target, current: kr.startValue, unit: kr.unit, position: from + i })),
  );
}

/** Creates a goal of the actor's own, with its key results. */
export async function createGoal(props: { db: Db; actor: Actor; input: z.output<typeof goalCreateSchema> }) {
  const { db, actor, input } = props;
  if (!goalPolicy.create(actor)) throw new ForbiddenError();
  return db.transaction(async (tx) => {
    const { keyResults, ...rest } = input;
    const [row] = await tx
      .insert(goals)
      .values({ ...rest, ownerId: actor.employeeId })
      .returning({ id: goals.id });
    await insertKeyResults(tx, row!.id, keyResults);
    return row!.id;
  });
}

/** The owner edits, archives or reactivates a goal; a key-result list replaces the current one (ids kept). */
export async function updateGoal(props: { db: Db; actor: Actor; id: string; input: z.output<typeof goalUpdateSchema> }) {
  const { db, actor, id, input } = props;
  await db.transaction(async (tx) => {
    const g = await readableForChange(tx, actor, id);
    if (!goalPolicy.abilities(actor, g).edit) throw new ForbiddenError('errors.goalOwnerOnly');
    const { keyResults, ...rest } = input;
    if (keyResults) {
      const existing = await tx.select({ id: goalKeyResults.id }).from(goalKeyResults).where(eq(goalKeyResults.goalId, id));
      const known = new Set(existing.map((k) => k.id));
      const bad = keyResults.findIndex((k) => k.id !== undefined && !known.has(k.id));
      if (bad >= 0) throw new ValidationError({ [`keyResults.${bad}.id`]: { key: 'validation.goalKeyResult' } });
      const kept = keyResults.filter((k) => k.id !== undefined).map((k) => k.id!);
      await tx.delete(goalKeyResults).where(and(eq(goalKeyResults.goalId, id), kept.length ? notInArray(goalKeyResults.id, kept) : undefined));
      for (const [i, k] of keyResults.entries()) {
        if (k.id) await tx.update(goalKeyResults).set({ title: k.title, startValue: k.startValue, target: k.target, unit: k.unit, position: i }).where(eq(goalKeyResults.id, k.id));
      }
      for (const [i, k] of keyResults.entries()) if (!k.id) await insertKeyResults(tx, id, [k], i);
    }
    await tx.update(goals).set({ ...rest, updatedAt: new Date() }).where(eq(goals.id, id));
  });
}

/**
 * Posts a dated entry on a goal: the owner's progress update (a value and/or a comment), or a
 * partner's comment. A value from anyone but the owner is refused (403) and nothing is written.
 */
export async function postGoalEntry(props: { db: Db; actor: Actor; id: string; input: z.output<typeof goalProgressInputSchema> }) {
  const { db, actor, id, input } = props;
  return db.transaction(async (tx) => {
    const g = await readableForChange(tx, actor, id);
    const can = goalPolicy.abilities(actor, g);
    if (g.status !== 'active') throw new ConflictError('errors.goalArchived');
    const progress = input.value !== null || input.keyResultId !== null;
    if (progress && !can.updateProgress) throw new ForbiddenError('errors.goalOwnerOnly');
    if (!progress && !can.comment && !can.updateProgress) throw new ForbiddenError();
    const krs = await tx.select().from(goalKeyResults).where(eq(goalKeyResults.goalId, id));
    if (input.value !== null) {
      if (krs.length > 0) {
        const kr = krs.find((k) => k.id === input.keyResultId);
        if (!kr) throw new ValidationError({ keyResultId: { key: 'validation.goalKeyResult' } });
        await tx.update(goalKeyResults).set({ current: input.value }).where(eq(goalKeyResults.id, kr.id));
      } else {
        if (input.keyResultId !== null) throw new ValidationError({ keyResultId: { key: 'validation.goalKeyResult' } });
        if (input.value < 0 || input.value > 100) throw new ValidationError({ value: { key: 'validation.tooBig', params: { max: 100 } } });
        await tx.update(goals).set({ progress: Math.round(input.value) }).where(eq(goals.id, id));
      }
    } else if (input.keyResultId !== null && !krs.some((k) => k.id === input.keyResultId)) {
      throw new ValidationError({ keyResultId: { key: 'validation.goalKeyResult' } });
    }
    const [row] = await tx
      .insert(goalUpdates)
      .values({ goalId: id, authorId: actor.employeeId, kind: progress ? 'progress' : 'comment', keyResultId: input.keyResultId, value: input.value, comment: input.comment })
      .returning({ id: goalUpdates.id });
    await tx.update(goals).set({ updatedAt: new Date() }).where(eq(goals.id, id));
    return row!.id;
  });
}

/**
 * Goals matching `where` that the actor may read, with key results and entries (newest first;
 * `entriesSince` keeps only entries from that moment on, `entryLimit` caps them per goal).
 */
export async function loadGoals(db: Tx, actor: Actor, where: SQL | undefined, opts: { entriesSince?: Date; entryLimit?: number } = {}): Promise<Goal[]> {
  // One statement (ADR 0220): the readable goals, each with its key results and log as JSON.
  const rows = await db
    .select({ g: goals, owner: personColumns(owner), krs: keyResultsJson(db), entries: entriesJson(db) })
    .from(goals)
    .innerJoin(owner, eq(owner.id, goals.ownerId))
    .where(and(goalPolicy.readableWhere(actor), where))
    .orderBy(asc(goals.dueDate), asc(goals.createdAt));
  return presentGoals(actor, rows, opts);
}

type KeyResultFields = Omit<typeof goalKeyResults.$inferSelect, 'position'>;
type EntryFields = { e: Omit<typeof goalUpdates.$inferSelect, 'createdAt'> & { createdAt: number }; author: PersonRef };
type GoalFields = Omit<typeof goals.$inferSelect, 'createdAt' | 'updatedAt'> & { updatedAt: Date | number };
type GoalRow = { g: GoalFields; owner: PersonRef; krs: KeyResultFields[]; entries: EntryFields[] };

/** SQL sub-select: the key results of the outer query's goal (`goals`) as one JSON array in order. */
function keyResultsJson(db: Tx) {
  const k = goalKeyResults;
  return sql<KeyResultFields[]>`coalesce(${db
    .select({
      rows: sql`json_agg(json_build_object('id', ${k.id}, 'goalId', ${k.goalId}, 'title', ${k.title}, 'startValue', ${k.startValue}, 'target', ${k.target},
        'current', ${k.current}, 'unit', ${k.unit}) order by ${k.position})`,
    })
    .from(k)
    .where(eq(k.goalId, goals.id))}, '[]'::json)`;
}

/** SQL sub-select: the log of the outer query's goal (`goals`), newest first, as one JSON array. */
function entriesJson(db: Tx) {
  const u = goalUpdates;
  return sql<EntryFields[]>`coalesce(${db
    .select({
      rows: sql`json_agg(json_build_object(
        'e', json_build_object('id', ${u.id}, 'goalId', ${u.goalId}, 'authorId', ${u.authorId}, 'kind', ${u.kind}, 'keyResultId', ${u.keyResultId},
          'value', ${u.value}, 'comment', ${u.comment}, 'createdAt', ${epochMs(u.createdAt)}),
        'author', ${personJson(author)})
        order by ${u.createdAt} desc)`,
    })
    .from(u)
    .innerJoin(author, eq(author.id, u.authorId))
    .where(eq(u.goalId, goals.id))}, '[]'::json)`;
}

/**
 * SQL sub-select: the goals matching `where` that the actor may read (`goalPolicy.readableWhere`),
 * in `loadGoals`' order, as one JSON array of `GoalRow`s for `presentGoals` (ADR 0220).
 */
export function goalsJson(db: Tx, actor: Actor, where: SQL | undefined) {
  const g = goals;
  return sql<GoalRow[]>`coalesce(${db
    .select({
      rows: sql`json_agg(json_build_object(
        'g', json_build_object('id', ${g.id}, 'ownerId', ${g.ownerId}, 'kind', ${g.kind}, 'title', ${g.title}, 'description', ${g.description},
          'weight', ${g.weight}, 'dueDate', ${g.dueDate}, 'status', ${g.status}, 'progress', ${g.progress},
          'updatedAt', ${epochMs(g.updatedAt)}),
        'owner', ${personJson(owner)},
        'krs', ${keyResultsJson(db)}, 'entries', ${entriesJson(db)})
        order by ${g.dueDate}, ${g.createdAt})`,
    })
    .from(g)
    .innerJoin(owner, eq(owner.id, g.ownerId))
    .where(and(goalPolicy.readableWhere(actor), where))}, '[]'::json)`;
}

/** Goal rows with their progress, key results, the log entries asked for and the actor's abilities. */
export function presentGoals(actor: Actor, rows: GoalRow[], opts: { entriesSince?: Date; entryLimit?: number } = {}): Goal[] {
  if (rows.length === 0) return [];
  const since = opts.entriesSince?.getTime();
  return rows.map(({ g, owner: o, krs: mine, entries }) => {
    const titles = new Map(mine.map((k) => [k.id, k.title]));
    const log = entries.filter((e) => since === undefined || e.e.createdAt >= since);
    return {
      id: g.id,
      owner: o,
      kind: g.kind,
      title: g.title,
      description: g.description,
      weight: g.weight,
      dueDate: g.dueDate,
      status: g.status,
      progress: goalProgress(g.progress, mine),
      keyResults: mine.map((k) => ({ id: k.id, title: k.title, startValue: k.startValue, target: k.target, current: k.current, unit: k.unit, progress: keyResultProgress(k) })),
      entries: log.slice(0, opts.entryLimit ?? log.length).map(({ e, author: a }) => ({
        id: e.id,
        kind: e.kind,
        author: a,
        keyResultId: e.keyResultId,
        keyResultTitle: e.keyResultId ? (titles.get(e.keyResultId) ?? null) : null,
        value: e.value,
        comment: e.comment,
        createdAt: new Date(e.createdAt).toISOString(),
      })),
      updatedAt: new Date(g.updatedAt).toISOString(),
      abilities: goalPolicy.abilities(actor, g),
    };
  });
}

/** Short references of goals by id that the actor may read (for topics linked to a goal). */
export async function goalRefs(db: Tx, actor: Actor, ids: string[]): Promise<Map<string, GoalRef>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const full = await loadGoals(db, actor, inArray(goals.id, unique), { entryLimit: 0 });
  return new Map(full.map((g) => [g.id, { id: g.id, title: g.title, kind: g.kind, progress: g.progress, status: g.status }]));
}

/** Throws a field error unless `goalId` is an active goal owned by `reportId` (a topic's link). */
export async function assertTopicGoal(tx: Tx, goalId: string, reportId: string) {
  const [g] = await tx.select({ id: goals.id }).from(goals).where(and(eq(goals.id, goalId), eq(goals.ownerId, reportId), eq(goals.status, 'active')));
  if (!g) throw new ValidationError({ goalId: { key: 'validation.topicGoal' } });
}
