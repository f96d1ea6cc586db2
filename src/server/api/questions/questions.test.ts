import { beforeAll, describe, expect, it } from 'vitest';
import type { BankQuestion } from '../../../domain/questionBank.js';
import { call, testApp } from '../../test/app.js';
import { testDatabase } from '../../test/database.js';
import { expectError, expectFields } from '../../test/expect.js';
import { buildOrganisation, signInAll } from '../../test/factories.js';
import { noDatabase } from '../../test/provided.js';

type Viewer = 'self' | 'partner' | 'otherReport' | 'skipLevel' | 'hr' | 'admin' | 'anonymous';
const viewers: Viewer[] = ['self', 'partner', 'otherReport', 'skipLevel', 'hr', 'admin', 'anonymous'];

describe.skipIf(noDatabase)('question bank API', () => {
  const database = testDatabase();
  let app: ReturnType<typeof testApp>['app'];
  let cookies: Record<Viewer, string | null>;

  beforeAll(async () => {
    const built = testApp(database);
    app = built.app;
    cookies = await signInAll(app, await buildOrganisation(database.db, built.services.auth));
  });

  it.each(viewers)('GET /api/question-bank for %s', async (viewer) => {
    const res = await call<{ items: BankQuestion[] }>(app, 'GET', '/api/question-bank', { cookie: cookies[viewer] });
    if (viewer === 'anonymous') return void expectError(res, 401, 'unauthenticated');
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThanOrEqual(40);
    expect(res.body.items[0]).toEqual({ id: 'career-1', category: 'career', depth: 'light', ja: '今後のキャリアで考えていることは?', en: 'What are you thinking about for your future career?' });
  });

  it('filters by category and depth; unknown values are 400 in ja and en', async () => {
    const res = await call<{ items: BankQuestion[] }>(app, 'GET', '/api/question-bank?category=condition&depth=icebreaker', { cookie: cookies.self });
    expect(res.body.items.map((q) => q.id)).toEqual(['cond-1', 'cond-6']);
    expectFields(await call(app, 'GET', '/api/question-bank?category=money', { cookie: cookies.self }), {
      category: '次のいずれかを指定してください: career, skills, workChallenges, relationships, condition, goals, feedback, other',
    });
    expectFields(await call(app, 'GET', '/api/question-bank?depth=abyss', { cookie: cookies.self, lang: 'en' }), { depth: 'Use one of: icebreaker, light, deep' });
  });

  it.each(viewers)('POST /api/question-bank/check for %s', async (viewer) => {
    const res = await call<{ closed: boolean; openAlternative: string | null }>(app, 'POST', '/api/question-bank/check', {
      cookie: cookies[viewer],
      body: { text: '最近、困っていることはありますか?' },
    });
    if (viewer === 'anonymous') return void expectError(res, 401, 'unauthenticated');
    expect(res.body).toEqual({ closed: true, openAlternative: '最近困っていることは?' });
  });

  it('check: English, open questions, and bad input', async () => {
    const en = await call(app, 'POST', '/api/question-bank/check', { cookie: cookies.partner, body: { text: 'Are you happy with your career?' } });
    expect(en.body).toEqual({ closed: true, openAlternative: 'What are you thinking about for your future career?' });
    const open = await call(app, 'POST', '/api/question-bank/check', { cookie: cookies.partner, body: { text: '今後のキャリアで考えていることは?' } });
    expect(open.body).toEqual({ closed: false, openAlternative: null });
    expectFields(await call(app, 'POST', '/api/question-bank/check', { cookie: cookies.partner, body: { text: '  ' } }), { text: '入力してください。' });
    expectFields(await call(app, 'POST', '/api/question-bank/check', { cookie: cookies.partner, body: { text: 'a'.repeat(501) }, lang: 'en' }), {
      text: 'Enter at most 500 characters.',
    });
  });
});
