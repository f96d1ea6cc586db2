import { beforeAll, describe, expect, it } from 'vitest';
import type { Minutes } from '../../../domain/followUp.js';
import { call, testApp } from '../../test/app.js';
import { testDatabase } from '../../test/database.js';
import { expectError, expectFields } from '../../test/expect.js';
import { buildOrganisation, signInAll, type Organisation } from '../../test/factories.js';
import { expectRefused, outsiders, type Viewer } from '../../test/followUp.js';
import { noDatabase } from '../../test/provided.js';
import { createSeries, insertTopic, meetingsOf } from '../../test/series.js';

import type { MinutesNode } from '../../../domain/minutesDocument.js';
import { Refusal } from '../../collaboration/refusal.js';
import { talkBalances } from '../../db/schema.js';
import { textsOf, typeIntoMinutes } from '../../test/minutes.js';
import { databaseSnapshot } from '../../test/snapshot.js';

type Revisions = { items: { version: number; content: MinutesNode; body: string; reason: string | null; author: { id: string } }[] };

const paragraphs = (...lines: string[]): MinutesNode => ({ type: 'doc', content: lines.map((l) => ({ type: 'paragraph', content: [{ type: 'text', text: l }] })) });

describe.skipIf(noDatabase)('minutes: draft, share, acknowledge, corrections, export', () => {
  const database = testDatabase();
  let app: ReturnType<typeof testApp>['app'];
  let auth: ReturnType<typeof testApp>['services']['auth'];
  /** Read and refused only (a finished meeting with its draft): a test that changes data builds its own. */
  let shared: World;
  const pathOf = (meetingId: string) => `/api/meetings/${meetingId}/minutes`;

  interface World {
    org: Organisation;
    cookies: Record<Viewer, string | null>;
    meetingId: string;
    laterId: string;
  }

  /** A fresh organisation with the pair's series; the first meeting has a discussed topic. */
  async function world(): Promise<World> {
    const org = await buildOrganisation(database.db, auth);
    const cookies = await signInAll(app, org);
    const s = await createSeries(database.db, { managerId: org.partner.id, reportId: org.self.id });
    const [meetingId, laterId] = (await meetingsOf(database.db, s.id)).map((m) => m.id) as [string, string];
    await insertTopic(database.db, { meetingId, authorId: org.self.id, title: '評価の基準について', discussed: true });
    return { org, cookies, meetingId, laterId };
  }

  /** The manager starts and finishes the first meeting: its minutes draft exists. */
  async function finish(w: World): Promise<World> {
    expect((await call(app, 'POST', `/api/meetings/${w.meetingId}/start`, { cookie: w.cookies.partner })).status).toBe(200);
    expect((await call(app, 'POST', `/api/meetings/${w.meetingId}/finish`, { cookie: w.cookies.partner })).status).toBe(200);
    return w;
  }

  beforeAll(async () => {
    ({
      app,
      services: { auth },
    } = testApp(database));
    shared = await finish(await world());
  });

  it('there are no minutes before the meeting is finished (404 for the pair too)', async () => {
    const w = await world();
    expect(expectError(await call(app, 'GET', `/api/meetings/${w.meetingId}/minutes`, { cookie: w.cookies.self }), 404, 'not_found').message).toBe(
      '議事録はまだありません。1on1を終了すると下書きが作られます。',
    );
    await finish(w);
    expect((await call(app, 'GET', `/api/meetings/${w.meetingId}/minutes`, { cookie: w.cookies.self })).status).toBe(200);
    expectError(await call(app, 'GET', `/api/meetings/${w.laterId}/minutes`, { cookie: w.cookies.self }), 404, 'not_found');
  });

  it.each(outsiders)('%s reads and writes nothing of the minutes', async (viewer) => {
    const { cookies, meetingId } = shared;
    const before = await databaseSnapshot(database.db);
    for (const [method, p, body] of [
      ['GET', pathOf(meetingId)],
      ['POST', `${pathOf(meetingId)}/share`],
      ['POST', `${pathOf(meetingId)}/acknowledge`, {}],
      ['POST', `${pathOf(meetingId)}/corrections`, { content: paragraphs('x'), reason: 'y' }],
      ['GET', `${pathOf(meetingId)}/revisions`],
      ['GET', `/api/meetings/${meetingId}/minutes.md`],
    ] as [string, string, object?][]) {
      const res = await call(app, method, p, { cookie: cookies[viewer], body });
      expectRefused(viewer, res);
      expect(res.text).not.toContain('評価の基準');
    }
    expect(await databaseSnapshot(database.db)).toEqual(before);
  });

  it('bad input is refused with field messages and writes nothing', async () => {
    const { cookies, meetingId } = shared;
    const before = await databaseSnapshot(database.db);
    expectFields(await call(app, 'POST', `${pathOf(meetingId)}/corrections`, { cookie: cookies.self, body: { content: paragraphs('x') } }), { reason: '入力してください。' });
    expectFields(await call(app, 'POST', `${pathOf(meetingId)}/corrections`, { cookie: cookies.self, body: { content: '## 生のMarkdown', reason: 'y' } }), {
      content: '形式が正しくありません。',
    });
    expectFields(
      await call(app, 'POST', `${pathOf(meetingId)}/corrections`, { cookie: cookies.self, body: { content: { type: 'doc', content: [{ type: 'script' }] }, reason: 'y' }, lang: 'en' }),
      { content: 'The minutes could not be read. Reload the page and try again.' },
    );
    expectFields(await call(app, 'POST', `${pathOf(meetingId)}/corrections`, { cookie: cookies.self, body: { content: paragraphs('x'.repeat(50_001)), reason: 'y' } }), {
      content: '議事録は50000文字以内にしてください。',
    });
    expectFields(await call(app, 'POST', `${pathOf(meetingId)}/acknowledge`, { cookie: cookies.self, body: { comment: 'x'.repeat(2001) } }), {
      comment: '2000文字以内で入力してください。',
    });
    // Corrections and acknowledgement wait for sharing.
    expectError(await call(app, 'POST', `${pathOf(meetingId)}/corrections`, { cookie: cookies.self, body: { content: paragraphs('x'), reason: 'y' } }), 409, 'conflict');
    expectError(await call(app, 'POST', `${pathOf(meetingId)}/acknowledge`, { cookie: cookies.self, body: {} }), 409, 'conflict');
    expect(await databaseSnapshot(database.db)).toEqual(before);
  });

  it('the draft is one live document: both sides’ lines are kept, whoever writes last', async () => {
    const { cookies, meetingId } = await finish(await world());
    const start = await call<Minutes>(app, 'GET', pathOf(meetingId), { cookie: cookies.self });
    expect(start.body.status).toBe('draft');
    expect(textsOf(start.body.content)).toContain('評価の基準について');
    await typeIntoMinutes(database.db, meetingId, 'メンバーが追記した行');
    await typeIntoMinutes(database.db, meetingId, '上司が追記した行');
    for (const viewer of ['self', 'partner'] as const) {
      const m = await call<Minutes>(app, 'GET', pathOf(meetingId), { cookie: cookies[viewer] });
      expect(textsOf(m.body.content)).toEqual(expect.arrayContaining(['メンバーが追記した行', '上司が追記した行']));
      expect(m.body.body).toContain('メンバーが追記した行\n\n上司が追記した行');
    }
    // The draft is written through the live document only: there is no whole-body PUT any more.
    expect((await call(app, 'PUT', pathOf(meetingId), { cookie: cookies.self, body: { body: '上書き' } })).status).toBe(404);
  });

  it('sharing freezes the live draft as version 1 (later edits refused); the report acknowledges; corrections keep history', async () => {
    const { org, cookies, meetingId } = await finish(await world());
    await typeIntoMinutes(database.db, meetingId, 'メンバーが追記した行');
    await typeIntoMinutes(database.db, meetingId, '上司が追記した行');
    await typeIntoMinutes(database.db, meetingId, '共有直前の一行');
    const shared = await call<Minutes>(app, 'POST', `${pathOf(meetingId)}/share`, { cookie: cookies.partner });
    expect(shared.body).toMatchObject({ status: 'shared', version: 1, sharedBy: { id: org.partner.id }, sharedAt: expect.any(String), abilities: { edit: false } });
    expect(textsOf(shared.body.content)).toContain('共有直前の一行');
    expectError(await call(app, 'POST', `${pathOf(meetingId)}/share`, { cookie: cookies.self }), 409, 'conflict');
    const before = await databaseSnapshot(database.db);
    await expect(typeIntoMinutes(database.db, meetingId, '共有後の書き込み')).rejects.toSatisfy((e) => e instanceof Refusal && e.reason === 'minutes-shared');
    expect(await databaseSnapshot(database.db)).toEqual(before);
    expect(textsOf((await call<Minutes>(app, 'GET', pathOf(meetingId), { cookie: cookies.self })).body.content)).not.toContain('共有後の書き込み');

    const corrected = await call<Minutes>(app, 'POST', `${pathOf(meetingId)}/corrections`, {
      cookie: cookies.self,
      body: { content: paragraphs('評価の基準とキャリアについて話した。'), reason: 'キャリアの話が抜けていた' },
    });
    expect(corrected.body).toMatchObject({ version: 2, status: 'shared', body: '評価の基準とキャリアについて話した。\n' });
    expectError(await call(app, 'POST', `${pathOf(meetingId)}/acknowledge`, { cookie: cookies.partner, body: {} }), 403, 'forbidden');
    const ack = await call<Minutes>(app, 'POST', `${pathOf(meetingId)}/acknowledge`, { cookie: cookies.self, body: { comment: '' } });
    expect(ack.body).toMatchObject({
      status: 'acknowledged',
      reportComment: null,
      acknowledgedAt: expect.any(String),
      abilities: { acknowledge: false, correct: true, edit: false },
    });
    expectError(await call(app, 'POST', `${pathOf(meetingId)}/acknowledge`, { cookie: cookies.self, body: {} }), 409, 'conflict');
    await call(app, 'POST', `${pathOf(meetingId)}/corrections`, { cookie: cookies.partner, body: { content: paragraphs('第3版'), reason: '誤字' } });
    const history = await call<Revisions>(app, 'GET', `${pathOf(meetingId)}/revisions`, { cookie: cookies.partner });
    expect(history.body.items.map((r) => [r.version, r.reason, r.author.id])).toEqual([
      [1, null, org.partner.id],
      [2, 'キャリアの話が抜けていた', org.self.id],
      [3, '誤字', org.partner.id],
    ]);
    expect(textsOf(history.body.items[0]!.content)).toEqual(expect.arrayContaining(['評価の基準について', 'メンバーが追記した行', '上司が追記した行', '共有直前の一行']));
    expect(history.body.items[0]!.body).toMatch(/^## 話したこと\n\n- 評価の基準について/);
    const en = await call<Revisions>(app, 'GET', `${pathOf(meetingId)}/revisions`, { cookie: cookies.partner, lang: 'en' });
    expect(en.body.items[0]!.body).toMatch(/^## What we talked about\n\n- 評価の基準について/);
  });

  it('exports Markdown with a title line and the date, as an attachment, in the caller’s language', async () => {
    const { cookies, meetingId } = await finish(await world());
    expect((await call(app, 'POST', `${pathOf(meetingId)}/share`, { cookie: cookies.partner })).status).toBe(200);
    const corrected = await call(app, 'POST', `${pathOf(meetingId)}/corrections`, { cookie: cookies.partner, body: { content: paragraphs('第2版'), reason: '誤字' } });
    expect(corrected.status).toBe(200);
    const ja = await call(app, 'GET', `/api/meetings/${meetingId}/minutes.md`, { cookie: cookies.self });
    expect(ja.status).toBe(200);
    expect(ja.headers.get('content-type')).toMatch(/^text\/markdown/);
    expect(ja.headers.get('content-disposition')).toMatch(/^attachment; filename="minutes-\d{4}-\d{2}-\d{2}\.md"$/);
    const lines = ja.text.split('\n');
    expect(lines[0]).toMatch(/^# 1on1 議事録 — \d{4}年\d{1,2}月\d{1,2}日\([日月火水木金土]\) 田中 美咲 \/ 鈴木 翔太$/);
    expect(lines[2]).toMatch(/^日付: \d{4}年/);
    expect(ja.text).toContain('第2版');
    // Version 1 rendered per reader: the same stored document has Japanese or English headings.
    const v1 = await call<Revisions>(app, 'GET', `${pathOf(meetingId)}/revisions`, { cookie: cookies.self });
    expect(v1.body.items[0]!.body).toContain('## 決めたこと・アクションアイテム');
    const en = await call(app, 'GET', `/api/meetings/${meetingId}/minutes.md`, { cookie: cookies.partner, lang: 'en' });
    expect(en.text.split('\n')[0]).toMatch(/^# 1on1 minutes — \w{3}, \d{1,2} \w{3} \d{4} /);
    expect(en.text).toContain('Date: ');
    expect(ja.text).not.toContain('話す割合');

    // Measured by the pair: the talk balance goes with the minutes, as on the page.
    await database.db.insert(talkBalances).values({ meetingId, managerConsent: true, reportConsent: true, managerMs: 6000, reportMs: 4000 });
    const measuredJa = await call(app, 'GET', `/api/meetings/${meetingId}/minutes.md`, { cookie: cookies.self });
    expect(measuredJa.text.split('\n')[4]).toBe('話す割合: 上司 60% ・ メンバー 40%（話した時間 10秒）');
    const measuredEn = await call(app, 'GET', `/api/meetings/${meetingId}/minutes.md`, { cookie: cookies.partner, lang: 'en' });
    expect(measuredEn.text).toContain('Talk balance: manager 60% · report 40% (10 s of speech)\n');
  });
});
