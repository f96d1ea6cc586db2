import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { auditEvents, series, sharedNotes } from '../db/schema.js';
import { call, signIn, TEST_BASE_URL, testApp } from '../test/app.js';
import { testDatabase } from '../test/database.js';
import { startLiveServer, type LiveServer } from '../test/liveServer.js';
import { buildOrganisation, insertPeople, signInAll, TEST_PASSWORD, type Organisation, type Relation } from '../test/factories.js';
import { connectNotes, settled, waitFor, type NotesClient } from '../test/notesClient.js';
import { noDatabase } from '../test/provided.js';
import { createSeries, meetingsOf } from '../test/series.js';
import { meetingDocumentName } from './documentName.js';
import { mergeIntoNotes } from './persistence.js';

describe.skipIf(noDatabase)('shared notes over a real socket', () => {
  const database = testDatabase();
  let org: Organisation;
  let cookies: Record<Relation, string> & { anonymous: null };
  let running: LiveServer;
  let meetingId: string;
  const clients: NotesClient[] = [];

  const open = (who: Relation | 'anonymous', props: { documentName?: string; origin?: string } = {}) => {
    const client = connectNotes({
      url: running.url,
      documentName: props.documentName ?? meetingDocumentName(meetingId),
      cookie: cookies[who],
      origin: props.origin ?? TEST_BASE_URL,
    });
    clients.push(client);
    return client;
  };

  const storedNotes = async (id = meetingId) => (await database.db.select().from(sharedNotes).where(eq(sharedNotes.meetingId, id)))[0];

  beforeAll(async () => {
    running = await startLiveServer(database);
    org = await buildOrganisation(database.db, testApp(database).services.auth);
    cookies = await signInAll(running.app, org);
    const s = await createSeries(database.db, { managerId: org.partner.id, reportId: org.self.id });
    meetingId = (await meetingsOf(database.db, s.id))[0]!.id;
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await running?.stop();
  });

  it('the pair connects and each sees the other’s edits live', async () => {
    const report = open('self');
    const manager = open('partner');
    expect(await report.outcome).toBe('authenticated');
    expect(await manager.outcome).toBe('authenticated');
    await settled(report);
    await settled(manager);
    report.type('今週の振り返り');
    manager.type('来週までに資料を共有する');
    await waitFor(() => report.text().includes('来週までに資料を共有する') && manager.text().includes('今週の振り返り'));
    expect(report.text()).toBe(manager.text());
    report.destroy();
    manager.destroy();
  });

  it('opening the shared notes is recorded for the other person of the pair (ADR 0210); refusals are not', async () => {
    const manager = open('partner');
    expect(await manager.outcome).toBe('authenticated');
    const outsider = open('otherReport');
    expect(await outsider.outcome).not.toBe('authenticated');
    const events = await database.db.select().from(auditEvents).where(eq(auditEvents.action, 'sharedNotes.read'));
    expect(events.filter((e) => e.actorId === org.partner.id).map((e) => [e.subjectId, e.targetId])).toEqual([[org.self.id, meetingId]]);
    expect(events.filter((e) => e.actorId === org.otherReport.id)).toEqual([]);
    manager.destroy();
    outsider.destroy();
  });

  it('an acknowledged update is already committed: shared_notes holds its state and plain text', async () => {
    const report = open('self');
    await report.outcome;
    await settled(report);
    for (let i = 0; i < 20; i++) {
      report.type(`line ${i}`);
      await settled(report);
      // No waiting for a debounce: acknowledged means stored.
      expect((await storedNotes())!.text).toContain(`line ${i}`);
    }
    const row = await storedNotes();
    expect(row!.text.split('\n')).toEqual(expect.arrayContaining(['line 0', 'line 19']));
    expect(row!.state.length).toBeGreaterThan(0);
    report.destroy();
  });

  it.each(['hr', 'admin', 'skipLevel', 'otherReport', 'anonymous'] as const)('%s is refused', async (who) => {
    const client = open(who);
    expect(await client.outcome).toEqual({ refused: expect.any(String) });
    expect(client.provider.isSynced).toBe(false);
    expect(client.text()).toBe('');
    client.destroy();
  });

  it.each([
    ['an unknown meeting', 'meeting:00000000-0000-4000-8000-000000000000'],
    ['a malformed id', 'meeting:../../etc'],
    ['another kind of document', 'minutes:00000000-0000-4000-8000-000000000000'],
    ['a bare name', 'notes'],
  ])('the pair is refused %s', async (_what, documentName) => {
    const client = open('self', { documentName });
    expect(await client.outcome).toEqual({ refused: expect.any(String) });
    client.destroy();
  });

  it('a socket from another origin (cross-site WebSocket hijacking) or another path is refused at the upgrade', async () => {
    const attempt = (path: string, headers: Record<string, string>) =>
      new Promise<number | 'open' | 'reset'>((resolve) => {
        const ws = new WebSocket(running.url.replace('/collaboration', path), { headers });
        ws.on('unexpected-response', (_req, res) => {
          resolve(res.statusCode ?? 0);
          ws.terminate();
        });
        ws.on('open', () => {
          resolve('open');
          ws.close();
        });
        ws.on('error', () => resolve('reset'));
      });
    expect(await attempt('/collaboration', { origin: 'https://evil.example', cookie: cookies.self })).toBe(403);
    expect(await attempt('/collaboration', { cookie: cookies.self })).toBe(403);
    expect(await attempt('/somewhere-else', { origin: TEST_BASE_URL, cookie: cookies.self })).toBe('reset');
    expect(await attempt('/collaboration', { origin: TEST_BASE_URL, cookie: cookies.self })).toBe('open');
    // Through the provider, too: it never authenticates.
    const client = open('self', { origin: 'http://127.0.0.1:9999' });
    const raced = await Promise.race([client.outcome, new Promise((r) => setTimeout(() => r('nothing'), 400))]);
    expect(raced).toBe('nothing');
    expect(client.provider.isSynced).toBe(false);
    client.destroy();
  });

  it('the text survives a restart of the server on the same database', async () => {
    const report = open('self');
    await report.outcome;
    await settled(report);
    report.type('再起動の前に書いた行');
    await settled(report);
    report.destroy();
    await running.stop();
    running = await startLiveServer(database);
    const again = open('partner');
    expect(await again.outcome).toBe('authenticated');
    await settled(again);
    expect(again.text()).toContain('再起動の前に書いた行');
    again.destroy();
  });

  it('edits made offline reach the server after reconnecting', async () => {
    const report = open('self');
    const manager = open('partner');
    await Promise.all([report.outcome, manager.outcome]);
    await Promise.all([settled(report), settled(manager)]);
    report.socket.disconnect();
    await waitFor(() => report.closes.length > 0, 5_000, 'the disconnect');
    report.type('オフラインで書いた行 1');
    report.type('オフラインで書いた行 2');
    manager.type('その間に上司が書いた行');
    await settled(manager);
    expect(report.text()).not.toContain('その間に上司が書いた行');
    await report.socket.connect();
    await settled(report);
    await waitFor(() => report.text() === manager.text() && manager.text().includes('オフラインで書いた行 2'));
    expect((await storedNotes())!.text).toContain('オフラインで書いた行 2');
    report.destroy();
    manager.destroy();
  });

  it('a write for a meeting of an ended series is refused even without the event (another process ended it)', async () => {
    const other = await createSeries(database.db, { managerId: org.partner.id, reportId: org.otherReport.id });
    const [m] = await meetingsOf(database.db, other.id);
    await database.db.update(series).set({ status: 'ended' }).where(eq(series.id, other.id));
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'x');
    await expect(mergeIntoNotes(database.db, m!.id, [Y.encodeStateAsUpdate(doc)])).rejects.toMatchObject({ code: 4403, reason: 'series-ended' });
    expect(await storedNotes(m!.id)).toBeUndefined();
  });

  it('ending the series closes the open connections, and reconnecting is refused', async () => {
    // A series of its own (the manager and the other report): the shared one stays open for the other tests.
    const other = await createSeries(database.db, { managerId: org.partner.id, reportId: org.otherReport.id });
    const documentName = meetingDocumentName((await meetingsOf(database.db, other.id))[0]!.id);
    const report = open('otherReport', { documentName });
    const manager = open('partner', { documentName });
    await Promise.all([report.outcome, manager.outcome]);
    await Promise.all([settled(report), settled(manager)]);
    const reconnect = new Promise<unknown>((resolve) => report.provider.on('authenticationFailed', resolve));
    const ended = await call(running.app, 'POST', `/api/series/${other.id}/end`, { cookie: cookies.partner });
    expect(ended.status).toBe(200);
    await waitFor(() => report.closes.includes(4403) && manager.closes.includes(4403), 5_000, 'the close');
    // The provider reconnects by itself and is refused.
    await reconnect;
    const fresh = open('partner', { documentName });
    expect(await fresh.outcome).toEqual({ refused: expect.any(String) });
    report.destroy();
    manager.destroy();
    fresh.destroy();
  });

  it('deactivating one of the pair closes their connection, and reconnecting is refused', async () => {
    // Deactivating someone changes what every other test expects of them: a new report of the manager.
    const [leaver] = await insertPeople(database.db, testApp(database).services.auth, [{ familyName: '異動', givenName: '予定', managerId: org.partner.id }]);
    const s2 = await createSeries(database.db, { managerId: org.partner.id, reportId: leaver!.id });
    const [m] = await meetingsOf(database.db, s2.id);
    const client = connectNotes({ url: running.url, documentName: meetingDocumentName(m!.id), cookie: await signIn(running.app, leaver!.email, TEST_PASSWORD), origin: TEST_BASE_URL });
    clients.push(client);
    expect(await client.outcome).toBe('authenticated');
    const refused = new Promise<unknown>((resolve) => client.provider.on('authenticationFailed', resolve));
    const res = await call(running.app, 'PATCH', `/api/employees/${leaver!.id}`, { cookie: cookies.admin, body: { active: false } });
    expect(res.status).toBe(200);
    await waitFor(() => client.closes.includes(4403), 5_000, 'the close');
    await refused;
    client.destroy();
  });
});
