import { and, asc, eq, sql, type SQLWrapper } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Locale } from '../../domain/limits.js';
import { assembleMinutesDocument, minutesMarkdown } from '../../domain/minutes.js';
import { minutesDocumentFromText, type MinutesNode } from '../../domain/minutesDocument.js';
import type { Actor } from '../../domain/roles.js';
import type { Db, Tx } from '../db/client.js';
import { documentOfState, yjsStateOf } from '../collaboration/minutesDocument.js';
import { actionItems, employees, feedbackRecords, meetings, minutes, minutesDocuments, series, sharedNotes, topics } from '../db/schema.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { followUpPolicy } from '../policies/followUp.js';
import { topicVisibleInPair, visibleTopicsWhere } from '../policies/series.js';
import { carryOver } from './carryOver.js';
import { meetingForChange } from './changeMeeting.js';

const fullName = <T extends { familyName: SQLWrapper; givenName: SQLWrapper }>(t: T) => sql<string>`${t.familyName} || ' ' || ${t.givenName}`;

/** Either side opens the meeting room: scheduled → in progress. */
export async function startMeeting(props: { db: Db; actor: Actor; id: string }) {
  await props.db.transaction(async (tx) => {
    const { m, s } = await meetingForChange(tx, props.actor, props.id);
    if (!followUpPolicy.meetingAbilities(props.actor, s, m).start) throw new ConflictError('errors.meetingNotOpen');
    await tx.update(meetings).set({ status: 'inProgress', startedAt: new Date() }).where(eq(meetings.id, m.id));
  });
}

/**
 * Marks a shared topic discussed (or not) while the meeting runs. A topic marked discussed no
 * longer carries over: its undiscussed copies in later meetings still ahead are withdrawn (and come
 * back on their own if it is unmarked).
 */
export async function markDiscussed(props: { db: Db; actor: Actor; topicId: string; discussed: boolean }) {
  const { db, actor, topicId, discussed } = props;
  return db.transaction(async (tx) => {
    const [t] = await tx.select().from(topics).where(eq(topics.id, topicId)).for('update');
    if (!t || !topicVisibleInPair(actor, t)) throw new NotFoundError('errors.topicNotFound');
    const { m, s } = await meetingForChange(tx, actor, t.meetingId);
    if (t.visibility !== 'pair') throw new ConflictError('errors.topicNotShared');
    if (!followUpPolicy.meetingAbilities(actor, s, m).markDiscussed) throw new ConflictError('errors.meetingNotOpen');
    await tx.update(topics).set({ discussed }).where(eq(topics.id, t.id));
    if (discussed) {
      const origin = t.carriedFromId ?? t.id;
      await tx.execute(sql`
        delete from ${topics} c using ${meetings} later
        where c.carried_from_id = ${origin} and c.id <> ${t.id} and c.discussed = false
          and later.id = c.meeting_id and later.series_id = ${s.id} and later.status = 'scheduled' and later.starts_at > ${m.startsAt}`);
    } else {
      await carryOver(tx, s.id);
    }
    return t.meetingId;
  });
}

/** The blocks of the shared notes, formatting kept; notes stored as text only become one paragraph per line. */
function notesBlocks(notes: { state: Buffer; text: string } | undefined): MinutesNode[] {
  if (!notes) return [];
  if (notes.state.length > 0) return documentOfState(notes.state).content ?? [];
  return minutesDocumentFromText(notes.text).content ?? [];
}

/** Everything a minutes draft is made of, for one meeting (the pair's shared content only). */
async function minutesSource(tx: Tx, actor: Actor, m: typeof meetings.$inferSelect) {
  const owner = alias(employees, 'owner');
  const giver = alias(employees, 'giver');
  const receiver = alias(employees, 'receiver');
  // One after the other: the queries share the transaction's connection.
  const discussed = await tx
    .select({ title: topics.title, note: topics.note })
    .from(topics)
    .innerJoin(meetings, eq(meetings.id, topics.meetingId))
    .innerJoin(series, eq(series.id, meetings.seriesId))
    // Only shared topics: a private draft never reaches the minutes, even its author's.
    .where(and(eq(topics.meetingId, m.id), eq(topics.discussed, true), eq(topics.visibility, 'pair'), visibleTopicsWhere(actor)))
    .orderBy(asc(topics.position), asc(topics.createdAt));
  const notes = await tx.select({ state: sharedNotes.state, text: sharedNotes.text }).from(sharedNotes).where(eq(sharedNotes.meetingId, m.id));
  const items = await tx
    .select({
      title: actionItems.title,
      owner: fullName(owner),
      dueDate: actionItems.dueDate,
      support: actionItems.support,
      status: actionItems.status,
    })
    .from(actionItems)
    .innerJoin(owner, eq(owner.id, actionItems.ownerId))
    .where(eq(actionItems.meetingId, m.id))
    .orderBy(asc(actionItems.createdAt));
  const feedback = await tx
    .select({
      kind: feedbackRecords.kind,
      giver: fullName(giver),
      receiver: fullName(receiver),
      situation: feedbackRecords.situation,
      behaviour: feedbackRecords.behaviour,
      impact: feedbackRecords.impact,
    })
    .from(feedbackRecords)
    .innerJoin(giver, eq(giver.id, feedbackRecords.giverId))
    .innerJoin(receiver, eq(receiver.id, feedbackRecords.receiverId))
    .where(eq(feedbackRecords.meetingId, m.id))
    .orderBy(asc(feedbackRecords.createdAt));
  return {
    discussedTopics: discussed,
    actionItems: items.map((a) => ({
      title: a.title,
      owner: a.owner,
      dueDate: a.dueDate,
      support: a.support,
      done: a.status === 'done',
    })),
    feedback,
    // The shared notes keep their formatting: their blocks are copied into the minutes.
    sharedNotes: notesBlocks(notes[0]),
  };
}

/**
 * Either side closes the meeting: in progress → minutes draft, with the draft (a live document,
 * language-neutral: ADR 0110) assembled from the discussed topics, the shared notes, the action items and the
 * feedback of this meeting. Topics not discussed carry over to the next meeting.
 */
export async function finishMeeting(props: { db: Db; actor: Actor; id: string; locale: Locale }) {
  await props.db.transaction(async (tx) => {
    const { m, s } = await meetingForChange(tx, props.actor, props.id);
    if (!followUpPolicy.meetingAbilities(props.actor, s, m).finish) throw new ConflictError('errors.meetingNotOpen');
    const content = assembleMinutesDocument(await minutesSource(tx, props.actor, m));
    // The live document (minutes:<id>) starts from the assembled draft; `body` is its search text.
    const body = minutesMarkdown(content, props.locale);
    const state = Buffer.from(yjsStateOf(content));
    await tx.update(meetings).set({ status: 'minutesDraft' }).where(eq(meetings.id, m.id));
    await tx
      .insert(minutes)
      .values({ meetingId: m.id, body, content: null, status: 'draft', version: 1 })
      .onConflictDoUpdate({
        target: minutes.meetingId,
        set: { body, content: null, status: 'draft', version: 1, updatedAt: new Date() },
      });
    await tx
      .insert(minutesDocuments)
      .values({ meetingId: m.id, state })
      .onConflictDoUpdate({ target: minutesDocuments.meetingId, set: { state, updatedAt: new Date() } });
    await carryOver(tx, s.id);
  });
}
