import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { topicSchema } from '../../../domain/agenda.js';
import { idSchema } from '../../../domain/common.js';
import { discussedSchema, meetingFlowSchema } from '../../../domain/followUp.js';
import { finishMeeting, markDiscussed, startMeeting } from '../../commands/meetingFlow.js';
import type { AppContext } from '../../context.js';
import { NotFoundError } from '../../errors.js';
import { followUpPolicy } from '../../policies/followUp.js';
import { errorResponses, json, jsonBody, requireActor, router } from '../http.js';
import { loadMeetingForPair, presentMeeting } from '../series/load.js';
import { presentTopic } from '../topics/present.js';
import { signalMeeting } from '../room/signals.js';

const tags = ['meeting flow'];
const idParams = z.object({ id: idSchema });

const start = createRoute({
  method: 'post',
  path: '/meetings/{id}/start',
  tags,
  summary: 'Open the meeting room (either side): scheduled → in progress',
  request: { params: idParams },
  responses: { 200: json(meetingFlowSchema, 'Started'), ...errorResponses },
});
const finish = createRoute({
  method: 'post',
  path: '/meetings/{id}/finish',
  tags,
  summary:
    'Close the meeting (either side): in progress → minutes draft, assembled in the caller’s language from the discussed topics, shared notes, action items and feedback; undiscussed topics carry over',
  request: { params: idParams },
  responses: { 200: json(meetingFlowSchema, 'Finished'), ...errorResponses },
});
const flowState = createRoute({
  method: 'get',
  path: '/meetings/{id}/flow',
  tags,
  summary: 'The meeting with what the caller may do in its flow now',
  request: { params: idParams },
  responses: { 200: json(meetingFlowSchema, 'Meeting flow'), ...errorResponses },
});
const discussed = createRoute({
  method: 'post',
  path: '/topics/{id}/discussed',
  tags,
  summary: 'Mark a shared topic discussed or not (either side, while the meeting is scheduled or in progress)',
  request: { params: idParams, body: jsonBody(discussedSchema) },
  responses: { 200: json(topicSchema, 'Marked'), ...errorResponses },
});

async function present(c: AppContext, id: string) {
  const actor = requireActor(c);
  const row = await loadMeetingForPair(c.get('services').db, actor, id);
  if (!row) throw new NotFoundError('errors.meetingNotFound');
  return { meeting: presentMeeting(actor, row.s, row.m), abilities: followUpPolicy.meetingAbilities(actor, row.s, row.m) };
}

/** The meeting itself: starting it, marking topics discussed, finishing it into a minutes draft. */
export const meetingFlowApi = router()
  .openapi(flowState, async (c) => c.json(await present(c, c.req.valid('param').id), 200))
  .openapi(start, async (c) => {
    const { id } = c.req.valid('param');
    await startMeeting({ db: c.get('services').db, actor: requireActor(c), id });
    await signalMeeting(c, id, 'meeting');
    return c.json(await present(c, id), 200);
  })
  .openapi(finish, async (c) => {
    const { id } = c.req.valid('param');
    await finishMeeting({ db: c.get('services').db, actor: requireActor(c), id, locale: c.get('locale') });
    await signalMeeting(c, id, 'meeting');
    return c.json(await present(c, id), 200);
  })
  .openapi(discussed, async (c) => {
    const { id } = c.req.valid('param');
    const meetingId = await markDiscussed({ db: c.get('services').db, actor: requireActor(c), topicId: id, discussed: c.req.valid('json').discussed });
    await signalMeeting(c, meetingId, 'topics');
    return c.json(await presentTopic(c, id), 200);
  });
