import { beforeAll, describe, expect, it } from 'vitest';
import type { Me } from '../../../domain/me.js';
import { connect } from '../../db/client.js';
import { call, signIn, testApp } from '../../test/app.js';
import { cloneDatabase, testDatabase } from '../../test/database.js';
import { expectError, expectFields } from '../../test/expect.js';
import { noDatabase } from '../../test/provided.js';
import { databaseSnapshot } from '../../test/snapshot.js';

const firstAdmin = {
  organisationName: '株式会社ハルカゼ',
  familyName: '近藤',
  givenName: '学',
  familyNameKana: 'コンドウ',
  givenNameKana: 'マナブ',
  email: 'First.Admin@Example.test',
  password: 'harukaze-spring-morning',
};

describe.skipIf(noDatabase)('setup API', () => {
  const database = testDatabase();
  let app: ReturnType<typeof testApp>['app'];
  beforeAll(() => {
    app = testApp(database).app;
  });

  // The steps depend on each other on purpose: they are the first run of an installation.
  it('GET /api/setup on an empty database: needsSetup true, for anonymous callers', async () => {
    const res = await call<{ needsSetup: boolean }>(app, 'GET', '/api/setup');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ needsSetup: true });
  });

  it('bad input → 400 in ja and en, and nothing is written', async () => {
    const before = await databaseSnapshot(database.db);
    const body = { ...firstAdmin, organisationName: '', familyNameKana: 'Kondo', email: 'nope', password: 'short' };
    expectFields(await call(app, 'POST', '/api/setup', { body }), {
      organisationName: '入力してください。',
      familyNameKana: 'カタカナまたはひらがなで入力してください。',
      email: 'メールアドレスの形式が正しくありません。',
      password: '8文字以上で入力してください。',
    });
    expectFields(await call(app, 'POST', '/api/setup', { body: { ...body, password: undefined }, lang: 'en' }), {
      organisationName: 'Required.',
      familyNameKana: 'Use katakana or hiragana.',
      email: 'Not a valid email address.',
      password: 'Required.',
    });
    expect(await databaseSnapshot(database.db)).toEqual(before);
    expect((await call<{ needsSetup: boolean }>(app, 'GET', '/api/setup')).body).toEqual({ needsSetup: true });
  });

  it('a guessable password (spaces only, common, own e-mail) → 400 in ja and en, and nothing is written', async () => {
    const before = await databaseSnapshot(database.db);
    const cases: [string, RegExp, RegExp][] = [
      ['          ', /スペース/, /only spaces/],
      ['password', /よく使われて/, /common/],
      ['first.admin@example.test', /メールアドレス/, /email/],
    ];
    for (const [password, ja, en] of cases) {
      expect(expectError(await call(app, 'POST', '/api/setup', { body: { ...firstAdmin, password } }), 400, 'validation').fields?.password).toMatch(ja);
      expect(expectError(await call(app, 'POST', '/api/setup', { body: { ...firstAdmin, password }, lang: 'en' }), 400, 'validation').fields?.password).toMatch(en);
    }
    expect(await databaseSnapshot(database.db)).toEqual(before);
  });

  it('POST creates the first admin, who can then sign in and is admin', async () => {
    const res = await call<{ needsSetup: boolean }>(app, 'POST', '/api/setup', { body: firstAdmin });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ needsSetup: false });
    const cookie = await signIn(app, 'first.admin@example.test', 'harukaze-spring-morning');
    const me = await call<Me>(app, 'GET', '/api/me', { cookie });
    expect(me.body).toMatchObject({ familyName: '近藤', roles: ['member', 'admin'], organisationName: '株式会社ハルカゼ' });
    expect((await call<{ needsSetup: boolean }>(app, 'GET', '/api/setup')).body).toEqual({ needsSetup: false });
  });

  it('a second POST → 409 in ja and en, anonymous or signed in, and nothing changes', async () => {
    const cookie = await signIn(app, 'first.admin@example.test', 'harukaze-spring-morning');
    const before = await databaseSnapshot(database.db);
    const again = { ...firstAdmin, email: 'intruder@example.test', organisationName: '乗っ取り' };
    expect(expectError(await call(app, 'POST', '/api/setup', { body: again }), 409, 'conflict').message).toBe('初期設定はすでに完了しています。');
    expect(expectError(await call(app, 'POST', '/api/setup', { body: again, lang: 'en' }), 409, 'conflict').message).toBe(
      'Set-up has already been completed.',
    );
    expectError(await call(app, 'POST', '/api/setup', { body: again, cookie }), 409, 'conflict');
    expect(await databaseSnapshot(database.db)).toEqual(before);
    const me = await call<Me>(app, 'GET', '/api/me', { cookie });
    expect(me.body.organisationName).toBe('株式会社ハルカゼ');
  });

  it('two set-ups at the same moment on another empty database: exactly one wins', async () => {
    const other = connect(await cloneDatabase(), 4);
    try {
      const { app: app2 } = testApp(other);
      const results = await Promise.all(
        [1, 2, 3].map((n) => call(app2, 'POST', '/api/setup', { body: { ...firstAdmin, email: `racer${n}@example.test` } })),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
      expect((await databaseSnapshot(other.db)).employees).toHaveLength(1);
    } finally {
      await other.close();
    }
  });
});
