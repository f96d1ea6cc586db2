import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkIns, employees, reflections } from '../../db/schema.js';
import { DEMO_PASSWORD, seedDemo } from '../../db/seed.js';
import { call, signIn, testApp } from '../../test/app.js';
import { testDatabase } from '../../test/database.js';
import { noDatabase } from '../../test/provided.js';

type Signals = { signals: { series: { report: { id: string }; figures: unknown; nudges: unknown }[] } | null };

/**
 * Deletion on request anonymises the person (ADR 0213): the numbers that feed aggregates stay, so
 * hr's dashboards and the formality counts read exactly the same before and after.
 */
describe.skipIf(noDatabase)('anonymisation keeps every aggregate equal (the demo organisation)', () => {
  const database = testDatabase();
  let app: ReturnType<typeof testApp>['app'];
  let hr: string;
  let admin: string;
  let manager: string;

  beforeAll(async () => {
    const built = testApp(database);
    app = built.app;
    await seedDemo({ db: database.db, auth: built.services.auth });
    hr = await signIn(app, 'hr@demo.example', DEMO_PASSWORD);
    admin = await signIn(app, 'admin@demo.example', DEMO_PASSWORD);
    manager = await signIn(app, 'manager@demo.example', DEMO_PASSWORD);
  }, 180_000);

  /** Everything hr and the manager read as figures; the manager's signals without the names they carry. */
  async function aggregates() {
    const get = async (cookie: string, path: string) => {
      const res = await call(app, 'GET', path, { cookie });
      expect(res.status, path).toBe(200);
      return res.body;
    };
    const home = (await get(manager, '/api/home')) as unknown as Signals;
    return {
      departments: await get(hr, '/api/analytics/departments'),
      // Computed at each request (no snapshot taken here): the figures are compared, not the moment.
      practice: { ...(await get(hr, '/api/analytics/practice?pageSize=100')), takenAt: null },
      talk: await get(hr, '/api/talk-balance/aggregate'),
      signals: home.signals?.series.map((s) => ({ report: s.report.id, figures: s.figures, nudges: s.nudges })),
    };
  }

  it('hr dashboards, the practice table, talk balance and the manager’s formality signals are equal before and after', async () => {
    const [member] = await database.db.select().from(employees).where(eq(employees.email, 'member@demo.example'));
    const scoresBefore = await database.db.select({ id: checkIns.id, score: checkIns.score }).from(checkIns).where(eq(checkIns.reportId, member!.id));
    expect(scoresBefore.length).toBeGreaterThan(5);
    const before = await aggregates();
    expect(JSON.stringify(before.departments)).toMatch(/\d/);

    const res = await call(app, 'POST', `/api/employees/${member!.id}/anonymise`, { cookie: admin, body: { confirmName: `${member!.familyName} ${member!.givenName}` } });
    expect(res.status).toBe(200);

    expect(await aggregates()).toEqual(before);
    // The scores are all still there; the comments and reflection texts are gone.
    const after = await database.db.select().from(checkIns).where(eq(checkIns.reportId, member!.id));
    expect(after.map((c) => ({ id: c.id, score: c.score })).sort((a, b) => a.id.localeCompare(b.id))).toEqual(scoresBefore.sort((a, b) => a.id.localeCompare(b.id)));
    expect(after.every((c) => c.comment === null)).toBe(true);
    const texts = await database.db.select({ gained: reflections.gained, improve: reflections.improve }).from(reflections).where(eq(reflections.authorId, member!.id));
    expect(texts.every((r) => r.gained === null && r.improve === null)).toBe(true);
  });
});
