import { eq } from 'drizzle-orm';
import ICAL from 'ical.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CalendarFeed, NotificationList, NotificationSettings } from '../../../domain/notifications.js';
import { calendarFeeds, meetings, notifications } from '../../db/schema.js';
import { call, testApp } from '../../test/app.js';
import { testDatabase } from '../../test/database.js';
import { expectError, expectFields } from '../../test/expect.js';
import { type Organisation, signedInOrganisation } from '../../test/factories.js';
import { expectRefused, UNKNOWN_ID, viewers, type Viewer } from '../../test/followUp.js';
import { noDatabase } from '../../test/provided.js';
import { createSeries, insertTopic, meetingsOf } from '../../test/series.js';

describe.skipIf(noDatabase)('notification centre, settings and calendar feed', () => {
  const database = testDatabase();
  let app: ReturnType<typeof testApp>['app'];
  let org: Organisation;
  let cookies: Record<Viewer, string | null>;
  let selfNote: string;

  beforeAll(async () => {
    ({ app, org, cookies } = await signedInOrganisation(database));
    const rows = await database.db
      .insert(notifications)
      .values([
        { recipientId: org.self.id, kind: 'topicsInvite', params: { partner: '田中 美咲', startsAt: '2027-01-04T01:00:00.000Z' }, link: '/meetings/x' },
        { recipientId: org.self.id, kind: 'actionItemDue', params: { count: 2 }, link: '/action-items' },
        { recipientId: org.partner.id, kind: 'prepBrief', params: { partner: '鈴木 翔太' }, link: '/meetings/x/prep' },
      ])
      .returning({ id: notifications.id, recipientId: notifications.recipientId });
    selfNote = rows.find((r) => r.recipientId === org.self.id)!.id;
  });

  it('everyone reads only their own notifications; anonymous is refused', async () => {
    const expected: Record<Viewer, number> = { self: 2, partner: 1, otherReport: 0, skipLevel: 0, hr: 0, admin: 0, anonymous: 0 };
    for (const v of viewers) {
      const res = await call<NotificationList>(app, 'GET', '/api/notifications', { cookie: cookies[v] });
      if (v === 'anonymous') {
        expectError(res, 401, 'unauthenticated');
        continue;
      }
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(expected[v]);
      expect(res.body.unread).toBe(expected[v]);
      const count = await call<{ unread: number }>(app, 'GET', '/api/notifications/unread-count', { cookie: cookies[v] });
      expect(count.body.unread).toBe(expected[v]);
    }
  });

  it('only the recipient marks a notification read; others get 404 and nothing changes', async () => {
    for (const v of viewers.filter((x) => x !== 'self')) {
      expectRefused(v, await call(app, 'POST', `/api/notifications/${selfNote}/read`, { cookie: cookies[v] }));
    }
    const [still] = await database.db.select().from(notifications).where(eq(notifications.id, selfNote));
    expect(still!.readAt).toBeNull();
    const res = await call<{ unread: number }>(app, 'POST', `/api/notifications/${selfNote}/read`, { cookie: cookies.self });
    expect(res.body.unread).toBe(1);
    expectError(await call(app, 'POST', `/api/notifications/${UNKNOWN_ID}/read`, { cookie: cookies.self, lang: 'en' }), 404, 'not_found');
    expectFields(await call(app, 'POST', '/api/notifications/not-an-id/read', { cookie: cookies.self }), { id: 'IDの形式が正しくありません。' });
    const all = await call<{ unread: number }>(app, 'POST', '/api/notifications/read-all', { cookie: cookies.self });
    expect(all.body.unread).toBe(0);
    const partner = await call<NotificationList>(app, 'GET', '/api/notifications?unread=true', { cookie: cookies.partner });
    expect(partner.body.items).toHaveLength(1);
  });

  it('each person chooses channels per kind; bad input is refused in their language and changes nothing', async () => {
    const get = await call<NotificationSettings>(app, 'GET', '/api/notification-settings', { cookie: cookies.otherReport });
    expect(get.body.mailConfigured).toBe(false);
    expect(get.body.preferences.find((p) => p.kind === 'digest')).toEqual({ kind: 'digest', inApp: false, email: false });
    const put = await call<NotificationSettings>(app, 'PUT', '/api/notification-settings', {
      cookie: cookies.otherReport,
      body: { preferences: [{ kind: 'digest', inApp: true, email: true }, { kind: 'meetingStart', inApp: true, email: false }, { kind: 'invitation', inApp: true, email: true }] },
    });
    expect(put.status).toBe(200);
    expect(put.body.preferences.filter((p) => ['digest', 'meetingStart', 'invitation'].includes(p.kind))).toEqual([
      { kind: 'meetingStart', inApp: true, email: false },
      { kind: 'digest', inApp: true, email: true },
      { kind: 'invitation', inApp: false, email: true },
    ]);
    // Another person's settings are untouched.
    const mine = await call<NotificationSettings>(app, 'GET', '/api/notification-settings', { cookie: cookies.self });
    expect(mine.body.preferences.find((p) => p.kind === 'digest')).toEqual({ kind: 'digest', inApp: false, email: false });
    expectFields(await call(app, 'PUT', '/api/notification-settings', { cookie: cookies.self, lang: 'en', body: { preferences: [{ kind: 'sms', inApp: true, email: true }] } }), {
      'preferences.0.kind': 'Use one of: topicsInvite, prepBrief, meetingStart, minutesToAcknowledge, reflectionPending, actionItemDue, actionItemOverdue, seriesStale, digest, invitation',
    });
    expectFields(
      await call(app, 'PUT', '/api/notification-settings', { cookie: cookies.self, body: { preferences: [{ kind: 'digest', inApp: true, email: true }, { kind: 'digest', inApp: false, email: false }] } }),
      { preferences: '同じ種類の通知が2回指定されています。' },
    );
    const after = await call<NotificationSettings>(app, 'GET', '/api/notification-settings', { cookie: cookies.self });
    expect(after.body).toEqual(mine.body);
    expectError(await call(app, 'PUT', '/api/notification-settings', { body: { preferences: [{ kind: 'digest', inApp: true, email: true }] } }), 401, 'unauthenticated');
  });

  it('the calendar feed: a secret URL per person that parses, leaves out cancelled meetings, shows moved ones where they are now, and answers 404 once revoked', async () => {
    // Mondays from 2027-01-04 at 10:00 Tokyo; 2027-01-11 is 成人の日 and moves to Tuesday the 12th.
    const s = await createSeries(database.db, {
      managerId: org.partner.id,
      reportId: org.self.id,
      now: new Date('2026-12-01T00:00:00Z'),
      schedule: { cadence: 'weekly', weekday: 1, dayOfMonth: null, weekOfMonth: null, intervalDays: null, startDate: '2027-01-04', startTime: '10:00', durationMinutes: 30, timeZone: 'Asia/Tokyo' },
    });
    const list = await meetingsOf(database.db, s.id);
    const on = (date: string) => list.find((m) => m.originalDate === date)!;
    expect(on('2027-01-11').startsAt.toISOString()).toBe('2027-01-12T01:00:00.000Z');
    await database.db.update(meetings).set({ status: 'cancelled', cancelledAt: new Date(), cancelReason: '出張' }).where(eq(meetings.id, on('2027-01-18').id));
    const moved = new Date('2027-01-26T05:00:00Z'); // Tuesday 14:00 Tokyo
    await database.db.update(meetings).set({ startsAt: moved, rescheduledAt: new Date(), rescheduleReason: '都合' }).where(eq(meetings.id, on('2027-01-25').id));
    await insertTopic(database.db, { meetingId: on('2027-01-04').id, authorId: org.self.id, title: '転職を考えている' });

    for (const v of viewers) {
      const res = await call<CalendarFeed>(app, 'GET', '/api/me/calendar-feed', { cookie: cookies[v] });
      if (v === 'anonymous') expectError(res, 401, 'unauthenticated');
      else expect(res.body).toEqual({ active: false, createdAt: null, url: null });
    }
    const created = await call<CalendarFeed>(app, 'POST', '/api/me/calendar-feed', { cookie: cookies.self });
    expect(created.status).toBe(201);
    const url = new URL(created.body.url!);
    const token = url.pathname.split('/').pop()!;
    const [stored] = await database.db.select().from(calendarFeeds).where(eq(calendarFeeds.employeeId, org.self.id));
    expect(stored!.tokenHash).not.toContain(token);
    expect((await call<CalendarFeed>(app, 'GET', '/api/me/calendar-feed', { cookie: cookies.self })).body).toMatchObject({ active: true, url: null });

    const feed = await call(app, 'GET', url.pathname);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(feed.text).not.toContain('転職');
    const cal = new ICAL.Component(ICAL.parse(feed.text));
    for (const tz of cal.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
    const vevents = cal.getAllSubcomponents('vevent').filter((e) => e.getFirstPropertyValue('uid') === `series-${s.id}@taiwa`);
    const master = new ICAL.Event(vevents.find((e) => !e.hasProperty('recurrence-id')));
    for (const ex of vevents.filter((e) => e.hasProperty('recurrence-id'))) master.relateException(new ICAL.Event(ex));
    const starts: string[] = [];
    const it = master.iterator();
    for (let next = it.next(); next; next = it.next()) starts.push(master.getOccurrenceDetails(next).startDate.toJSDate().toISOString());
    const expected = list.filter((m) => m.originalDate !== '2027-01-18').map((m) => (m.originalDate === '2027-01-25' ? moved : m.startsAt).toISOString());
    expect(starts.sort()).toEqual(expected.sort());
    expect(starts).toContain('2027-01-12T01:00:00.000Z');
    expect(starts).not.toContain('2027-01-11T01:00:00.000Z');
    expect(starts).not.toContain('2027-01-18T01:00:00.000Z');
    expect(starts).toContain(moved.toISOString());
    expect(String(master.description)).toContain(`/series/${s.id}`);

    // Replacing the URL revokes the old one; revoking answers 404 for any.
    const again = await call<CalendarFeed>(app, 'POST', '/api/me/calendar-feed', { cookie: cookies.self });
    expectError(await call(app, 'GET', url.pathname), 404, 'not_found');
    const newPath = new URL(again.body.url!).pathname;
    expect((await call(app, 'GET', newPath)).status).toBe(200);
    await call(app, 'DELETE', '/api/me/calendar-feed', { cookie: cookies.self });
    const gone = expectError(await call(app, 'GET', newPath, { lang: 'en' }), 404, 'not_found');
    expect(gone.message).toContain('This calendar URL is not valid');
    expectFields(await call(app, 'GET', '/api/calendar-feeds/short'), { token: expect.any(String) as unknown as string });
    // The partner's own feed holds the same series; topics stay out of it too.
    const partnerFeed = await call<CalendarFeed>(app, 'POST', '/api/me/calendar-feed', { cookie: cookies.partner });
    const text = (await call(app, 'GET', new URL(partnerFeed.body.url!).pathname)).text;
    expect(text).toContain(`series-${s.id}@taiwa`);
    expect(text).not.toContain('転職');
  });
});
