import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { idSchema } from '../../../domain/common.js';
import { privateNoteInputSchema, privateNoteSchema } from '../../../domain/followUp.js';
import { readPrivateNote, savePrivateNote } from '../../commands/privateNotes.js';
import { AppError } from '../../errors.js';
import { errorResponses, json, jsonBody, requireActor, router } from '../http.js';

const tags = ['private notes'];
const idParams = z.object({ id: idSchema });

const get = createRoute({
  method: 'get',
  path: '/meetings/{id}/private-note',
  tags,
  summary: 'My private note of the meeting (自分用メモ): its author only, never the partner, hr or admin',
  request: { params: idParams },
  responses: { 200: json(privateNoteSchema, 'My private note (empty when none)'), ...errorResponses },
});
const put = createRoute({
  method: 'put',
  path: '/meetings/{id}/private-note',
  tags,
  summary: 'Save my private note (encrypted at rest with AES-256-GCM)',
  request: { params: idParams, body: jsonBody(privateNoteInputSchema) },
  responses: { 200: json(privateNoteSchema, 'Saved'), ...errorResponses },
});

/** Each side's private note of a meeting. */
export const privateNotesApi = router()
  .openapi(get, async (c) => {
    const { db, noteKeys, log } = c.get('services');
    const meetingId = c.req.valid('param').id;
    try {
      return c.json(await readPrivateNote({ db, keyring: () => noteKeys.get(), actor: requireActor(c), meetingId }), 200);
    } catch (err) {
      // A note that fails authentication was altered or written with another key: worth an operator's look.
      if (err instanceof AppError && err.reason === 'errors.privateNoteUnreadable')
        log.error({ requestId: c.get('requestId'), meetingId, err: err.cause }, 'private note failed to decrypt');
      throw err;
    }
  })
  .openapi(put, async (c) => {
    const { db, noteKeys } = c.get('services');
    const actor = requireActor(c);
    const meetingId = c.req.valid('param').id;
    const keyring = await noteKeys.get();
    await savePrivateNote({ db, keyring, actor, meetingId, body: c.req.valid('json').body });
    return c.json(await readPrivateNote({ db, keyring, actor, meetingId }), 200);
  });
