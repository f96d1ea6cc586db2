import { beforeAll, describe, expect, it } from 'vitest';
import type { BankQuestion, ManagedQuestion } from '../../../domain/questionBank.js';
import { call, testApp } from '../../test/app.js';
import { testDatabase } from '../../test/database.js';
import { expectError, expectFields } from '../../test/expect.js';
import { buildOrganisation, signInAll } from '../../test/factories.js';
import { noDatabase } from '../../test/provided.js';

type Viewer = 'self' | 'partner' | 'otherReport' | 'skipLevel' | 'hr' | 'admin' | 'anonymous';
const viewers: Viewer[] = ['self', 'partner', 'otherReport', 'skipLevel', 'hr', 'admin', 'anonymous'];
const managers = new Set<Viewer>(['hr', 'admin']);

describe.skipIf(noDatabase)('question bank API', () => {
  const database = testDatabase();
  let app: ReturnType<typeof testApp>['app'];
  let cookies: Record<Viewer, string | null>;
  const bank = async (viewer: Viewer = 'self', query = '') =>
    (await call<{ items: BankQuestion[] }>(app, 'GET', `/api/question-bank${query}`, { cookie: cookies[viewer] })).body.items;

  beforeAll(async () => {
    const built = testApp(database);
    app = built.app;
    cookies = await signInAll(app, await buildOrganisation(database.db, built.services.auth));
  });

  it.each(viewers)('GET /api/question-bank for %s', async (viewer) => {
    const res = await call<{ items: BankQuestion[] }>(app, 'GET', '/api/question-bank', { cookie: cookies[viewer] });
    if (viewer === 'anonymous') return void expectError(res, 401, 'unauthenticated');
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThanOrEqual(150);
    expect(res.body.items[0]).toEqual({ id: 'ice-1', category: 'icebreaker', depth: 'light', ja: '週末はどんなふうに過ごしましたか？', en: 'How did you spend the weekend?' });
  });

  it('filters by category, depth and words; unknown values are 400 in ja and en', async () => {
    const items = await bank('self', '?category=condition&depth=deep');
    expect(items.length).toBeGreaterThan(2);
    expect(items.every((q) => q.category === 'condition' && q.depth === 'deep')).toBe(true);
    expect((await bank('self', `?q=${encodeURIComponent('キャリア')}`)).every((q) => q.ja.includes('キャリア'))).toBe(true);
    expect((await bank('self', '?q=career%20future')).map((q) => q.id)).toEqual(['career-1']);
    expectFields(await call(app, 'GET', '/api/question-bank?category=money', { cookie: cookies.self }), {
      category: '次のいずれかを指定してください: icebreaker, career, skills, workChallenges, relationships, condition, goals, feedback, reflection',
    });
    expectFields(await call(app, 'GET', '/api/question-bank?depth=abyss', { cookie: cookies.self, lang: 'en' }), { depth: 'Use one of: light, medium, deep' });
  });

  it.each(viewers)('GET /api/question-bank/manage for %s', async (viewer) => {
    const res = await call<{ items: ManagedQuestion[] }>(app, 'GET', '/api/question-bank/manage', { cookie: cookies[viewer] });
    if (viewer === 'anonymous') return void expectError(res, 401, 'unauthenticated');
    if (!managers.has(viewer)) return void expectError(res, 403, 'forbidden');
    expect(res.status).toBe(200);
    expect(res.body.items.find((q) => q.id === 'work-2')).toMatchObject({ shipped: true, edited: false, hidden: false });
  });

  it.each(viewers)('PATCH /api/question-bank/{id} for %s', async (viewer) => {
    const id = `goal-${viewers.indexOf(viewer) + 10}`;
    const before = (await bank()).find((q) => q.id === id)!;
    const res = await call<ManagedQuestion>(app, 'PATCH', `/api/question-bank/${id}`, { cookie: cookies[viewer], body: { depth: 'light' } });
    if (viewer === 'anonymous') expectError(res, 401, 'unauthenticated');
    else if (!managers.has(viewer)) expectError(res, 403, 'forbidden');
    else {
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id, depth: 'light', ja: before.ja, shipped: true, edited: before.depth !== 'light' });
      return;
    }
    expect((await bank()).find((q) => q.id === id)).toEqual(before);
  });

  it.each(viewers)('POST /api/question-bank for %s', async (viewer) => {
    const body = { category: 'career', depth: 'medium', ja: `${viewer}が追加した質問はどんなものですか？`, en: `What did ${viewer} add?` };
    const res = await call<ManagedQuestion>(app, 'POST', '/api/question-bank', { cookie: cookies[viewer], body });
    const listed = (await bank()).some((q) => q.en === body.en);
    if (viewer === 'anonymous') expectError(res, 401, 'unauthenticated');
    else if (!managers.has(viewer)) expectError(res, 403, 'forbidden');
    else {
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ ...body, shipped: false, hidden: false });
      expect(res.body.id).toMatch(/^hr-/);
      expect(listed).toBe(true);
      return;
    }
    expect(listed).toBe(false);
  });

  it('an edit and a hide by hr show at once in the bank everyone reads', async () => {
    const ja = '最近、どんなことに一番時間を取られていますか？';
    expect((await call(app, 'PATCH', '/api/question-bank/work-2', { cookie: cookies.hr, body: { ja } })).status).toBe(200);
    expect((await call(app, 'PATCH', '/api/question-bank/work-7', { cookie: cookies.hr, body: { hidden: true } })).status).toBe(200);
    for (const viewer of ['self', 'partner'] as const) {
      const items = await bank(viewer);
      expect(items.find((q) => q.id === 'work-2')?.ja).toBe(ja);
      expect(items.find((q) => q.id === 'work-7')).toBeUndefined();
    }
    const managed = (await call<{ items: ManagedQuestion[] }>(app, 'GET', '/api/question-bank/manage?status=hidden', { cookie: cookies.hr })).body.items;
    expect(managed.map((q) => q.id)).toContain('work-7');
    expect(managed.every((q) => q.hidden)).toBe(true);
    // Shown again.
    await call(app, 'PATCH', '/api/question-bank/work-7', { cookie: cookies.admin, body: { hidden: false } });
    expect((await bank()).some((q) => q.id === 'work-7')).toBe(true);
  });

  it('bad input is a clear 400 or 404 in ja and en and changes nothing', async () => {
    const before = await bank();
    expectFields(await call(app, 'PATCH', '/api/question-bank/work-3', { cookie: cookies.hr, body: {} }), { _: '変更する項目を1つ以上指定してください。' });
    expectFields(await call(app, 'PATCH', '/api/question-bank/work-3', { cookie: cookies.hr, body: { ja: '  ' }, lang: 'en' }), { ja: 'Required.' });
    expectFields(await call(app, 'POST', '/api/question-bank', { cookie: cookies.hr, body: { category: 'career', depth: 'huge', ja: 'あ', en: 'a' }, lang: 'en' }), {
      depth: 'Use one of: light, medium, deep',
    });
    const missing = await call(app, 'PATCH', '/api/question-bank/work-999', { cookie: cookies.hr, body: { hidden: true } });
    expect(expectError(missing, 404, 'not_found').message).toBe('質問が見つかりません。');
    expect((await call(app, 'PATCH', '/api/question-bank/work-999', { cookie: cookies.hr, body: { hidden: true }, lang: 'en' })).body).toMatchObject({ error: { message: 'Question not found.' } });
    expect(await bank()).toEqual(before);
  });

  it.each(viewers)('POST /api/question-bank/check for %s', async (viewer) => {
    const res = await call<{ closed: boolean; openAlternative: string | null }>(app, 'POST', '/api/question-bank/check', {
      cookie: cookies[viewer],
      body: { text: '最近困っていることはありますか？' },
    });
    if (viewer === 'anonymous') return void expectError(res, 401, 'unauthenticated');
    expect(res.body).toEqual({ closed: true, openAlternative: '最近どんなことに困っていますか？' });
  });

  it('check: English, open questions, and bad input', async () => {
    const en = await call(app, 'POST', '/api/question-bank/check', { cookie: cookies.partner, body: { text: 'Are you happy with your career?' } });
    expect(en.body).toEqual({ closed: true, openAlternative: 'What are your thoughts on your career?' });
    const open = await call(app, 'POST', '/api/question-bank/check', { cookie: cookies.partner, body: { text: '今後のキャリアで考えていることは？' } });
    expect(open.body).toEqual({ closed: false, openAlternative: null });
    expectFields(await call(app, 'POST', '/api/question-bank/check', { cookie: cookies.partner, body: { text: '  ' } }), { text: '入力してください。' });
    expectFields(await call(app, 'POST', '/api/question-bank/check', { cookie: cookies.partner, body: { text: 'a'.repeat(501) }, lang: 'en' }), {
      text: 'Enter at most 500 characters.',
    });
  });
});
