import { createRoute } from '@hono/zod-openapi';
import { setupSchema, setupStatusSchema } from '../../../domain/me.js';
import { needsSetup, setupOrganisation } from '../../commands/setupOrganisation.js';
import { errorResponses, json, jsonBody, router } from '../http.js';

const tags = ['setup'];

const status = createRoute({
  method: 'get',
  path: '/setup',
  tags,
  summary: 'Whether the installation still needs its first admin',
  responses: { 200: json(setupStatusSchema, 'Status') },
});
const run = createRoute({
  method: 'post',
  path: '/setup',
  tags,
  summary: 'Create the organisation and its first admin (only while no employee exists)',
  request: { body: jsonBody(setupSchema) },
  responses: { 201: json(setupStatusSchema, 'Done; sign in with the new account'), ...errorResponses },
});

/** First-run set-up on an empty database. Open to anonymous callers only while nobody exists. */
export const setupApi = router()
  .openapi(status, async (c) => c.json({ needsSetup: await needsSetup(c.get('services').db) }, 200))
  .openapi(run, async (c) => {
    const { db, auth } = c.get('services');
    await setupOrganisation({ db, auth, input: c.req.valid('json') });
    return c.json({ needsSetup: false }, 201);
  });
