import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { idSchema } from '../../../domain/common.js';
import { reflectionInputSchema, reflectionSummarySchema, reflectionViewSchema } from '../../../domain/followUp.js';
import { readReflection, reflectionSummary, saveReflection } from '../../commands/reflections.js';
import { errorResponses, json, jsonBody, requireActor, router } from '../http.js';
import { audit } from '../../audit.js';
import { loadMeetingForPair } from '../../policies/series.js';

const tags = ['reflections'];
const idParams = z.object({ id: idSchema });

const put = createRoute({
  method: 'put',
  path: '/meetings/{id}/reflection',
  tags,
  summary:
    'My reflection once the minutes are shared. The report: {feltHeard 1–5, useful 1–5, gained?, improve?}; the manager: {ownListening 1–5, gained?, improve?}',
  request: { params: idParams, body: jsonBody(reflectionInputSchema) },
  responses: { 200: json(reflectionViewSchema, 'Saved'), ...errorResponses },
});
const get = createRoute({
  method: 'get',
  path: '/meetings/{id}/reflection',
  tags,
  summary: 'My reflection, and the partner’s text (never the partner’s ratings: the manager sees the report’s only as an average over 3+ reports)',
  request: { params: idParams },
  responses: { 200: json(reflectionViewSchema, 'Reflection'), ...errorResponses },
});
const summary = createRoute({
  method: 'get',
  path: '/reflections/summary',
  tags,
  summary: 'The manager’s average “felt heard” and “useful” across their reports over the last three closed months; suppressed under 3 reports',
  responses: { 200: json(reflectionSummarySchema, 'Summary'), ...errorResponses },
});

/** Reflections (振り返り) after the minutes are shared. */
export const reflectionsApi = router()
  .openapi(put, async (c) => {
    const { db } = c.get('services');
    const actor = requireActor(c);
    const { id } = c.req.valid('param');
    await saveReflection({ db, actor, meetingId: id, input: c.req.valid('json') });
    const view = await readReflection({ db, actor, meetingId: id });
    // The answer shows the partner's text too: as much a read of it as the GET.
    if (view.partner) await audit.readPair(c, 'reflection.read', (await loadMeetingForPair(db, actor, id))!.s, id);
    return c.json(view, 200);
  })
  .openapi(get, async (c) => {
    const { db } = c.get('services');
    const actor = requireActor(c);
    const { id } = c.req.valid('param');
    const view = await readReflection({ db, actor, meetingId: id });
    // The partner's text is their content: reading it is recorded for them (ADR 0210).
    if (view.partner) await audit.readPair(c, 'reflection.read', (await loadMeetingForPair(db, actor, id))!.s, id);
    return c.json(view, 200);
  })
  .openapi(summary, async (c) => c.json(await reflectionSummary({ db: c.get('services').db, actor: requireActor(c) }), 200));
