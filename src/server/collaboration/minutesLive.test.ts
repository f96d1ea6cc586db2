import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Minutes } from '../../domain/followUp.js';
import { minutesDocuments } from '../db/schema.js';
import { call, TEST_BASE_URL, testApp } from '../test/app.js';
import { testDatabase } from '../test/database.js';
import { startLiveServer, type LiveServer } from '../test/liveServer.js';
import { buildOrganisation, signInAll, type Organisation, type Relation } from '../test/factories.js';
import { textsOf, typeIntoMinutes } from '../test/minutes.js';
import { connectNotes, settled, waitFor, type NotesClient } from '../test/notesClient.js';
import { noDatabase } from '../test/provided.js';
import { createSeries, insertTopic, meetingsOf } from '../test/series.js';
import { minutesDocumentName } from './documentName.js';
import { documentOfState } from './minutesDocument.js';

describe.skipIf(noDatabase)('the minutes draft as a live document (minutes:<meeting id>)', () => {
  const database = testDatabase();
  let org: Organisation;
  let cookies: Record<Relation, string> & { anonymous: null };
  let running: LiveServer;
  let meetingId: string;
  let scheduledId: string;
  const clients: NotesClient[] = [];

  const open = (who: Relation | 'anonymous', id = meetingId) => {
    const client = connectNotes({ url: running.url, documentName: minutesDocumentName(id), cookie: cookies[who], origin: TEST_BASE_URL });
    clients.push(client);
    return client;
  };
  /** What PostgreSQL holds for the draft right now, as texts. */
  const stored = async (id = meetingId) => {
    const [row] = await database.db.select().from(minutesDocuments).where(eq(minutesDocuments.meetingId, id));
    return row ? textsOf(documentOfState(row.state)) : [];
  };
  /** A series of its own for `reportId` and the manager, whose first meeting has just finished: its minutes draft is open. */
  const seriesWithDraft = async (reportId: string) => {
    const s = await createSeries(database.db, { managerId: org.partner.id, reportId });
    const [finished, scheduled] = (await meetingsOf(database.db, s.id)).map((m) => m.id) as [string, string];
    await insertTopic(database.db, { meetingId: finished, authorId: reportId, title: 'キャリアの方向性', discussed: true });
    expect((await call(running.app, 'POST', `/api/meetings/${finished}/start`, { cookie: cookies.partner })).status).toBe(200);
    expect((await call(running.app, 'POST', `/api/meetings/${finished}/finish`, { cookie: cookies.partner })).status).toBe(200);
    return { meetingId: finished, scheduledId: scheduled };
  };

  beforeAll(async () => {
    running = await startLiveServer(database);
    org = await buildOrganisation(database.db, testApp(database).services.auth);
    cookies = await signInAll(running.app, org);
    // The draft most tests share only gets lines of their own; sharing freezes a draft of another series.
    ({ meetingId, scheduledId } = await seriesWithDraft(org.self.id));
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await running?.stop();
  });

  it('the pair opens the assembled draft; both type at once and both lines are kept on both sides', async () => {
    const report = open('self');
    const manager = open('partner');
    expect(await report.outcome).toBe('authenticated');
    expect(await manager.outcome).toBe('authenticated');
    await Promise.all([settled(report), settled(manager)]);
    expect(report.text()).toContain('キャリアの方向性');
    // The old defect: the report saves a line, then the manager saves one from the older draft.
    for (let i = 0; i < 5; i++) {
      report.type(`メンバーの行 ${i}`);
      manager.type(`上司の行 ${i}`);
    }
    await Promise.all([settled(report), settled(manager)]);
    await waitFor(() => report.text() === manager.text() && report.text().includes('上司の行 4') && manager.text().includes('メンバーの行 4'));
    for (let i = 0; i < 5; i++) expect(await stored()).toEqual(expect.arrayContaining([`メンバーの行 ${i}`, `上司の行 ${i}`]));
    const read = await call<Minutes>(running.app, 'GET', `/api/meetings/${meetingId}/minutes`, { cookie: cookies.self });
    expect(textsOf(read.body.content)).toEqual(expect.arrayContaining(['メンバーの行 0', '上司の行 4']));
    report.destroy();
    manager.destroy();
  });

  it('an acknowledged update is already committed to PostgreSQL', async () => {
    const report = open('self');
    await report.outcome;
    await settled(report);
    for (let i = 0; i < 10; i++) {
      report.type(`確定した行 ${i}`);
      await settled(report);
      // Acknowledged means stored: no debounce to wait for.
      expect(await stored()).toContain(`確定した行 ${i}`);
    }
    report.destroy();
  });

  it.each(['hr', 'admin', 'skipLevel', 'otherReport', 'anonymous'] as const)('%s is refused and receives nothing', async (who) => {
    const client = open(who);
    expect(await client.outcome).toEqual({ refused: expect.any(String) });
    expect(client.provider.isSynced).toBe(false);
    expect(client.text()).toBe('');
    client.destroy();
  });

  it('the pair is refused the minutes document of a meeting that has no minutes yet', async () => {
    const client = open('self', scheduledId);
    expect(await client.outcome).toEqual({ refused: expect.any(String) });
    client.destroy();
  });

  it('the draft survives a restart of the server', async () => {
    const manager = open('partner');
    await manager.outcome;
    await settled(manager);
    manager.type('再起動の前の行');
    await settled(manager);
    manager.destroy();
    await running.stop();
    running = await startLiveServer(database);
    const report = open('self');
    expect(await report.outcome).toBe('authenticated');
    await settled(report);
    expect(report.text()).toContain('再起動の前の行');
    expect(report.text()).toContain('キャリアの方向性');
    report.destroy();
  });

  it('sharing freezes the draft: open editors are closed, reconnecting is refused, later writes are refused', async () => {
    const { meetingId } = await seriesWithDraft(org.otherReport.id);
    const report = open('otherReport', meetingId);
    const manager = open('partner', meetingId);
    await Promise.all([report.outcome, manager.outcome]);
    await Promise.all([settled(report), settled(manager)]);
    report.type('共有の直前の行');
    await settled(report);
    const refusedAgain = new Promise<unknown>((resolve) => manager.provider.on('authenticationFailed', resolve));
    const shared = await call<Minutes>(running.app, 'POST', `/api/meetings/${meetingId}/minutes/share`, { cookie: cookies.partner });
    expect(shared.status).toBe(200);
    expect(textsOf(shared.body.content)).toEqual(expect.arrayContaining(['共有の直前の行', 'キャリアの方向性']));
    await waitFor(() => report.closes.includes(4403) && manager.closes.includes(4403), 5_000, 'the close');
    await refusedAgain;
    // Typed after the freeze (the provider keeps it locally): never stored, never in the shared version.
    manager.type('共有の後の行');
    const fresh = open('otherReport', meetingId);
    expect(await fresh.outcome).toEqual({ refused: expect.any(String) });
    await expect(typeIntoMinutes(database.db, meetingId, '別プロセスからの書き込み')).rejects.toMatchObject({ code: 4403, reason: 'minutes-shared' });
    expect(await stored(meetingId)).not.toContain('共有の後の行');
    const after = await call<Minutes>(running.app, 'GET', `/api/meetings/${meetingId}/minutes`, { cookie: cookies.otherReport });
    expect(textsOf(after.body.content)).not.toContain('共有の後の行');
    expect(textsOf(after.body.content)).not.toContain('別プロセスからの書き込み');
    report.destroy();
    manager.destroy();
    fresh.destroy();
  });
});
