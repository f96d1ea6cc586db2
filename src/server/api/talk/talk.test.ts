import { beforeAll, describe, expect, it } from 'vitest';
import type { TalkBalance } from '../../../domain/talkBalance.js';
import { inArray } from 'drizzle-orm';
import { latestClosedMonth, monthBounds } from '../../../domain/aggregates.js';
import { meetings, talkBalances, talkIntervals } from '../../db/schema.js';
import { call, testApp } from '../../test/app.js';
import { testDatabase } from '../../test/database.js';
import { expectError } from '../../test/expect.js';
import { buildOrganisation, signInAll, type Organisation } from '../../test/factories.js';
import { expectRefused, outsiders, type Viewer } from '../../test/followUp.js';
import { noDatabase } from '../../test/provided.js';
import { createSeries, meetingsOf } from '../../test/series.js';

const RATE = 44_100;
/** An interval of `seconds` starting `at` seconds after `anchor`. */
const speech = (anchor: number, at: number, seconds: number, level = -20) => ({ anchor, start: Math.round(at * RATE), duration: Math.round(seconds * RATE), sampleRate: RATE, level });

describe.skipIf(noDatabase)('talk balance', () => {
  const database = testDatabase();
  let app: ReturnType<typeof testApp>['app'];
  let services: ReturnType<typeof testApp>['services'];
  let org: Organisation;
  let cookies: Record<Viewer, string | null>;

  beforeAll(async () => {
    const built = testApp(database);
    app = built.app;
    services = built.services;
    org = await buildOrganisation(database.db, services.auth);
    cookies = await signInAll(app, org);
  });

  /** A fresh meeting of the pair (self = report, partner = manager). */
  const freshMeeting = async () => {
    const s = await createSeries(database.db, { managerId: org.partner.id, reportId: org.self.id });
    return (await meetingsOf(database.db, s.id))[0]!.id;
  };
  const put = (viewer: Viewer, id: string, body: object) => call<TalkBalance>(app, 'PUT', `/api/meetings/${id}/talk`, { cookie: cookies[viewer], body });
  const post = (viewer: Viewer, id: string, intervals: object[]) =>
    call<TalkBalance>(app, 'POST', `/api/meetings/${id}/talk/intervals`, { cookie: cookies[viewer], body: { intervals } });

  it('accepts intervals only from the pair, only while the meeting runs and both have opted in', async () => {
    const id = await freshMeeting();
    const t0 = Date.now();
    // Nobody opted in, meeting not started.
    expectError(await post('partner', id, [speech(t0, 0, 2)]), 409, 'conflict');
    expect((await put('partner', id, { consent: true })).body).toMatchObject({ managerConsent: true, reportConsent: false, measuring: false });
    expect((await call(app, 'POST', `/api/meetings/${id}/start`, { cookie: cookies.self })).status).toBe(200);
    // One side only: still refused, in the caller's language.
    const ja = expectError(await post('partner', id, [speech(t0, 0, 2)]), 409, 'conflict');
    expect(ja.message).toContain('同意');
    const en = expectError(await call(app, 'POST', `/api/meetings/${id}/talk/intervals`, { cookie: cookies.partner, lang: 'en', body: { intervals: [speech(t0, 0, 2)] } }), 409, 'conflict');
    expect(en.message).toContain('agreed');
    expect((await put('self', id, { consent: true })).body.measuring).toBe(true);

    for (const viewer of outsiders) expectRefused(viewer, await post(viewer, id, [speech(t0, 0, 2)]));
    const manager = await post('partner', id, [speech(t0, 0, 2), speech(t0, 5, 1.5)]);
    expect(manager.status).toBe(200);
    const report = await post('self', id, [speech(t0, 10, 4.5)]);
    expect(report.body).toMatchObject({ managerMs: 3500, reportMs: 4500 });

    // Anything but interval fields is refused: no room for audio in the body.
    expectError(await post('self', id, [{ ...speech(t0, 12, 1), samples: [0.1, 0.2] }]), 400, 'validation');

    // Either side stops: nothing more is accepted, the figure stays.
    await put('self', id, { consent: false });
    expectError(await post('partner', id, [speech(t0, 20, 1)]), 409, 'conflict');
    expect((await call<TalkBalance>(app, 'GET', `/api/meetings/${id}/talk`, { cookie: cookies.partner })).body).toMatchObject({ managerMs: 3500, reportMs: 4500, measuring: false });

    // After the meeting: no more intervals even with consent, and settings are closed.
    await put('self', id, { consent: true });
    expect((await call(app, 'POST', `/api/meetings/${id}/finish`, { cookie: cookies.partner })).status).toBe(200);
    expectError(await post('self', id, [speech(t0, 30, 1)]), 409, 'conflict');
    expectError(await put('self', id, { consent: false }), 403, 'forbidden');
  });

  it('in one room gives overlapping speech to the louder microphone', async () => {
    const id = await freshMeeting();
    await put('partner', id, { consent: true, mode: 'oneRoom', cueShare: 30 });
    await put('self', id, { consent: true });
    await call(app, 'POST', `/api/meetings/${id}/start`, { cookie: cookies.self });
    const t0 = Date.now();
    // The manager speaks 0–4 s (loud at their own microphone); the report's microphone hears it quietly.
    await post('partner', id, [speech(t0, 0, 4, -18)]);
    const both = await post('self', id, [speech(t0, 0, 4, -35), speech(t0, 6, 3, -17)]);
    expect(both.body).toMatchObject({ mode: 'oneRoom', cueShare: 30, managerMs: 4000, reportMs: 3000 });
    const rows = await database.db.select().from(talkIntervals);
    expect(Object.keys(rows[0]!).sort()).toEqual(['createdAt', 'employeeId', 'fromMs', 'id', 'level', 'meetingId', 'toMs']);
  });

  it('shows the manager their own trend only, and hr an aggregate only over five managers', async () => {
    const trend = await call<{ items: { managerShare: number }[] }>(app, 'GET', '/api/me/talk-trend', { cookie: cookies.partner });
    expect(trend.body.items.map((i) => i.managerShare).sort()).toEqual([43.8, 57.1]);
    expect((await call<{ items: unknown[] }>(app, 'GET', '/api/me/talk-trend', { cookie: cookies.self })).body.items).toEqual([]);
    // One manager measured: withheld, however hr asks.
    const hr = await call(app, 'GET', '/api/talk-balance/aggregate', { cookie: cookies.hr });
    expect(hr.body).toEqual({ status: 'withheld', minimum: 5 });
    expectError(await call(app, 'GET', '/api/talk-balance/aggregate', { cookie: cookies.partner }), 403, 'forbidden');

    // Four more managers with a measured meeting each: five in all, and the aggregate is shown.
    const more = [org.skipLevel, org.hr, org.admin, org.otherReport];
    for (const [i, m] of more.entries()) {
      const s = await createSeries(database.db, { managerId: m.id, reportId: org.self.id });
      const meetingId = (await meetingsOf(database.db, s.id))[0]!.id;
      await database.db.insert(talkBalances).values({ meetingId, managerConsent: true, reportConsent: true, managerMs: 1000 * (i + 1), reportMs: 4000 });
    }
    // Measured this month: nothing is published until the month closes.
    expect((await call(app, 'GET', '/api/talk-balance/aggregate', { cookie: cookies.hr })).body).toEqual({ status: 'withheld', minimum: 5 });
    // Once those meetings lie in a closed month, the five managers' aggregate is shown.
    const closed = monthBounds(latestClosedMonth(new Date(), 'Asia/Tokyo'), 'Asia/Tokyo').start;
    await database.db.update(meetings).set({ startsAt: new Date(closed.getTime() + 86_400_000) }).where(inArray(meetings.id, database.db.select({ id: talkBalances.meetingId }).from(talkBalances)));
    const shown = await call<{ status: string; managers: number; meetings: number }>(app, 'GET', '/api/talk-balance/aggregate', { cookie: cookies.hr });
    expect(shown.body).toMatchObject({ status: 'shown', managers: 5, meetings: 6 });
    expect(JSON.stringify(shown.body)).not.toContain(org.partner.id);
  });
});
