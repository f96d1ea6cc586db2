import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { PersonRef } from '../../domain/employees.js';
import type { FeedbackRecord, feedbackCreateSchema, feedbackUpdateSchema } from '../../domain/followUp.js';
import type { Actor } from '../../domain/roles.js';
import type { Db, Tx } from '../db/client.js';
import { employees, feedbackRecords, series } from '../db/schema.js';
import { epochMs, personColumns, personJson } from '../db/json.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import { followUpPolicy } from '../policies/followUp.js';
import { seriesPolicy, type Pair } from '../policies/series.js';
import { meetingForChange } from './changeMeeting.js';

type Input = z.output<typeof feedbackCreateSchema>;

/** The receiver must be the other person of the pair (feedback is given to the partner). */
function assertReceiver(actor: Actor, pair: Pair, receiverId: string) {
  const partner = actor.employeeId === pair.managerId ? pair.reportId : pair.managerId;
  if (receiverId !== partner) throw new ValidationError({ receiverId: { key: 'validation.feedbackReceiver' } });
}

/** Fact-based feedback given in a meeting (either side, to the partner). */
export async function giveMeetingFeedback(props: { db: Db; actor: Actor; meetingId: string; input: Input }) {
  const { db, actor, meetingId, input } = props;
  return db.transaction(async (tx) => {
    const { m, s } = await meetingForChange(tx, actor, meetingId);
    assertReceiver(actor, s, input.receiverId);
    if (!followUpPolicy.meetingAbilities(actor, s, m).addFeedback) throw new ConflictError('errors.meetingNotOpen');
    const [row] = await tx
      .insert(feedbackRecords)
      .values({ seriesId: s.id, meetingId: m.id, giverId: actor.employeeId, ...input })
      .returning({ id: feedbackRecords.id });
    return row!.id;
  });
}

/** Feedback given between meetings (either side, to the partner, while the series has not ended). */
export async function giveSeriesFeedback(props: { db: Db; actor: Actor; seriesId: string; input: Input }) {
  const { db, actor, seriesId, input } = props;
  return db.transaction(async (tx) => {
    const [s] = await tx.select().from(series).where(eq(series.id, seriesId));
    if (!s || !seriesPolicy.readContent(actor, s)) throw new NotFoundError('errors.seriesNotFound');
    assertReceiver(actor, s, input.receiverId);
    if (s.status === 'ended') throw new ConflictError('errors.seriesStatus');
    const [row] = await tx
      .insert(feedbackRecords)
      .values({ seriesId: s.id, meetingId: null, giverId: actor.employeeId, ...input })
      .returning({ id: feedbackRecords.id });
    return row!.id;
  });
}

async function feedbackForChange(tx: Tx, actor: Actor, id: string) {
  const [row] = await tx
    .select({ f: feedbackRecords, s: series })
    .from(feedbackRecords)
    .innerJoin(series, eq(series.id, feedbackRecords.seriesId))
    .where(eq(feedbackRecords.id, id))
    .for('update', { of: feedbackRecords });
  if (!row || !followUpPolicy.readPair(actor, row.s, row.f.giverId)) throw new NotFoundError('errors.feedbackNotFound');
  if (!followUpPolicy.feedbackAbilities(actor, row.f).update) throw new ForbiddenError();
  return row;
}

/** The giver edits their feedback. */
export async function updateFeedback(props: { db: Db; actor: Actor; id: string; input: z.output<typeof feedbackUpdateSchema> }) {
  await props.db.transaction(async (tx) => {
    const { f } = await feedbackForChange(tx, props.actor, props.id);
    await tx.update(feedbackRecords).set(props.input).where(eq(feedbackRecords.id, f.id));
  });
}

/** The giver withdraws their feedback. */
export async function removeFeedback(props: { db: Db; actor: Actor; id: string }) {
  await props.db.transaction(async (tx) => {
    const { f } = await feedbackForChange(tx, props.actor, props.id);
    await tx.delete(feedbackRecords).where(eq(feedbackRecords.id, f.id));
  });
}

const giver = alias(employees, 'giver');
const receiver = alias(employees, 'receiver');

/** Feedback records matching `where` (pair content), oldest first. */
export async function loadFeedback(db: Tx, actor: Actor, where: SQL): Promise<FeedbackRecord[]> {
  const rows = await db
    .select({ f: feedbackRecords, s: series, giver: personColumns(giver), receiver: personColumns(receiver) })
    .from(feedbackRecords)
    .innerJoin(series, eq(series.id, feedbackRecords.seriesId))
    .innerJoin(giver, eq(giver.id, feedbackRecords.giverId))
    .innerJoin(receiver, eq(receiver.id, feedbackRecords.receiverId))
    .where(where)
    .orderBy(asc(feedbackRecords.createdAt));
  return presentFeedback(actor, rows);
}

type FeedbackFields = Pick<typeof feedbackRecords.$inferSelect, 'id' | 'seriesId' | 'meetingId' | 'giverId' | 'kind' | 'situation' | 'behaviour' | 'impact'> & {
  createdAt: Date | number;
};
type FeedbackRow = { f: FeedbackFields; s: Pair; giver: PersonRef; receiver: PersonRef };

/**
 * SQL sub-select: the feedback of the outer query's `series` matching `where` (which may use
 * `series` and `feedbackRecords`), oldest first, as one JSON array of `{ f, giver, receiver }`
 * (ADR 0220). The caller passes each row through `presentFeedback` with that series.
 */
export function feedbackJson(db: Tx, where: SQL) {
  const f = feedbackRecords;
  return sql<Omit<FeedbackRow, 's'>[]>`coalesce(${db
    .select({
      rows: sql`json_agg(json_build_object(
        'f', json_build_object('id', ${f.id}, 'seriesId', ${f.seriesId}, 'meetingId', ${f.meetingId}, 'giverId', ${f.giverId}, 'kind', ${f.kind},
          'situation', ${f.situation}, 'behaviour', ${f.behaviour}, 'impact', ${f.impact}, 'createdAt', ${epochMs(f.createdAt)}),
        'giver', ${personJson(giver)}, 'receiver', ${personJson(receiver)})
        order by ${f.createdAt})`,
    })
    .from(f)
    .innerJoin(giver, eq(giver.id, f.giverId))
    .innerJoin(receiver, eq(receiver.id, f.receiverId))
    .where(and(eq(f.seriesId, series.id), where))}, '[]'::json)`;
}

/** Feedback rows as the caller may read them (`followUpPolicy.readPair` on each row) with their abilities. */
export function presentFeedback(actor: Actor, rows: FeedbackRow[]): FeedbackRecord[] {
  return rows
    .filter((r) => followUpPolicy.readPair(actor, r.s, r.f.giverId))
    .map(({ f, giver: g, receiver: r }) => ({
      id: f.id,
      seriesId: f.seriesId,
      meetingId: f.meetingId,
      kind: f.kind,
      giver: g,
      receiver: r,
      situation: f.situation,
      behaviour: f.behaviour,
      impact: f.impact,
      createdAt: new Date(f.createdAt).toISOString(),
      abilities: followUpPolicy.feedbackAbilities(actor, f),
    }));
}
