import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import type { App } from '../app.js';
import { call } from './app.js';

describe('the test harness checks every 2xx JSON answer against its declared schema', () => {
  const declared = createRoute({
    method: 'get',
    path: '/api/things/{id}',
    request: { params: z.object({ id: z.string() }) },
    responses: { 200: { description: 'A thing', content: { 'application/json': { schema: z.object({ id: z.string(), count: z.number() }) } } } },
  });
  const app = new OpenAPIHono().openapi(declared, (c) => {
    const { id } = c.req.valid('param');
    // A handler that breaks its promise for one id.
    return c.json((id === 'bad' ? { id, count: 'many' } : { id, count: 1 }) as { id: string; count: number }, 200);
  }) as unknown as App;

  it('passes an answer that keeps the promise, and fails one that does not', async () => {
    expect((await call(app, 'GET', '/api/things/good?x=1')).status).toBe(200);
    await expect(call(app, 'GET', '/api/things/bad')).rejects.toThrow(/GET \/api\/things\/bad answered 200 with a body its declared response schema refuses/);
  });
});
