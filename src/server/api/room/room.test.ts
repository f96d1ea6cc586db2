import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Topic } from '../../../domain/agenda.js';
import type { FeedbackRecord } from '../../../domain/followUp.js';
import type { App } from '../../app.js';
import { call, signIn, testApp } from '../../test/app.js';
import { testDatabase } from '../../test/database.js';
import { openEventStream, type EventStreamClient } from '../../test/eventStream.js';
import { expectError } from '../../test/expect.js';
import { buildOrganisation, insertPeople, signInAll, TEST_PASSWORD, type Organisation } from '../../test/factories.js';
import { expectRefused, outsiders, UNKNOWN_ID, type Viewer } from '../../test/followUp.js';
import { waitFor } from '../../test/notesClient.js';
import { noDatabase } from '../../test/provided.js';
import { createSeries, insertTopic, meetingsOf } from '../../test/series.js';

type Cookies = Record<Viewer, string | null>;

const feedbackText = { kind: 'positive', situation: '定例で', behaviour: '論点を整理した', impact: '早く決まった' };
/** A feedback record for `receiverId`. */
const feedbackTo = (receiverId: string) => ({ ...feedbackText, receiverId });

describe.skipIf(noDatabase)('the live room event stream', () => {
  const database = testDatabase();
  let app: App;
  let services: ReturnType<typeof testApp>['services'];
  let org: Organisation;
  let cookies: Cookies;
  const streams: EventStreamClient[] = [];

  const open = async (viewer: Viewer, meetingId: string) => {
    const s = await openEventStream(app, `/api/meetings/${meetingId}/events`, cookies[viewer]);
    streams.push(s);
    return s;
  };
  /** A fresh series of the pair (self = report, partner = manager) and its first meeting. */
  const freshMeeting = async (reportId = org.self.id) => {
    const s = await createSeries(database.db, { managerId: org.partner.id, reportId });
    const [first, second] = await meetingsOf(database.db, s.id);
    return { seriesId: s.id, meetingId: first!.id, nextId: second!.id };
  };

  beforeAll(async () => {
    const built = testApp(database);
    app = built.app;
    services = built.services;
    org = await buildOrganisation(database.db, services.auth);
    cookies = await signInAll(app, org);
  });
  afterEach(async () => {
    await Promise.all(streams.splice(0).map((s) => s.cancel()));
  });
  afterAll(async () => {
    await services.rooms.close();
  });

  it('opens for the pair only: 401 anonymous, 404 to every outsider, 404 unknown, 400 malformed', async () => {
    const { meetingId } = await freshMeeting();
    for (const viewer of ['self', 'partner'] as const) {
      const s = await open(viewer, meetingId);
      expect(s.status).toBe(200);
      expect((await s.next()).event).toBe('ready');
    }
    for (const viewer of outsiders) expectRefused(viewer, await call(app, 'GET', `/api/meetings/${meetingId}/events`, { cookie: cookies[viewer] }));
    expectError(await call(app, 'GET', `/api/meetings/${UNKNOWN_ID}/events`, { cookie: cookies.self }), 404, 'not_found');
    expectError(await call(app, 'GET', '/api/meetings/not-a-uuid/events', { cookie: cookies.self }), 400, 'validation');
  });

  it('sends the content type and headers of an event stream', async () => {
    const { meetingId } = await freshMeeting();
    const res = await app.request(`/api/meetings/${meetingId}/events`, { headers: { cookie: cookies.self!, origin: 'http://127.0.0.1:3000' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    await res.body?.cancel();
  });

  it('tells the partner to refetch after each committed write, and the refetch shows it', async () => {
    const { meetingId } = await freshMeeting();
    const topicId = await insertTopic(database.db, { meetingId, authorId: org.self.id, title: '来期の目標' });
    const manager = await open('partner', meetingId);
    await manager.until('ready');

    const marked = await call(app, 'POST', `/api/topics/${topicId}/discussed`, { cookie: cookies.self, body: { discussed: true } });
    expect(marked.status).toBe(200);
    expect((await manager.next()).data).toEqual({ scope: 'topics' });
    const detail = await call<{ topics: Topic[] }>(app, 'GET', `/api/meetings/${meetingId}`, { cookie: cookies.partner });
    expect(detail.body.topics.find((t) => t.id === topicId)?.discussed).toBe(true);

    const item = await call(app, 'POST', `/api/meetings/${meetingId}/action-items`, {
      cookie: cookies.self,
      body: { ownerId: org.self.id, title: '資料を共有する' },
    });
    expect(item.status).toBe(201);
    expect((await manager.next()).data).toEqual({ scope: 'actionItems' });

    const fb = await call<FeedbackRecord>(app, 'POST', `/api/meetings/${meetingId}/feedback`, { cookie: cookies.self, body: feedbackTo(org.partner.id) });
    expect(fb.status).toBe(201);
    expect((await manager.next()).data).toEqual({ scope: 'feedback' });
    const list = await call<{ items: FeedbackRecord[] }>(app, 'GET', `/api/meetings/${meetingId}/feedback`, { cookie: cookies.partner });
    expect(list.body.items.map((f) => f.id)).toContain(fb.body.id);

    const second = await insertTopic(database.db, { meetingId, authorId: org.partner.id, title: '体制', position: 2 });
    expect((await call(app, 'PUT', `/api/meetings/${meetingId}/topics/order`, { cookie: cookies.self, body: { topicIds: [second, topicId] } })).status).toBe(200);
    expect((await manager.next()).data).toEqual({ scope: 'topics' });

    expect((await call(app, 'POST', `/api/meetings/${meetingId}/start`, { cookie: cookies.self })).status).toBe(200);
    expect((await manager.next()).data).toEqual({ scope: 'meeting' });
  });

  it('carries no content: the events are only scopes and presence', async () => {
    const { meetingId } = await freshMeeting();
    const manager = await open('partner', meetingId);
    await manager.until('ready');
    await call(app, 'POST', `/api/meetings/${meetingId}/topics`, {
      cookie: cookies.self,
      body: { title: '秘密ではない議題', category: 'career', wantedResponse: 'listen' },
    });
    const e = await manager.next();
    expect(e).toEqual({ event: 'changed', data: { scope: 'topics' } });
    expect(JSON.stringify(e)).not.toContain('秘密ではない議題');
  });

  it('sends nothing for a refused write or a private draft: the next event is the next allowed write', async () => {
    const { meetingId } = await freshMeeting();
    const manager = await open('partner', meetingId);
    await manager.until('ready');
    for (const viewer of outsiders) {
      expectRefused(viewer, await call(app, 'POST', `/api/meetings/${meetingId}/feedback`, { cookie: cookies[viewer], body: feedbackTo(org.self.id) }));
    }
    // Invalid input from the pair changes nothing and signals nothing either.
    expectError(await call(app, 'POST', `/api/meetings/${meetingId}/feedback`, { cookie: cookies.self, body: { kind: 'nice' } }), 400, 'validation');
    const draft = await call<Topic>(app, 'POST', `/api/meetings/${meetingId}/topics`, {
      cookie: cookies.self,
      body: { title: 'まだ下書き', category: 'other', wantedResponse: 'listen', visibility: 'private' },
    });
    expect(draft.status).toBe(201);
    expect((await call(app, 'PATCH', `/api/topics/${draft.body.id}`, { cookie: cookies.self, body: { title: '下書きのまま' } })).status).toBe(200);
    expect((await call(app, 'DELETE', `/api/topics/${draft.body.id}`, { cookie: cookies.self })).status).toBe(200);
    await call(app, 'POST', `/api/meetings/${meetingId}/action-items`, { cookie: cookies.self, body: { ownerId: org.self.id, title: '次の一歩' } });
    expect(await manager.next()).toEqual({ event: 'changed', data: { scope: 'actionItems' } });
  });

  it('keeps topics to their meeting, and action items and feedback to the whole series', async () => {
    const { meetingId, nextId } = await freshMeeting();
    const other = await insertTopic(database.db, { meetingId: nextId, authorId: org.self.id, title: '次回の議題' });
    const manager = await open('partner', meetingId);
    await manager.until('ready');
    await call(app, 'POST', `/api/topics/${other}/discussed`, { cookie: cookies.self, body: { discussed: true } });
    await call(app, 'POST', `/api/meetings/${nextId}/feedback`, { cookie: cookies.self, body: feedbackTo(org.partner.id) });
    // The next meeting's topic is not this room's; the series' feedback is.
    expect(await manager.next()).toEqual({ event: 'changed', data: { scope: 'feedback' } });
  });

  it('shows each side the other’s presence, and its end when they leave', async () => {
    const { meetingId } = await freshMeeting();
    const manager = await open('partner', meetingId);
    await manager.until('ready');
    const report = await open('self', meetingId);
    const joined = await manager.until('presence');
    expect(joined.found.data).toEqual({ employeeId: org.self.id, present: true });
    expect((await report.until('presence')).found.data).toEqual({ employeeId: org.partner.id, present: true });

    // A second window of the report: still present when one of the two closes.
    const again = await open('self', meetingId);
    await again.until('presence');
    await report.cancel();
    await again.cancel();
    const left = await manager.until('presence');
    expect(left.found.data).toEqual({ employeeId: org.self.id, present: false });
    expect(left.skipped.filter((e) => e.event === 'presence')).toEqual([]);
  });

  it('ends the pair’s streams when the series ends, and refuses them afterwards (403, translated)', async () => {
    const { seriesId, meetingId } = await freshMeeting();
    // A prepared meeting outlives the end of its series (unprepared future ones are dropped).
    await insertTopic(database.db, { meetingId, authorId: org.self.id, title: '最後の議題' });
    const manager = await open('partner', meetingId);
    const report = await open('self', meetingId);
    await Promise.all([manager.until('ready'), report.until('ready')]);
    expect((await call(app, 'POST', `/api/series/${seriesId}/end`, { cookie: cookies.partner })).status).toBe(200);
    await Promise.all([manager.ended, report.ended]);
    const ja = expectError(await call(app, 'GET', `/api/meetings/${meetingId}/events`, { cookie: cookies.self }), 403, 'forbidden');
    expect(ja.message).toContain('終了');
    const en = expectError(await call(app, 'GET', `/api/meetings/${meetingId}/events`, { cookie: cookies.self, lang: 'en' }), 403, 'forbidden');
    expect(en.message).toContain('ended');
  });

  it('ends a deactivated person’s stream and leaves the partner’s open', async () => {
    // Deactivating someone changes what every other test expects of them: a new report of the manager.
    const [leaver] = await insertPeople(database.db, services.auth, [{ familyName: '異動', givenName: '予定', managerId: org.partner.id }]);
    const { meetingId } = await freshMeeting(leaver!.id);
    const otherCookie = await signIn(app, leaver!.email, TEST_PASSWORD);
    const member = await openEventStream(app, `/api/meetings/${meetingId}/events`, otherCookie);
    streams.push(member);
    const manager = await open('partner', meetingId);
    await Promise.all([member.until('ready'), manager.until('ready')]);
    const res = await call(app, 'PATCH', `/api/employees/${leaver!.id}`, { cookie: cookies.admin, body: { active: false } });
    expect(res.status).toBe(200);
    await member.ended;
    // The manager's room stays: it hears that the report is gone and still receives changes.
    await manager.until('presence', (d) => (d as { present: boolean }).present === false);
    const item = await call(app, 'POST', `/api/meetings/${meetingId}/action-items`, {
      cookie: cookies.partner,
      body: { ownerId: org.partner.id, title: '引き継ぎを整える', support: true },
    });
    expect(item.status).toBe(201);
    expect((await manager.until('changed')).found.data).toEqual({ scope: 'actionItems' });
    expectRefused('anonymous', await call(app, 'GET', `/api/meetings/${meetingId}/events`, { cookie: otherCookie }));
  });
});

const hasRedis = spawnSync('redis-server', ['--version']).status === 0;
if (!hasRedis) console.warn('[room.test] the cross-process test is skipped: redis-server is not installed');

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });

/** Two processes behind a load balancer (two app instances here, each with its own Redis connections). */
describe.skipIf(noDatabase || !hasRedis)('the live room across processes through Redis', () => {
  const database = testDatabase();
  let redis: ChildProcess;
  const instances: ReturnType<typeof testApp>[] = [];
  let org: Organisation;
  let cookies: Cookies;
  const streams: EventStreamClient[] = [];

  beforeAll(async () => {
    const port = await freePort();
    redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await waitFor(() => spawnSync('redis-cli', ['-p', String(port), 'ping']).stdout?.toString().trim() === 'PONG', 10_000, 'redis');
    for (let i = 0; i < 2; i++) instances.push(testApp(database, { redisUrl: `redis://127.0.0.1:${port}/0` }));
    org = await buildOrganisation(database.db, instances[0]!.services.auth);
    cookies = await signInAll(instances[0]!.app, org);
  });
  afterAll(async () => {
    await Promise.all(streams.map((s) => s.cancel()));
    for (const i of instances) await i.services.rooms.close();
    redis?.kill('SIGTERM');
  });

  it('a write on one process reaches the room open on the other, with presence both ways and the end of the series', async () => {
    const [a, b] = instances as [ReturnType<typeof testApp>, ReturnType<typeof testApp>];
    const s = await createSeries(database.db, { managerId: org.partner.id, reportId: org.self.id });
    const meetingId = (await meetingsOf(database.db, s.id))[0]!.id;
    const topicId = await insertTopic(database.db, { meetingId, authorId: org.self.id, title: '別プロセス' });
    const path = `/api/meetings/${meetingId}/events`;

    const manager = await openEventStream(b.app, path, cookies.partner);
    streams.push(manager);
    await manager.until('ready');
    const report = await openEventStream(a.app, path, cookies.self);
    streams.push(report);
    expect((await manager.until('presence')).found.data).toEqual({ employeeId: org.self.id, present: true });
    expect((await report.until('presence')).found.data).toEqual({ employeeId: org.partner.id, present: true });

    expect((await call(a.app, 'POST', `/api/topics/${topicId}/discussed`, { cookie: cookies.self, body: { discussed: true } })).status).toBe(200);
    expect((await manager.until('changed')).found.data).toEqual({ scope: 'topics' });
    expect((await call(b.app, 'POST', `/api/meetings/${meetingId}/feedback`, { cookie: cookies.partner, body: feedbackTo(org.self.id) })).status).toBe(201);
    // The report's own window hears of its own change too; then of the manager's, through the other process.
    const seen = await report.until('changed', (d) => (d as { scope: string }).scope === 'feedback');
    expect(seen.skipped.filter((e) => e.event === 'changed').map((e) => e.data)).toEqual([{ scope: 'topics' }]);

    // Ended through process A: the stream held by process B ends too.
    expect((await call(a.app, 'POST', `/api/series/${s.id}/end`, { cookie: cookies.partner })).status).toBe(200);
    await Promise.all([manager.ended, report.ended]);
  });
});
