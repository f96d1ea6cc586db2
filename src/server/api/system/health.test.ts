import { describe, expect, it } from 'vitest';
import { call, testApp } from '../../test/app.js';
import { testDatabase } from '../../test/database.js';
import { noDatabase } from '../../test/provided.js';

describe.skipIf(noDatabase)('GET /healthz', () => {
  const database = testDatabase();

  it('answers ok while the database is reachable, for anyone', async () => {
    const { app } = testApp(database);
    const res = await call<{ status: string }>(app, 'GET', '/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('GET /healthz without a database', () => {
  it('answers 503 unavailable when PostgreSQL does not answer', async () => {
    const { connect } = await import('../../db/client.js');
    const dead = connect('postgres://nobody@127.0.0.1:1/none', 1);
    try {
      const { app } = testApp(dead);
      const res = await call<{ status: string }>(app, 'GET', '/healthz');
      expect(res.status).toBe(503);
      expect(res.body).toEqual({ status: 'unavailable' });
    } finally {
      await dead.close();
    }
  });
});
