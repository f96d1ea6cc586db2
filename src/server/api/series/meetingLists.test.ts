import { beforeAll, describe, expect, it } from 'vitest';
import type { History } from '../../../domain/followUp.js';
import type { Meeting } from '../../../domain/series.js';
import { call, testApp } from '../../test/app.js';
import { testDatabase } from '../../test/database.js';
import { type Organisation, signedInOrganisation } from '../../test/factories.js';
import { expectRefused, outsiders, type Viewer } from '../../test/followUp.js';
import { noDatabase } from '../../test/provided.js';
import { createSeries, insertPastMeeting, meetingsOf, weeklySchedule } from '../../test/series.js';

type Page<T> = { items: T[]; total: number };

describe.skipIf(noDatabase)('a series’ upcoming meetings and its history never list the same meeting', () => {
  const database = testDatabase();
  let app: ReturnType<typeof testApp>['app'];
  let org: Organisation;
  let cookies: Record<Viewer, string | null>;
  let seriesId: string;
  let ids: string[];

  const upcoming = async (viewer: Viewer = 'partner') =>
    (await call<Page<Meeting>>(app, 'GET', `/api/series/${seriesId}/meetings?when=upcoming&pageSize=100`, { cookie: cookies[viewer] })).body.items.map((m) => m.id);
  const past = async () =>
    (await call<Page<Meeting>>(app, 'GET', `/api/series/${seriesId}/meetings?when=past&pageSize=100`, { cookie: cookies.partner })).body.items.map((m) => m.id);
  const history = async () =>
    (await call<History>(app, 'GET', `/api/series/${seriesId}/history?pageSize=100`, { cookie: cookies.self })).body.items.map((i) => i.meeting.id);

  beforeAll(async () => {
    ({ app, org, cookies } = await signedInOrganisation(database));
    ({ id: seriesId } = await createSeries(database.db, { managerId: org.partner.id, reportId: org.self.id, schedule: weeklySchedule(5) }));
    ids = (await meetingsOf(database.db, seriesId)).map((m) => m.id);
  });

  it('a meeting started five days early is upcoming (running) until finished, then only in the history', async () => {
    const held = await insertPastMeeting(database.db, { seriesId, reportId: org.self.id, daysAgo: 7 });
    const early = ids[0]!;
    expect(await upcoming()).toContain(early);
    expect(await history()).toEqual([held]);

    expect((await call(app, 'POST', `/api/meetings/${early}/start`, { cookie: cookies.partner })).status).toBe(200);
    const ahead = await upcoming();
    expect(ahead.filter((id) => id === early)).toHaveLength(1);
    expect(await history()).not.toContain(early);
    expect(await past()).not.toContain(early);

    expect((await call(app, 'POST', `/api/meetings/${early}/finish`, { cookie: cookies.partner })).status).toBe(200);
    expect(await upcoming()).not.toContain(early);
    expect(await history()).toEqual([early, held]);
    expect(await past()).toEqual([early, held]);
  });

  it('a cancelled meeting still ahead stays in its slot among the upcoming ones, not in the history', async () => {
    const later = ids[2]!;
    expect((await call(app, 'POST', `/api/meetings/${later}/cancel`, { cookie: cookies.self, body: { reason: '出張' } })).status).toBe(200);
    expect(await upcoming()).toContain(later);
    expect(await history()).not.toContain(later);
    expect(await past()).not.toContain(later);
  });

  it('every meeting of the series is in exactly one of the two lists', async () => {
    const all = (await meetingsOf(database.db, seriesId)).map((m) => m.id).sort();
    const both = [...(await upcoming()), ...(await history())].sort();
    expect(both).toEqual(all);
  });

  it('outsiders see neither list', async () => {
    for (const viewer of outsiders) {
      expectRefused(viewer, await call(app, 'GET', `/api/series/${seriesId}/history`, { cookie: cookies[viewer] }));
    }
    expect(await upcoming('self')).toEqual(await upcoming('partner'));
  });
});
