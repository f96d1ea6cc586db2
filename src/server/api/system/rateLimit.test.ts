import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BASE_URL, testApp } from '../../test/app.js';
import { testDatabase } from '../../test/database.js';
import { buildOrganisation, TEST_PASSWORD, type Organisation } from '../../test/factories.js';
import { noDatabase } from '../../test/provided.js';

/**
 * Sign-in rate limiting keys on the client address the server takes from the socket
 * (`x-taiwa-client-ip`), so this test runs the app on a real port: through `app.request` there is
 * no socket, and better-auth would fall back to one shared bucket.
 */
describe.skipIf(noDatabase)('sign-in rate limiting (a real socket)', () => {
  const database = testDatabase();
  let server: ServerType;
  let base: string;
  let org: Organisation;

  beforeAll(async () => {
    const { app, services } = testApp(database, { signInRateLimit: 3 });
    org = await buildOrganisation(database.db, services.auth);
    await new Promise<void>((resolve) => {
      server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve());
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  const attempt = (email: string, password: string, headers: Record<string, string> = {}) =>
    fetch(`${base}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { origin: TEST_BASE_URL, 'content-type': 'application/json', 'accept-language': 'en', ...headers },
      body: JSON.stringify({ email, password }),
    });

  it('the 4th attempt within a minute answers 429 in the error shape, even with the right password and a forged client-ip header', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      // A client cannot pick its own bucket: the server overwrites the header from the socket.
      statuses.push((await attempt(org.self.email, 'wrong-password', { 'x-taiwa-client-ip': `10.0.0.${i + 1}` })).status);
    }
    expect(statuses).toEqual([401, 401, 401]);
    const limited = await attempt(org.self.email, TEST_PASSWORD, { 'x-taiwa-client-ip': '10.9.9.9' });
    expect(limited.status).toBe(429);
    expect(await limited.json()).toEqual({
      error: { code: 'rate_limited', message: 'Too many attempts. Please wait a moment and try again.' },
    });
    expect(Number(limited.headers.get('x-retry-after'))).toBeGreaterThan(0);
    expect(Number(limited.headers.get('x-retry-after'))).toBeLessThanOrEqual(60);
    expect(limited.headers.getSetCookie()).toEqual([]);
    // In Japanese too.
    const ja = await attempt(org.self.email, TEST_PASSWORD, { 'accept-language': 'ja' });
    expect(ja.status).toBe(429);
    expect(((await ja.json()) as { error: { message: string } }).error.message).toBe('試行回数が多すぎます。しばらく待ってから再度お試しください。');
  });

  it('other endpoints are not limited by the sign-in bucket', async () => {
    const res = await fetch(`${base}/api/setup`);
    expect(res.status).toBe(200);
  });
});
