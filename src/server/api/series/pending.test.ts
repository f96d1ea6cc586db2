import { beforeAll, describe, expect, it } from 'vitest';
import type { Series } from '../../../domain/series.js';
import { call, testApp } from '../../test/app.js';
import { testDatabase } from '../../test/database.js';
import { expectError } from '../../test/expect.js';
import { buildOrganisation, signInAll, type Organisation } from '../../test/factories.js';
import { noDatabase } from '../../test/provided.js';
import { meetingsOf, weeklySchedule } from '../../test/series.js';

type Cookies = Awaited<ReturnType<typeof signInAll>>;

describe.skipIf(noDatabase)('a series with someone other than the primary manager waits for the report (SPEC §1)', () => {
  const database = testDatabase();
  let app: ReturnType<typeof testApp>['app'];
  let auth: ReturnType<typeof testApp>['services']['auth'];

  beforeAll(() => {
    ({ app, services: { auth } } = testApp(database));
  });

  async function fresh(): Promise<{ o: Organisation; c: Cookies }> {
    const o = await buildOrganisation(database.db, auth);
    return { o, c: await signInAll(app, o) };
  }

  it('the primary manager starts a series that is active at once, with meetings', async () => {
    const { o, c } = await fresh();
    const res = await call<Series>(app, 'POST', '/api/series', { cookie: c.partner, body: { reportId: o.self.id, schedule: weeklySchedule() } });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('active');
    expect((await meetingsOf(database.db, res.body.id)).length).toBeGreaterThan(10);
  });

  it.each(['hr', 'admin'] as const)('%s naming themselves as partner gets a pending series: no meetings, nothing to read', async (who) => {
    const { o, c } = await fresh();
    const res = await call<Series>(app, 'POST', '/api/series', {
      cookie: c[who],
      body: { reportId: o.self.id, managerId: o[who].id, schedule: weeklySchedule() },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'pending', purpose: null, abilities: { readContent: false, accept: false, requestExtra: false } });
    expect(await meetingsOf(database.db, res.body.id)).toHaveLength(0);
    expectError(await call(app, 'GET', `/api/series/${res.body.id}/meetings`, { cookie: c[who] }), 404, 'not_found');
    const extra = await call(app, 'POST', `/api/series/${res.body.id}/meetings`, {
      cookie: c[who],
      body: { startsAt: new Date(Date.now() + 86_400_000).toISOString(), durationMinutes: 30 },
    });
    expect(extra.status).toBeGreaterThanOrEqual(400);
    expect(await meetingsOf(database.db, res.body.id)).toHaveLength(0);
    // The report sees the offer and may answer it.
    const mine = await call<Series>(app, 'GET', `/api/series/${res.body.id}`, { cookie: c.self });
    expect(mine.body).toMatchObject({ status: 'pending', myRole: 'report', abilities: { accept: true, decline: true } });
  });

  it('admin pairing the report with the skip-level manager: pending too', async () => {
    const { o, c } = await fresh();
    const res = await call<Series>(app, 'POST', '/api/series', {
      cookie: c.admin,
      body: { reportId: o.self.id, managerId: o.skipLevel.id, schedule: weeklySchedule() },
    });
    expect(res.body.status).toBe('pending');
    expectError(await call(app, 'GET', `/api/series/${res.body.id}/meetings`, { cookie: c.skipLevel }), 404, 'not_found');
  });

  it('only the report answers: every other relation is refused and nothing changes', async () => {
    const { o, c } = await fresh();
    const res = await call<Series>(app, 'POST', '/api/series', { cookie: c.hr, body: { reportId: o.self.id, managerId: o.hr.id, schedule: weeklySchedule() } });
    const id = res.body.id;
    const expected: Record<string, number> = { partner: 404, otherReport: 404, skipLevel: 404, hr: 403, admin: 404, anonymous: 401 };
    for (const [who, status] of Object.entries(expected)) {
      for (const action of ['accept', 'decline']) {
        const r = await call(app, 'POST', `/api/series/${id}/${action}`, { cookie: c[who as keyof Cookies] });
        expect({ who, action, status: r.status }).toEqual({ who, action, status });
      }
    }
    const still = await call<Series>(app, 'GET', `/api/series/${id}`, { cookie: c.self });
    expect(still.body.status).toBe('pending');
    expect(await meetingsOf(database.db, id)).toHaveLength(0);
  });

  it('once the report accepts, meetings are scheduled and the partner reads the series', async () => {
    const { o, c } = await fresh();
    const res = await call<Series>(app, 'POST', '/api/series', { cookie: c.hr, body: { reportId: o.self.id, managerId: o.hr.id, purpose: 'キャリアの相談', schedule: weeklySchedule() } });
    const id = res.body.id;
    const accepted = await call<Series>(app, 'POST', `/api/series/${id}/accept`, { cookie: c.self });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'active', abilities: { accept: false } });
    expect((await meetingsOf(database.db, id)).length).toBeGreaterThan(10);
    const hrView = await call<Series>(app, 'GET', `/api/series/${id}`, { cookie: c.hr });
    expect(hrView.body).toMatchObject({ status: 'active', abilities: { readContent: true } });
    expect(hrView.body.purpose).toBe('キャリアの相談');
    expect((await call(app, 'GET', `/api/series/${id}/meetings`, { cookie: c.hr })).status).toBe(200);
    // Answering twice is a conflict, in the caller's language.
    const again = await call(app, 'POST', `/api/series/${id}/decline`, { cookie: c.self, lang: 'en' });
    expect(expectError(again, 409, 'conflict').message).toMatch(/not waiting/);
  });

  it('a declined series never schedules anything, and the pair may be offered again later', async () => {
    const { o, c } = await fresh();
    const body = { reportId: o.self.id, managerId: o.hr.id, schedule: weeklySchedule() };
    const res = await call<Series>(app, 'POST', '/api/series', { cookie: c.hr, body });
    const declined = await call<Series>(app, 'POST', `/api/series/${res.body.id}/decline`, { cookie: c.self });
    expect(declined.body.status).toBe('declined');
    expect(await meetingsOf(database.db, res.body.id)).toHaveLength(0);
    expectError(await call(app, 'POST', `/api/series/${res.body.id}/accept`, { cookie: c.self }), 409, 'conflict');
    expectError(await call(app, 'GET', `/api/series/${res.body.id}/meetings`, { cookie: c.hr }), 404, 'not_found');
    const again = await call<Series>(app, 'POST', '/api/series', { cookie: c.hr, body });
    expect(again.body.status).toBe('pending');
  });
});
