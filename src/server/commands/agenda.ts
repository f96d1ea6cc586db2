import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { checkInSchema, preQuestionAnswerSchema, preQuestionCreateSchema, topicCreateSchema, topicUpdateSchema } from '../../domain/agenda.js';
import { checkQuestion } from '../guidance/closedQuestions.js';
import type { Actor } from '../../domain/roles.js';
import type { Db, Tx } from '../db/client.js';
import { checkIns, preQuestions, topics } from '../db/schema.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import { seriesPolicy, topicVisibleInPair, topicVisibleInPairWhere } from '../policies/series.js';
import { carryOver } from './carryOver.js';
import { hasCheckInConsent } from './personalData.js';
import { assertTopicGoal } from './goals.js';
import { meetingForChange } from './changeMeeting.js';

/** The meeting and series, locked, when the caller holds this ability on the meeting; else 404/403/409. */
export async function assertMeetingAbility(tx: Tx, actor: Actor, meetingId: string, ability: 'addTopic' | 'askPreQuestion' | 'answerPreQuestion' | 'checkIn') {
  const row = await meetingForChange(tx, actor, meetingId);
  seriesPolicy.assertMeetingAbility(actor, row.s, row.m, ability);
  return row;
}

/** Adds a topic to a meeting's agenda (either side of the pair), at the end of the list. */
export async function addTopic(props: { db: Db; actor: Actor; meetingId: string; input: z.output<typeof topicCreateSchema> }) {
  const { db, actor, meetingId, input } = props;
  return db.transaction(async (tx) => {
    const { s } = await assertMeetingAbility(tx, actor, meetingId, 'addTopic');
    if (input.goalId) await assertTopicGoal(tx, input.goalId, s.reportId);
    const [max] = await tx.select({ n: sql<number>`coalesce(max(${topics.position}), 0)::int` }).from(topics).where(eq(topics.meetingId, meetingId));
    const [row] = await tx
      .insert(topics)
      .values({ meetingId, authorId: actor.employeeId, ...input, position: (max?.n ?? 0) + 1, sharedAt: input.visibility === 'pair' ? new Date() : null })
      .returning({ id: topics.id });
    // A topic added to a meeting whose time has passed unheld is open business for the next one.
    await carryOver(tx, s.id);
    return row!.id;
  });
}

async function ownTopic(tx: Tx, actor: Actor, id: string) {
  const [t] = await tx.select().from(topics).where(eq(topics.id, id)).for('update');
  // A private draft of someone else is indistinguishable from a missing topic.
  if (!t || !topicVisibleInPair(actor, t)) throw new NotFoundError('errors.topicNotFound');
  const row = await meetingForChange(tx, actor, t.meetingId);
  return { t, ...row };
}

/** Edits a topic: its author only; sharing a private draft makes it visible to the partner. */
export async function updateTopic(props: { db: Db; actor: Actor; id: string; input: z.output<typeof topicUpdateSchema> }) {
  const { db, actor, id, input } = props;
  await db.transaction(async (tx) => {
    const { t, m, s } = await ownTopic(tx, actor, id);
    if (t.authorId !== actor.employeeId) throw new ForbiddenError();
    seriesPolicy.assertMeetingAbility(actor, s, m, 'addTopic');
    if (input.visibility === 'private' && t.visibility === 'pair') throw new ConflictError('errors.topicAlreadyShared', {}, 'visibility');
    if (input.goalId) await assertTopicGoal(tx, input.goalId, s.reportId);
    await tx
      .update(topics)
      .set({ ...input, ...(input.visibility === 'pair' && t.visibility === 'private' ? { sharedAt: new Date() } : {}) })
      .where(eq(topics.id, id));
  });
}

/** Removes a topic: its author only, before the meeting is over. */
export async function removeTopic(props: { db: Db; actor: Actor; id: string }) {
  await props.db.transaction(async (tx) => {
    const { t, m, s } = await ownTopic(tx, props.actor, props.id);
    if (t.authorId !== props.actor.employeeId) throw new ForbiddenError();
    seriesPolicy.assertMeetingAbility(props.actor, s, m, 'addTopic');
    await tx.update(topics).set({ carriedFromId: null }).where(eq(topics.carriedFromId, t.id));
    await tx.delete(topics).where(eq(topics.id, t.id));
  });
}

/**
 * Reorders the agenda: `topicIds` must be exactly the topics the actor can see in this meeting.
 * Private drafts of the partner keep their place unseen.
 */
