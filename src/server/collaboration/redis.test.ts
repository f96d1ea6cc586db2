import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedNotes } from '../db/schema.js';
import { TEST_BASE_URL, testApp } from '../test/app.js';
import { testDatabase } from '../test/database.js';
import { buildOrganisation, signInAll, type Organisation } from '../test/factories.js';
import { connectNotes, settled, waitFor, type NotesClient } from '../test/notesClient.js';
import { noDatabase } from '../test/provided.js';
import { createSeries, meetingsOf } from '../test/series.js';
import { meetingDocumentName } from './documentName.js';
import { createCollaboration, redisOptionsFrom, type Collaboration } from './server.js';

const hasRedis = spawnSync('redis-server', ['--version']).status === 0;

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });

describe('REDIS_URL', () => {
  it('is parsed into the Redis extension’s options', () => {
    expect(redisOptionsFrom('redis://127.0.0.1:6380/2')).toEqual({
      host: '127.0.0.1',
      port: 6380,
      options: { username: undefined, password: undefined, db: 2 },
    });
    expect(redisOptionsFrom('rediss://user:p%40ss@cache.example')).toEqual({
      host: 'cache.example',
      port: 6379,
      options: { username: 'user', password: 'p@ss', db: 0, tls: {} },
    });
    expect(() => redisOptionsFrom('http://cache')).toThrow(/redis:\/\//);
  });
});

/** Two processes (two app instances here) behind a load balancer: the pair lands on different ones. */
describe.skipIf(noDatabase || !hasRedis)('two processes sharing documents through Redis', () => {
  const database = testDatabase();
  let redis: ChildProcess;
  const servers: { server: ServerType; collaboration: Collaboration; url: string }[] = [];
  const clients: NotesClient[] = [];
  let org: Organisation;
  let cookies: Awaited<ReturnType<typeof signInAll>>;
  let meetingId: string;

  beforeAll(async () => {
    const port = await freePort();
    redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await waitFor(() => spawnSync('redis-cli', ['-p', String(port), 'ping']).stdout?.toString().trim() === 'PONG', 10_000, 'redis');
    for (let i = 0; i < 2; i++) {
      const { app, services } = testApp(database, { redisUrl: `redis://127.0.0.1:${port}/0` });
      const collaboration = await createCollaboration(services);
      const server = await new Promise<ServerType>((resolve) => {
        const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
      });
      collaboration.attach(server);
      servers.push({ server, collaboration, url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/collaboration` });
      if (i === 0) {
        org = await buildOrganisation(database.db, services.auth);
        cookies = await signInAll(app, org);
      }
    }
    const s = await createSeries(database.db, { managerId: org.partner.id, reportId: org.self.id });
    meetingId = (await meetingsOf(database.db, s.id))[0]!.id;
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    for (const s of servers) {
      await s.collaboration.destroy();
      await new Promise<void>((resolve) => s.server.close(() => resolve()));
    }
    redis?.kill('SIGTERM');
  });

  it('each sees the other’s edits, and both processes’ edits are stored', async () => {
    const open = (i: number, cookie: string) => {
      const c = connectNotes({ url: servers[i]!.url, documentName: meetingDocumentName(meetingId), cookie, origin: TEST_BASE_URL });
      clients.push(c);
      return c;
    };
    const report = open(0, cookies.self);
    const manager = open(1, cookies.partner);
    expect(await report.outcome).toBe('authenticated');
    expect(await manager.outcome).toBe('authenticated');
    await Promise.all([settled(report), settled(manager)]);
    for (let i = 0; i < 10; i++) {
      report.type(`report ${i}`);
      manager.type(`manager ${i}`);
    }
    await waitFor(() => report.text() === manager.text() && report.text().includes('manager 9') && manager.text().includes('report 9'), 10_000, 'the edits to cross');
    await Promise.all([settled(report), settled(manager)]);
    const [row] = await database.db.select().from(sharedNotes).where(eq(sharedNotes.meetingId, meetingId));
    const stored = new Set(row!.text.split('\n'));
    for (let i = 0; i < 10; i++) {
      expect(stored.has(`report ${i}`)).toBe(true);
      expect(stored.has(`manager ${i}`)).toBe(true);
    }
  });
});
