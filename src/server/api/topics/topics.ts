import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  checkInSchema,
  checkInViewSchema,
  preQuestionAnswerSchema,
  preQuestionCreateSchema,
  preQuestionSchema,
  topicCreateSchema,
  topicOrderSchema,
  topicSchema,
  topicUpdateSchema,
} from '../../../domain/agenda.js';
import { idSchema } from '../../../domain/common.js';
import { addTopic, answerPreQuestion, askPreQuestion, checkIn, removePreQuestion, removeTopic, reorderTopics, updateTopic } from '../../commands/agenda.js';
import { errorResponses, json, jsonBody, requireActor, router } from '../http.js';
import { sharedTopicOrder, signalMeeting, signalTopic, topicSignal } from '../room/signals.js';
import { presentCheckIn, presentPreQuestion, presentTopic, presentTopics } from './present.js';

const idParams = z.object({ id: idSchema });
const ok = z.object({ ok: z.literal(true) });

const route = <M extends 'post' | 'patch' | 'put' | 'delete'>(method: M, path: string, tag: string, summary: string) => ({ method, path, tags: [tag], summary });

const addTopicRoute = createRoute({
  ...route('post', '/meetings/{id}/topics', 'agenda', 'Add a topic (either side; visibility private keeps it a draft only its author sees)'),
  request: { params: idParams, body: jsonBody(topicCreateSchema) },
  responses: { 201: json(topicSchema, 'Added'), ...errorResponses },
});
const orderRoute = createRoute({
  ...route('put', '/meetings/{id}/topics/order', 'agenda', 'Reorder the topics the caller sees'),
  request: { params: idParams, body: jsonBody(topicOrderSchema) },
  responses: { 200: json(z.object({ topics: z.array(topicSchema) }), 'Reordered'), ...errorResponses },
});
const updateTopicRoute = createRoute({
  ...route('patch', '/topics/{id}', 'agenda', 'Edit or share my topic'),
  request: { params: idParams, body: jsonBody(topicUpdateSchema) },
  responses: { 200: json(topicSchema, 'Updated'), ...errorResponses },
});
const removeTopicRoute = createRoute({
  ...route('delete', '/topics/{id}', 'agenda', 'Remove my topic'),
  request: { params: idParams },
  responses: { 200: json(ok, 'Removed'), ...errorResponses },
});
const askRoute = createRoute({
  ...route('post', '/meetings/{id}/pre-questions', 'pre-questions', 'Send a pre-question (the manager); yes/no questions come back flagged with an open alternative'),
  request: { params: idParams, body: jsonBody(preQuestionCreateSchema) },
  responses: { 201: json(preQuestionSchema, 'Sent'), ...errorResponses },
});
const answerRoute = createRoute({
  ...route('put', '/pre-questions/{id}/answer', 'pre-questions', 'Answer a pre-question (the report)'),
  request: { params: idParams, body: jsonBody(preQuestionAnswerSchema) },
  responses: { 200: json(preQuestionSchema, 'Answered'), ...errorResponses },
});
const removeQuestionRoute = createRoute({
  ...route('delete', '/pre-questions/{id}', 'pre-questions', 'Withdraw an unanswered pre-question (the manager)'),
  request: { params: idParams },
  responses: { 200: json(ok, 'Removed'), ...errorResponses },
});
const checkInRoute = createRoute({
  ...route('put', '/meetings/{id}/check-in', 'check-ins', 'My condition before the meeting, 1–5 (the report; one per meeting)'),
  request: { params: idParams, body: jsonBody(checkInSchema) },
  responses: { 200: json(checkInViewSchema, 'Saved'), ...errorResponses },
});

/** Preparation: agenda topics, pre-questions and the condition check-in of a meeting. */
export const topicsApi = router()
  .openapi(addTopicRoute, async (c) => {
    const { id } = c.req.valid('param');
    const topicId = await addTopic({ db: c.get('services').db, actor: requireActor(c), meetingId: id, input: c.req.valid('json') });
    await signalTopic(c, topicId);
    return c.json(await presentTopic(c, topicId), 201);
  })
  .openapi(orderRoute, async (c) => {
    const { id } = c.req.valid('param');
    const before = await sharedTopicOrder(c, id);
    await reorderTopics({ db: c.get('services').db, actor: requireActor(c), meetingId: id, topicIds: c.req.valid('json').topicIds });
    if ((await sharedTopicOrder(c, id)) !== before) await signalMeeting(c, id, 'topics');
    return c.json({ topics: await presentTopics(c, id) }, 200);
  })
  .openapi(updateTopicRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { db } = c.get('services');
    const before = await topicSignal(c, id);
    await updateTopic({ db, actor: requireActor(c), id, input: c.req.valid('json') });
    await signalTopic(c, id, before);
    return c.json(await presentTopic(c, id), 200);
  })
  .openapi(removeTopicRoute, async (c) => {
    const signal = await topicSignal(c, c.req.valid('param').id);
    await removeTopic({ db: c.get('services').db, actor: requireActor(c), id: c.req.valid('param').id });
    signal?.();
    return c.json({ ok: true as const }, 200);
  })
  .openapi(askRoute, async (c) => {
    const { id } = c.req.valid('param');
    const qid = await askPreQuestion({ db: c.get('services').db, actor: requireActor(c), meetingId: id, input: c.req.valid('json') });
    return c.json(await presentPreQuestion(c, qid), 201);
  })
  .openapi(answerRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { db } = c.get('services');
    await answerPreQuestion({ db, actor: requireActor(c), id, input: c.req.valid('json') });
    return c.json(await presentPreQuestion(c, id), 200);
  })
  .openapi(removeQuestionRoute, async (c) => {
    await removePreQuestion({ db: c.get('services').db, actor: requireActor(c), id: c.req.valid('param').id });
    return c.json({ ok: true as const }, 200);
  })
  .openapi(checkInRoute, async (c) => {
    const { id } = c.req.valid('param');
    await checkIn({ db: c.get('services').db, actor: requireActor(c), meetingId: id, input: c.req.valid('json') });
    return c.json(await presentCheckIn(c, id), 200);
  });
