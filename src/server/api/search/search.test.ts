import { beforeAll, describe, expect, it } from 'vitest';
import type { History, SearchResultList } from '../../../domain/followUp.js';
import { likePattern, snippetAround } from '../../../domain/followUp.js';
import { eq, sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { actionItems, feedbackRecords, feedbackSearchText, meetings, minutes, topicSearchText, topics } from '../../db/schema.js';
import { call, testApp } from '../../test/app.js';
import { testDatabase, countQueries } from '../../test/database.js';
import { expectError, expectFields } from '../../test/expect.js';
import { type Organisation, signedInOrganisation } from '../../test/factories.js';
import { expectRefused, outsiders, setSharedNotes, type Viewer } from '../../test/followUp.js';
import { noDatabase } from '../../test/provided.js';
import { searchContent } from './search.js';
import { createSeries, insertPastMeeting, insertTopic } from '../../test/series.js';

describe('search helpers', () => {
  it('escapes LIKE wildcards so input matches literally', () => {
    expect(likePattern('100%_a\\b')).toBe('%100\\%\\_a\\\\b%');
  });
  it('cuts a snippet around the match, case-insensitively', () => {
    expect(snippetAround('あ'.repeat(100) + 'キャリア' + 'い'.repeat(100), 'キャリア', 5)).toBe('…あああああキャリアいいいいい…');
    expect(snippetAround('Talked about CAREER plans', 'career', 50)).toBe('Talked about CAREER plans');
  });
});

describe.skipIf(noDatabase)('history and search: only the pair, filtered in SQL', () => {
  const database = testDatabase();
  let app: ReturnType<typeof testApp>['app'];
  let org: Organisation;
  let cookies: Record<Viewer, string | null>;
  let seriesId: string;
  let otherSeriesId: string;
  let held: string;
  let older: string;

  beforeAll(async () => {
    ({ app, org, cookies } = await signedInOrganisation(database));
    ({ id: seriesId } = await createSeries(database.db, { managerId: org.partner.id, reportId: org.self.id }));
    ({ id: otherSeriesId } = await createSeries(database.db, { managerId: org.partner.id, reportId: org.otherReport.id }));
    older = await insertPastMeeting(database.db, { seriesId, reportId: org.self.id, daysAgo: 14 });
    held = await insertPastMeeting(database.db, { seriesId, reportId: org.self.id, daysAgo: 7 });
    await insertTopic(database.db, { meetingId: held, authorId: org.self.id, title: '今後の働き方', discussed: true });
    await insertTopic(database.db, { meetingId: held, authorId: org.self.id, title: 'キャリアの下書き(非公開)', visibility: 'private' });
    await insertTopic(database.db, { meetingId: held, authorId: org.partner.id, title: '未消化の話題', discussed: false });
    await setSharedNotes(database.db, held, '3年後のキャリアについて、マネジメントか専門職か迷っている。');
    await database.db.insert(minutes).values({ meetingId: held, body: '# 議事録\n\n## 話したこと\n\n- 今後の働き方(キャリア)\n', status: 'shared' });
    await database.db.insert(actionItems).values([
      { seriesId, meetingId: held, ownerId: org.self.id, createdById: org.self.id, title: 'キャリア面談の準備', status: 'open' },
      { seriesId, meetingId: held, ownerId: org.partner.id, createdById: org.partner.id, title: '研修を調べる', status: 'done' },
    ]);
    await database.db.insert(feedbackRecords).values({
      seriesId,
      meetingId: null,
      giverId: org.partner.id,
      receiverId: org.self.id,
      kind: 'positive',
      situation: '100%_達成の週',
      behaviour: 'キャリア相談に乗ってくれた',
      impact: '新人が安心した',
    });
    // The other report's pair has its own "キャリア" content, which self must never find.
    const otherHeld = await insertPastMeeting(database.db, { seriesId: otherSeriesId, reportId: org.otherReport.id, daysAgo: 5 });
    await setSharedNotes(database.db, otherHeld, '小林さんのキャリアの悩み');
    await setSharedNotes(database.db, older, 'Quarterly review of the roadmap');
  });

  const search = (viewer: Viewer, q: string, extra = '') =>
    call<SearchResultList>(app, 'GET', `/api/search?q=${encodeURIComponent(q)}${extra}`, { cookie: cookies[viewer] });

  it('「キャリア」 finds the pair’s meeting for both of the pair, grouped with snippets, and for nobody else', async () => {
    for (const viewer of ['self', 'partner'] as Viewer[]) {
      const res = await search(viewer, 'キャリア');
      expect(res.status).toBe(200);
      const mine = res.body.items.filter((i) => i.seriesId === seriesId);
      expect(mine.map((i) => i.meeting?.id ?? null)).toEqual([held, null]);
      // The private draft matches for its author only.
      const kinds = viewer === 'self' ? ['actionItem', 'minutes', 'sharedNote', 'topic'] : ['actionItem', 'minutes', 'sharedNote'];
      expect(mine[0]!.matches.map((m) => m.kind).sort()).toEqual(kinds);
      expect(mine[0]!.matches.find((m) => m.kind === 'sharedNote')!.snippet).toContain('3年後のキャリアについて');
      expect(mine[1]!.matches.map((m) => m.kind)).toEqual(['feedback']);
      expect(mine[0]!.partner.id).toBe(viewer === 'self' ? org.partner.id : org.self.id);
      // The private draft is its author's only; the manager finds it nowhere.
      if (viewer === 'partner') expect(res.text).not.toContain('下書き');
    }
    const selfRes = await search('self', 'キャリア');
    expect(selfRes.text).not.toContain('小林さん');
    expect(selfRes.body.items.every((i) => i.seriesId === seriesId)).toBe(true);
    // The manager of both pairs finds both, each only as one of its pair.
    expect((await search('partner', 'キャリア')).body.items.some((i) => i.seriesId === otherSeriesId)).toBe(true);
    for (const viewer of ['otherReport', 'skipLevel', 'hr', 'admin'] as Viewer[]) {
      const res = await search(viewer, 'キャリア');
      expect(res.status).toBe(200);
      expect(res.body.items.some((i) => i.seriesId === seriesId || i.meeting?.id === held)).toBe(false);
      expect(res.text).not.toContain('3年後');
    }
    expectError(await search('anonymous', 'キャリア'), 401, 'unauthenticated');
  });

  it('the author finds their private draft; English is case-insensitive; % and _ match literally; pages', async () => {
    const draft = await search('self', '下書き');
    expect(draft.body.items.map((i) => i.matches.map((m) => m.kind))).toEqual([['topic']]);
    expect((await search('partner', 'QUARTERLY')).body.items.map((i) => i.meeting?.id)).toEqual([older]);
    expect((await search('self', '100%_')).body.items.map((i) => i.matches[0]!.kind)).toEqual(['feedback']);
    expect((await search('self', '%')).body.items.map((i) => i.matches[0]!.kind)).toEqual(['feedback']);
    const first = await search('self', 'キャリア', '&pageSize=1');
    expect(first.body).toMatchObject({ hasMore: true, page: 1, pageSize: 1 });
    expect(first.body.items.map((i) => i.meeting?.id)).toEqual([held]);
    const page = await search('self', 'キャリア', '&pageSize=1&page=2');
    expect(page.body).toMatchObject({ hasMore: false, page: 2, pageSize: 1 });
    expect(page.body.items.map((i) => i.meeting)).toEqual([null]);
    expect((await search('self', 'キャリア', '&pageSize=1&page=3')).body).toMatchObject({ items: [], hasMore: false, page: 3 });
    expectFields(await search('self', ''), { q: '入力してください。' });
    expectFields(await search('self', 'あ'.repeat(101)), { q: '100文字以内で入力してください。' });
  });

  it('groups the matches of one meeting, at most five of them, and pages meetings rather than matches', async () => {
    const busy = await insertPastMeeting(database.db, { seriesId: otherSeriesId, reportId: org.otherReport.id, daysAgo: 3 });
    for (let i = 0; i < 7; i++) await insertTopic(database.db, { meetingId: busy, authorId: org.otherReport.id, title: `振り返りの型 ${i}` });
    const res = await search('partner', '振り返りの型');
    expect(res.body.hasMore).toBe(false);
    expect(res.body.items.map((i) => [i.meeting?.id, i.matches.length, i.matches.every((m) => m.kind === 'topic')])).toEqual([[busy, 5, true]]);
  });

  it('the search is one SQL statement whatever the number of results', async () => {
    const { queries } = await countQueries(database.pool, () => search('partner', 'キャリア'));
    const mine = queries.filter((q) => q.includes('ilike'));
    expect(mine).toHaveLength(1);
  });

  it('history: the pair’s timeline, newest first, with discussed topics, excerpt and counts; outsiders get 404', async () => {
    await database.db.update(meetings).set({ rescheduledAt: new Date(), rescheduleReason: '出張のため翌日に変更' }).where(eq(meetings.id, older));
    const res = await call<History>(app, 'GET', `/api/series/${seriesId}/history`, { cookie: cookies.partner });
    expect(res.status).toBe(200);
    expect(res.body.items[1]!.meeting).toMatchObject({ rescheduleReason: '出張のため翌日に変更', cancelReason: null });
    expect(res.body.items[0]!.meeting).toMatchObject({ rescheduleReason: null, cancelReason: null });
    expect(res.body.items.map((i) => i.meeting.id)).toEqual([held, older]);
    expect(res.body.items[0]).toMatchObject({
      meeting: { status: 'shared' },
      discussedTopics: ['今後の働き方'],
      minutesExcerpt: '今後の働き方(キャリア)',
      actionItems: { open: 1, done: 1 },
    });
    expect(res.body.items[1]).toMatchObject({ discussedTopics: [], minutesExcerpt: null, actionItems: { open: 0, done: 0 } });
    expect(res.text).not.toContain('下書き');
    expect((await call<History>(app, 'GET', `/api/series/${seriesId}/history?pageSize=1&page=2`, { cookie: cookies.self })).body).toMatchObject({
      total: 2,
      items: [{ meeting: { id: older } }],
    });
    for (const viewer of outsiders) {
      const r = await call(app, 'GET', `/api/series/${seriesId}/history`, { cookie: cookies[viewer] });
      expectRefused(viewer, r);
      expect(r.text).not.toContain('今後の働き方');
    }
    expectFields(await call(app, 'GET', `/api/series/${seriesId}/history?page=0`, { cookie: cookies.self }), { page: '1以上の値を入力してください。' });
  });

  // After the history test: these meetings would be part of the pair's history.
  it('pages newest first across the pair’s series, records between meetings last, each page telling whether another follows', async () => {
    const at = (daysAgo: number, id: string) => ({ daysAgo, id });
    const a20 = at(20, await insertPastMeeting(database.db, { seriesId, reportId: org.self.id, daysAgo: 20 }));
    const b25 = at(25, await insertPastMeeting(database.db, { seriesId: otherSeriesId, reportId: org.otherReport.id, daysAgo: 25 }));
    const a30 = at(30, await insertPastMeeting(database.db, { seriesId, reportId: org.self.id, daysAgo: 30 }));
    const b35 = at(35, await insertPastMeeting(database.db, { seriesId: otherSeriesId, reportId: org.otherReport.id, daysAgo: 35 }));
    const a40 = at(40, await insertPastMeeting(database.db, { seriesId, reportId: org.self.id, daysAgo: 40 }));
    await insertTopic(database.db, { meetingId: a20.id, authorId: org.self.id, title: '四半期の目標の確認' });
    await setSharedNotes(database.db, b25.id, '四半期の目標を一緒に見直した');
    await database.db.insert(minutes).values({ meetingId: a30.id, body: '- 四半期の目標', status: 'shared' });
    await database.db.insert(actionItems).values([
      { seriesId: otherSeriesId, meetingId: b35.id, ownerId: org.otherReport.id, createdById: org.partner.id, title: '四半期の目標を書く', status: 'open' },
      { seriesId: otherSeriesId, meetingId: null, ownerId: org.partner.id, createdById: org.partner.id, title: '四半期の目標の資料', status: 'open' },
    ]);
    await insertTopic(database.db, { meetingId: a40.id, authorId: org.partner.id, title: '四半期の目標(上司の下書き)', visibility: 'private' });
    const pages: (string | null)[][] = [];
    const more: boolean[] = [];
    for (let page = 1; page <= 4; page++) {
      const res = await search('partner', '四半期の目標', `&pageSize=2&page=${page}`);
      expect(res.status).toBe(200);
      pages.push(res.body.items.map((i) => i.meeting?.id ?? `between:${i.seriesId}`));
      more.push(res.body.hasMore);
    }
    expect(pages).toEqual([[a20.id, b25.id], [a30.id, b35.id], [a40.id, `between:${otherSeriesId}`], []]);
    expect(more).toEqual([true, true, false, false]);
    // The report of the first pair finds their own meetings only, and not the manager's private draft.
    const mine = await search('self', '四半期の目標', '&pageSize=10');
    expect(mine.body).toMatchObject({ hasMore: false });
    expect(mine.body.items.map((i) => i.meeting?.id)).toEqual([a20.id, a30.id]);
  });

  describe('from the trigram indexes (ADR 0222)', () => {
    let otherTopic: string;
    beforeAll(async () => {
      const otherMeeting = await insertPastMeeting(database.db, { seriesId: otherSeriesId, reportId: org.otherReport.id, daysAgo: 3 });
      const note = (id: string, text: string) => database.db.update(topics).set({ note: text }).where(eq(topics.id, id));
      await note(await insertTopic(database.db, { meetingId: held, authorId: org.self.id, title: '雑談' }), '評価制度の再検討メモ');
      await note(await insertTopic(database.db, { meetingId: held, authorId: org.partner.id, title: '準備', visibility: 'private' }), '再検討メモ(上司の下書き)');
      otherTopic = await insertTopic(database.db, { meetingId: otherMeeting, authorId: org.otherReport.id, title: '面談' });
      await note(otherTopic, '小林さんの再検討メモ');
      await database.db.insert(feedbackRecords).values({
        seriesId: otherSeriesId,
        meetingId: otherMeeting,
        giverId: org.partner.id,
        receiverId: org.otherReport.id,
        kind: 'positive',
        situation: '週次の振り返り',
        behaviour: '資料を整えた',
        impact: '再検討メモが全員に伝わった',
      });
    });

    it('a match in a topic’s note or a feedback field is found for the pair only, private drafts for their author only', async () => {
      const found = async (viewer: Viewer) =>
        (await search(viewer, '再検討メモ')).body.items.flatMap((i) => i.matches.map((m) => `${i.seriesId === seriesId ? 'mine' : 'other'}:${m.kind}:${m.snippet}`)).sort();
      expect(await found('self')).toEqual(['mine:topic:雑談 評価制度の再検討メモ']);
      expect(await found('partner')).toEqual(
        ['mine:topic:雑談 評価制度の再検討メモ', 'mine:topic:準備 再検討メモ(上司の下書き)', 'other:feedback:週次の振り返り 資料を整えた 再検討メモが全員に伝わった', 'other:topic:面談 小林さんの再検討メモ'].sort(),
      );
      expect(await found('otherReport')).toEqual(['other:feedback:週次の振り返り 資料を整えた 再検討メモが全員に伝わった', 'other:topic:面談 小林さんの再検討メモ']);
      for (const viewer of ['skipLevel', 'hr', 'admin'] as Viewer[]) expect(await found(viewer)).toEqual([]);
    });

    it('the topic and feedback conditions are ones their trigram indexes answer', async () => {
      // The search filters on topicSearchText and feedbackSearchText: with sequential scans priced
      // out, a filter on either is read from its expression index (the index and the search share
      // the one expression, so a change to one without the other fails here).
      const p = likePattern('再検討メモ');
      const client = await database.pool.connect();
      try {
        await client.query('begin');
        await client.query('set local enable_seqscan = off');
        const planOf = async (query: SQL) => {
          const { sql: text, params } = new PgDialect().sqlToQuery(sql`explain ${query}`);
          return (await client.query<{ 'QUERY PLAN': string }>(text, params)).rows.map((r) => r['QUERY PLAN']).join('\n');
        };
        expect(await planOf(sql`select ${topics.id} from ${topics} where ${topicSearchText(topics)} ilike ${p}`)).toContain('topics_search_trgm_idx');
        expect(await planOf(sql`select ${feedbackRecords.id} from ${feedbackRecords} where ${feedbackSearchText(feedbackRecords)} ilike ${p}`)).toContain(
          'feedback_search_trgm_idx',
        );
        // and the search itself still answers with what the index found
        const found = await searchContent(database.db, { employeeId: org.otherReport.id, isHr: false, isAdmin: false, directReportIds: [] }, '再検討メモ', 1, 20);
        expect(found.items.flatMap((i) => i.matches.map((m) => m.kind)).sort()).toEqual(['feedback', 'topic']);
      } finally {
        await client.query('rollback');
        client.release();
      }
    });
  });
});