export async function reorderTopics(props: { db: Db; actor: Actor; meetingId: string; topicIds: string[] }) {
  const { db, actor, meetingId, topicIds } = props;
  await db.transaction(async (tx) => {
    await assertMeetingAbility(tx, actor, meetingId, 'addTopic');
    const visible = await tx
      .select({ id: topics.id, position: topics.position })
      .from(topics)
      .where(and(eq(topics.meetingId, meetingId), topicVisibleInPairWhere(actor)));
    const want = new Set(topicIds);
    if (want.size !== topicIds.length || want.size !== visible.length || visible.some((v) => !want.has(v.id))) {
      throw new ValidationError({ topicIds: { key: 'validation.topicOrder' } });
    }
    const slots = visible.map((v) => v.position).sort((a, b) => a - b);
    for (let i = 0; i < topicIds.length; i++) {
      await tx.update(topics).set({ position: slots[i]! }).where(eq(topics.id, topicIds[i]!));
    }
  });
}

/** The manager sends a pre-question (事前質問); a yes/no question is stored as flagged. */
export async function askPreQuestion(props: { db: Db; actor: Actor; meetingId: string; input: z.output<typeof preQuestionCreateSchema> }) {
  const { db, actor, meetingId, input } = props;
  // Checked before the transaction: the first Japanese check builds the analyser (seconds).
  const { closed } = await checkQuestion(input.text);
  return db.transaction(async (tx) => {
    await assertMeetingAbility(tx, actor, meetingId, 'askPreQuestion');
    const [max] = await tx.select({ n: sql<number>`coalesce(max(${preQuestions.position}), 0)::int` }).from(preQuestions).where(eq(preQuestions.meetingId, meetingId));
    const [row] = await tx
      .insert(preQuestions)
      .values({
        meetingId,
        authorId: actor.employeeId,
        text: input.text,
        bankQuestionId: input.bankQuestionId ?? null,
        closed,
        position: (max?.n ?? 0) + 1,
      })
      .returning({ id: preQuestions.id });
    return row!.id;
  });
}

async function preQuestionFor(tx: Tx, actor: Actor, id: string) {
  const [q] = await tx.select().from(preQuestions).where(eq(preQuestions.id, id)).for('update');
  if (!q) throw new NotFoundError('errors.preQuestionNotFound');
  return { q, ...(await meetingForChange(tx, actor, q.meetingId)) };
}

/** The report answers a pre-question (and may revise the answer until the meeting is over). */
export async function answerPreQuestion(props: { db: Db; actor: Actor; id: string; input: z.output<typeof preQuestionAnswerSchema> }) {
  await props.db.transaction(async (tx) => {
    const { q, m, s } = await preQuestionFor(tx, props.actor, props.id);
    seriesPolicy.assertMeetingAbility(props.actor, s, m, 'answerPreQuestion');
    await tx.update(preQuestions).set({ answer: props.input.answer, answeredAt: new Date() }).where(eq(preQuestions.id, q.id));
  });
}

/** The manager withdraws an unanswered pre-question. */
export async function removePreQuestion(props: { db: Db; actor: Actor; id: string }) {
  await props.db.transaction(async (tx) => {
    const { q, s } = await preQuestionFor(tx, props.actor, props.id);
    if (s.managerId !== props.actor.employeeId) throw new ForbiddenError();
    if (q.answer) throw new ConflictError('errors.preQuestionAnswered');
    await tx.delete(preQuestions).where(eq(preQuestions.id, q.id));
  });
}

/** The report's condition check-in for a meeting: one per meeting, revisable until it is held; only with their consent. */
export async function checkIn(props: { db: Db; actor: Actor; meetingId: string; input: z.output<typeof checkInSchema> }) {
  const { db, actor, meetingId, input } = props;
  await db.transaction(async (tx) => {
    const { s } = await assertMeetingAbility(tx, actor, meetingId, 'checkIn');
    // Condition is sensitive personal data (APPI): nothing is stored without the report's consent (ADR 0213).
    if (!(await hasCheckInConsent(tx, actor.employeeId))) throw new ConflictError('errors.checkInConsentRequired');
    await tx
      .insert(checkIns)
      .values({ meetingId, reportId: s.reportId, score: input.score, comment: input.comment })
      .onConflictDoUpdate({ target: checkIns.meetingId, set: { score: input.score, comment: input.comment, updatedAt: new Date() } });
  });
}

