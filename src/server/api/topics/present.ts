import { eq } from 'drizzle-orm';
import type { CheckIn, PreQuestion, Topic } from '../../../domain/agenda.js';
import type { AppContext } from '../../context.js';
import { preQuestions, topics } from '../../db/schema.js';
import { NotFoundError } from '../../errors.js';
import { requireActor } from '../http.js';
import { loadCheckIn, loadMeetingForPair, loadPreQuestions, loadTopics } from '../series/load.js';

/*
 * A write on the agenda answers with the piece it changed, loaded on its own: not the whole
 * meeting (people, every topic, every pre-question, the check-in) rebuilt to pick one out.
 */

async function pairMeeting(c: AppContext, meetingId: string) {
  const actor = requireActor(c);
  const { db } = c.get('services');
  const row = await loadMeetingForPair(db, actor, meetingId);
  if (!row) throw new NotFoundError('errors.meetingNotFound');
  return { actor, db, ...row };
}

/** One topic as the caller sees it, with its abilities (404 when the caller may not see it). */
export async function presentTopic(c: AppContext, topicId: string): Promise<Topic> {
  const [t] = await c.get('services').db.select({ meetingId: topics.meetingId }).from(topics).where(eq(topics.id, topicId));
  if (!t) throw new NotFoundError('errors.topicNotFound');
  const { actor, db, s, m } = await pairMeeting(c, t.meetingId);
  const [found] = await loadTopics(db, actor, [m.id], s, m, topicId);
  if (!found) throw new NotFoundError('errors.topicNotFound');
  return found;
}

/** The topics of a meeting that the caller sees, in agenda order (the answer to a reorder). */
export async function presentTopics(c: AppContext, meetingId: string): Promise<Topic[]> {
  const { actor, db, s, m } = await pairMeeting(c, meetingId);
  return loadTopics(db, actor, [m.id], s, m);
}

/** One pre-question with its yes/no flag and abilities (pair content). */
export async function presentPreQuestion(c: AppContext, questionId: string): Promise<PreQuestion> {
  const [q] = await c.get('services').db.select({ meetingId: preQuestions.meetingId }).from(preQuestions).where(eq(preQuestions.id, questionId));
  if (!q) throw new NotFoundError('errors.preQuestionNotFound');
  const { actor, db, s, m } = await pairMeeting(c, q.meetingId);
  const [found] = await loadPreQuestions(db, actor, s, m, questionId);
  if (!found) throw new NotFoundError('errors.preQuestionNotFound');
  return found;
}

/** The report's check-in for a meeting (pair content). */
export async function presentCheckIn(c: AppContext, meetingId: string): Promise<CheckIn> {
  const { actor, db, s } = await pairMeeting(c, meetingId);
  const found = await loadCheckIn(db, actor, s, meetingId);
  if (!found) throw new NotFoundError('errors.meetingNotFound');
  return found;
}
