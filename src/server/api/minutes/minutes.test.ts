import { beforeAll, describe, expect, it } from 'vitest';
import type { Minutes } from '../../../domain/followUp.js';
import { call, testApp } from '../../test/app.js';
import { testDatabase } from '../../test/database.js';
import { expectError, expectFields } from '../../test/expect.js';
import { buildOrganisation, signInAll, type Organisation } from '../../test/factories.js';
import { expectRefused, followUpSnapshot, outsiders, type Viewer } from '../../test/followUp.js';
import { noDatabase } from '../../test/provided.js';
import { createSeries, insertTopic, meetingsOf } from '../../test/series.js';

type Revisions = { items: { version: number; body: string; reason: string | null; author: { id: string } }[] };

describe.skipIf(noDatabase)('minutes: draft, share, acknowledge, corrections, export', () => {
  const database = testDatabase();
  let app: ReturnType<typeof testApp>['app'];
  let org: Organisation;
  let cookies: Record<Viewer, string | null>;
  let meetingId: string;
  let laterId: string;
  const path = () => `/api/meetings/${meetingId}/minutes`;

  beforeAll(async () => {
    const built = testApp(database);
    app = built.app;
    org = await buildOrganisation(database.db, built.services.auth);
    cookies = await signInAll(app, org);
    const s = await createSeries(database.db, { managerId: org.partner.id, reportId: org.self.id });
    [meetingId, laterId] = (await meetingsOf(database.db, s.id)).map((m) => m.id) as [string, string];
    await insertTopic(database.db, { meetingId, authorId: org.self.id, title: '評価の基準について', discussed: true });
  });

  it('there are no minutes before the meeting is finished (404 for the pair too)', async () => {
    expect(expectError(await call(app, 'GET', `/api/meetings/${laterId}/minutes`, { cookie: cookies.self }), 404, 'not_found').message).toBe(
      '議事録はまだありません。1on1を終了すると下書きが作られます。',
    );
    expectError(await call(app, 'PUT', `/api/meetings/${laterId}/minutes`, { cookie: cookies.self, body: { body: 'x' } }), 404, 'not_found');
    expect((await call(app, 'POST', `/api/meetings/${meetingId}/start`, { cookie: cookies.partner })).status).toBe(200);
    expect((await call(app, 'POST', `/api/meetings/${meetingId}/finish`, { cookie: cookies.partner })).status).toBe(200);
  });

  it.each(outsiders)('%s reads and writes nothing of the minutes', async (viewer) => {
    const before = await followUpSnapshot(database.db);
    for (const [method, p, body] of [
      ['GET', path()],
      ['PUT', path(), { body: '書き換え' }],
      ['POST', `${path()}/share`],
      ['POST', `${path()}/acknowledge`, {}],
      ['POST', `${path()}/corrections`, { body: 'x', reason: 'y' }],
      ['GET', `${path()}/revisions`],
      ['GET', `/api/meetings/${meetingId}/minutes.md`],
    ] as [string, string, object?][]) {
      const res = await call(app, method, p, { cookie: cookies[viewer], body });
      expectRefused(viewer, res);
      expect(res.text).not.toContain('評価の基準');
    }
    expect(await followUpSnapshot(database.db)).toBe(before);
  });

  it('bad input is refused with field messages and writes nothing', async () => {
    const before = await followUpSnapshot(database.db);
    expectFields(await call(app, 'PUT', path(), { cookie: cookies.self, body: { body: '   ' } }), { body: '入力してください。' });
    expectFields(await call(app, 'PUT', path(), { cookie: cookies.self, body: { body: 'x'.repeat(50_001) }, lang: 'en' }), {
      body: 'Enter at most 50000 characters.',
    });
    expectFields(await call(app, 'POST', `${path()}/corrections`, { cookie: cookies.self, body: { body: 'x' } }), { reason: '入力してください。' });
    expectFields(await call(app, 'POST', `${path()}/acknowledge`, { cookie: cookies.self, body: { comment: 'x'.repeat(2001) } }), {
      comment: '2000文字以内で入力してください。',
    });
    // Corrections and acknowledgement wait for sharing.
    expectError(await call(app, 'POST', `${path()}/corrections`, { cookie: cookies.self, body: { body: 'x', reason: 'y' } }), 409, 'conflict');
    expectError(await call(app, 'POST', `${path()}/acknowledge`, { cookie: cookies.self, body: {} }), 409, 'conflict');
    expect(await followUpSnapshot(database.db)).toBe(before);
  });

  it('an edit based on an older draft does not overwrite the partner’s newer one (409), and changes nothing', async () => {
    const start = await call<Minutes>(app, 'GET', path(), { cookie: cookies.self });
    const base = start.body.updatedAt;
    const first = await call<Minutes>(app, 'PUT', path(), { cookie: cookies.partner, body: { body: '上司が先に書いた内容', baseUpdatedAt: base } });
    expect(first.status).toBe(200);
    const stale = await call(app, 'PUT', path(), { cookie: cookies.self, body: { body: 'メンバーが古い版から書いた内容', baseUpdatedAt: base } });
    expect(expectError(stale, 409, 'conflict').fields?.body).toMatch(/相手が先に議事録の下書きを更新しました/);
    expect((await call<Minutes>(app, 'GET', path(), { cookie: cookies.self })).body.body).toBe('上司が先に書いた内容');
    const fresh = await call<Minutes>(app, 'PUT', path(), { cookie: cookies.self, body: { body: '最新版に追記した内容', baseUpdatedAt: first.body.updatedAt } });
    expect(fresh.status).toBe(200);
    expect(fresh.body.body).toBe('最新版に追記した内容');
  });

  it('either side edits the draft; sharing freezes it (PUT → 409) and records version 1; the report acknowledges; corrections keep history', async () => {
    const edited = await call<Minutes>(app, 'PUT', path(), { cookie: cookies.partner, body: { body: '# 議事録\n\n評価の基準について話した。' } });
    expect(edited.body).toMatchObject({ body: '# 議事録\n\n評価の基準について話した。', status: 'draft' });
    const shared = await call<Minutes>(app, 'POST', `${path()}/share`, { cookie: cookies.partner });
    expect(shared.body).toMatchObject({ status: 'shared', version: 1, sharedBy: { id: org.partner.id }, sharedAt: expect.any(String) });
    expectError(await call(app, 'POST', `${path()}/share`, { cookie: cookies.self }), 409, 'conflict');
    const before = await followUpSnapshot(database.db);
    expectError(await call(app, 'PUT', path(), { cookie: cookies.self, body: { body: '変更' } }), 409, 'conflict');
    expect(await followUpSnapshot(database.db)).toBe(before);

    const corrected = await call<Minutes>(app, 'POST', `${path()}/corrections`, {
      cookie: cookies.self,
      body: { body: '# 議事録\n\n評価の基準とキャリアについて話した。', reason: 'キャリアの話が抜けていた' },
    });
    expect(corrected.body).toMatchObject({ version: 2, status: 'shared', body: '# 議事録\n\n評価の基準とキャリアについて話した。' });
    expectError(await call(app, 'POST', `${path()}/acknowledge`, { cookie: cookies.partner, body: {} }), 403, 'forbidden');
    const ack = await call<Minutes>(app, 'POST', `${path()}/acknowledge`, { cookie: cookies.self, body: { comment: '' } });
    expect(ack.body).toMatchObject({
      status: 'acknowledged',
      reportComment: null,
      acknowledgedAt: expect.any(String),
      abilities: { acknowledge: false, correct: true, edit: false },
    });
    expectError(await call(app, 'POST', `${path()}/acknowledge`, { cookie: cookies.self, body: {} }), 409, 'conflict');
    await call(app, 'POST', `${path()}/corrections`, { cookie: cookies.partner, body: { body: '第3版', reason: '誤字' } });
    const history = await call<Revisions>(app, 'GET', `${path()}/revisions`, { cookie: cookies.partner });
    expect(history.body.items.map((r) => [r.version, r.reason, r.author.id])).toEqual([
      [1, null, org.partner.id],
      [2, 'キャリアの話が抜けていた', org.self.id],
      [3, '誤字', org.partner.id],
    ]);
    expect(history.body.items[0]!.body).toBe('# 議事録\n\n評価の基準について話した。');
  });

  it('exports Markdown with a title line and the date, as an attachment, in the caller’s language', async () => {
    const ja = await call(app, 'GET', `/api/meetings/${meetingId}/minutes.md`, { cookie: cookies.self });
    expect(ja.status).toBe(200);
    expect(ja.headers.get('content-type')).toMatch(/^text\/markdown/);
    expect(ja.headers.get('content-disposition')).toMatch(/^attachment; filename="minutes-\d{4}-\d{2}-\d{2}\.md"$/);
    const lines = ja.text.split('\n');
    expect(lines[0]).toMatch(/^# 1on1 議事録 — \d{4}年\d{1,2}月\d{1,2}日\([日月火水木金土]\) 田中 美咲 \/ 鈴木 翔太$/);
    expect(lines[2]).toMatch(/^日付: \d{4}年/);
    expect(ja.text).toContain('第3版');
    const en = await call(app, 'GET', `/api/meetings/${meetingId}/minutes.md`, { cookie: cookies.partner, lang: 'en' });
    expect(en.text.split('\n')[0]).toMatch(/^# 1on1 minutes — \w{3}, \d{1,2} \w{3} \d{4} /);
    expect(en.text).toContain('Date: ');
  });
});
