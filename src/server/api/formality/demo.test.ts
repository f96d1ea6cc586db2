import { beforeAll, describe, expect, it } from 'vitest';
import type { ManagerSignals, PracticeTable } from '../../../domain/formality.js';
import { DEMO_PASSWORD, seedDemo } from '../../db/seed.js';
import { call, signIn, testApp } from '../../test/app.js';
import { testDatabase } from '../../test/database.js';
import { noDatabase } from '../../test/provided.js';

type Home = { signals: ManagerSignals | null };

describe.skipIf(noDatabase)('formality signals on the demo organisation', () => {
  const database = testDatabase();
  let app: ReturnType<typeof testApp>['app'];

  beforeAll(async () => {
    const built = testApp(database);
    app = built.app;
    await seedDemo({ db: database.db, auth: built.services.auth });
  }, 120_000);

  const home = async (email: string) => (await call<Home>(app, 'GET', '/api/home', { cookie: await signIn(app, email, DEMO_PASSWORD) })).body;

  it('the demo manager sees a status-report nudge for 加藤, with its figures', async () => {
    const signals = (await home('manager@demo.example')).signals!;
    const kato = signals.series.find((s) => s.report.familyName === '加藤')!;
    const nudge = kato.nudges.find((n) => n.kind === 'statusReport')!;
    expect(nudge.n).toBeGreaterThanOrEqual(3);
    expect(nudge.n / nudge.of).toBeGreaterThanOrEqual(0.5);
    expect(nudge.n2).toBe(kato.figures.statusTopics);
    expect(nudge.of2).toBe(kato.figures.topics);
  });

  it('清水 sees a cancellation nudge for 山崎, with its figures', async () => {
    const signals = (await home('shimizu.tomoko@demo.example')).signals!;
    const yamazaki = signals.series.find((s) => s.report.familyName === '山崎')!;
    expect(yamazaki.nudges[0]).toEqual({ kind: 'cancellations', n: 3, of: yamazaki.figures.planned, n2: null, of2: null });
  });

  it('the demo member (a report) gets no signals; hr sees both managers flagged in the practice table', async () => {
    expect((await home('member@demo.example')).signals).toBeNull();
    const table = (await call<PracticeTable>(app, 'GET', '/api/analytics/practice?pageSize=100', { cookie: await signIn(app, 'hr@demo.example', DEMO_PASSWORD) })).body;
    // Per manager, the sums of all their series, and how many series cross each signal on their own.
    const flagged = (name: string, kind: string) => table.items.find((r) => r.manager.name === name)!.seriesSignals.find((x) => x.kind === kind)?.series ?? 0;
    expect(flagged('田中 美咲', 'statusReport')).toBe(1);
    expect(flagged('清水 智子', 'cancellations')).toBeGreaterThanOrEqual(1);
    expect(table.items[0]!.seriesSignals.length).toBeGreaterThan(0);
  });
});
