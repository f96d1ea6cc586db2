import { and, eq } from 'drizzle-orm';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDateOf, zonedToUtc } from '../../domain/calendar.js';
import { employees, mailMessages, meetings, notificationDeliveries, notificationPreferences, notifications } from '../db/schema.js';
import { silentLog, testApp } from '../test/app.js';
import { testDatabase } from '../test/database.js';
import { buildOrganisation, type Organisation } from '../test/factories.js';
import { noDatabase } from '../test/provided.js';
import { createSeries, meetingsOf, weeklySchedule } from '../test/series.js';
import { startSmtpSink, waitFor, type ReceivedMail } from '../test/smtp.js';
import { notifyOnce } from '../notifications/notify.js';
import { syncInvitations } from './invitations.js';
import { createMailTransport, deliverPendingMail } from './mail.js';
import { startJobs, type Jobs } from './queue.js';
import { runDueReminders, START_REMINDER_MINUTES } from './reminders.js';

const BASE = 'http://taiwa.test';
const minute = 60_000;

// One story on one simulated clock: each run sends everything due by its time, for every meeting in the
// database, so a later time (the two processes' tick, 30 days ahead) must not come before an earlier
// step's check. The steps keep their order; the tests that change a meeting use data of their own.
describe.skipIf(noDatabase)('reminders, e-mail and invitations on a simulated clock', { shuffle: false }, () => {
  const database = testDatabase();
  let org: Organisation;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let firstMeeting: { id: string; startsAt: Date };
  const mailsTo = (email: string) => smtp.mails.filter((m) => m.to.includes(email));
  const run = async (now: Date) => {
    const r = await runDueReminders(database.db, now, BASE);
    await deliverPendingMail(database.db, createMailTransport(smtp.url), 'taiwa@example.test');
    return r;
  };

  beforeAll(async () => {
    smtp = await startSmtpSink();
    const { services } = testApp(database);
    org = await buildOrganisation(database.db, services.auth);
    // The report reads English in New York; the manager reads Japanese in Tokyo.
    await database.db.update(employees).set({ locale: 'en', timeZone: 'America/New_York' }).where(eq(employees.id, org.self.id));
    const s = await createSeries(database.db, { managerId: org.partner.id, reportId: org.self.id, schedule: weeklySchedule(20, { startTime: '10:00' }) });
    const m = (await meetingsOf(database.db, s.id))[0]!;
    firstMeeting = { id: m.id, startsAt: m.startsAt };
  });
  afterAll(async () => {
    await smtp?.close();
  });

  describe('the first meeting, day by day', () => {
    it('invites the report to add topics at 09:00 their time two days before, in English', async () => {
      const due = zonedToUtc(addDays(localDateOf(firstMeeting.startsAt, 'America/New_York'), -2), '09:00', 'America/New_York');
      await run(new Date(due.getTime() - minute));
      expect(mailsTo(org.self.email)).toHaveLength(0);
      await run(new Date(due.getTime() + minute));
      await run(new Date(due.getTime() + 2 * minute));
      const mails = mailsTo(org.self.email);
      expect(mails).toHaveLength(1);
      expect(mails[0]!.subject).toMatch(/^Prepare topics and answer pre-questions for your 1on1 with 田中 美咲/);
      expect(mails[0]!.parts['text/plain']).toContain(`${BASE}/meetings/${firstMeeting.id}`);
      expect(mails[0]!.parts['text/html']).toContain('<html lang="en">');
      const inApp = await database.db.select().from(notifications).where(eq(notifications.recipientId, org.self.id));
      expect(inApp.map((n) => n.kind)).toEqual(['topicsInvite']);
      // The manager got nothing yet: their prep brief comes a day later.
      expect(mailsTo(org.partner.email)).toHaveLength(0);
    });

    it('sends the manager’s prep brief at 09:00 Tokyo the day before, in Japanese', async () => {
      const due = zonedToUtc(addDays(localDateOf(firstMeeting.startsAt, 'Asia/Tokyo'), -1), '09:00', 'Asia/Tokyo');
      await run(new Date(due.getTime() - minute));
      expect(mailsTo(org.partner.email).filter((m) => m.subject.includes('準備シート'))).toHaveLength(0);
      await run(new Date(due.getTime() + 5 * minute));
      const mails = mailsTo(org.partner.email);
      expect(mails).toHaveLength(1);
      expect(mails[0]!.subject).toContain('明日の鈴木 翔太さんとの1on1');
      expect(mails[0]!.parts['text/plain']).toContain('準備シート');
      expect(mails[0]!.parts['text/plain']).toContain(`${BASE}/meetings/${firstMeeting.id}/prep`);
    });

    it('honours the channel choice: e-mail off means in-app only', async () => {
      await database.db.insert(notificationPreferences).values({ employeeId: org.partner.id, kind: 'meetingStart', inApp: true, email: false });
      const before = { self: mailsTo(org.self.email).length, partner: mailsTo(org.partner.email).length };
      await run(new Date(firstMeeting.startsAt.getTime() - (START_REMINDER_MINUTES - 1) * minute));
      expect(mailsTo(org.self.email)).toHaveLength(before.self + 1);
      expect(mailsTo(org.partner.email)).toHaveLength(before.partner);
      const start = await database.db.select().from(notifications).where(and(eq(notifications.recipientId, org.partner.id), eq(notifications.kind, 'meetingStart')));
      expect(start).toHaveLength(1);
    });
  });

  it('without SMTP the mail stays in the outbox, unsent', async () => {
    const [former] = await database.db.select().from(employees).where(eq(employees.id, org.admin.id));
    const received = smtp.mails.length;
    await database.db.transaction((tx) =>
      notifyOnce(tx, { recipient: { ...former!, locale: 'ja' }, kind: 'seriesStale', subjectId: 'outbox-test', occasion: '1', params: { partner: 'x', days: 9 }, link: '/', baseUrl: BASE }),
    );
    const result = await deliverPendingMail(database.db, null, 'taiwa@example.test');
    expect(result).toEqual({ sent: 0, outbox: 1, failed: 0 });
    const [row] = await database.db.select().from(mailMessages).where(eq(mailMessages.toAddress, org.admin.email));
    expect(row).toMatchObject({ status: 'outbox', sentAt: null });
    expect(smtp.mails).toHaveLength(received);
  });

  it('an invitation and its update parse with ical.js, keep their UID and raise SEQUENCE; cancelling sends CANCEL', async () => {
    // It moves and cancels its meeting, so the pair is of an organisation of its own.
    const own = await buildOrganisation(database.db, testApp(database).services.auth);
    await database.db.update(employees).set({ locale: 'en', timeZone: 'America/New_York' }).where(eq(employees.id, own.self.id));
    const ownSeries = await createSeries(database.db, { managerId: own.partner.id, reportId: own.self.id, schedule: weeklySchedule(20, { startTime: '10:00' }) });
    const firstMeeting = (await meetingsOf(database.db, ownSeries.id))[0]!;
    const ofPair = (m: ReceivedMail) => m.to.includes(own.self.email) || m.to.includes(own.partner.email);
    const now = new Date(firstMeeting.startsAt.getTime() - 3 * 86_400_000);
    const calendarOf = (m: ReceivedMail) => {
      const comp = new ICAL.Component(ICAL.parse(m.parts['text/calendar']!));
      const ev = comp.getFirstSubcomponent('vevent')!;
      return { method: comp.getFirstPropertyValue('method'), uid: ev.getFirstPropertyValue('uid'), sequence: ev.getFirstPropertyValue('sequence'), start: (ev.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate(), description: String(ev.getFirstPropertyValue('description')) };
    };
    const invitations = () => smtp.mails.filter((m) => m.parts['text/calendar']);
    const sync = async (at: Date) => {
      await syncInvitations(database.db, at, BASE, 'taiwa@example.test');
      await deliverPendingMail(database.db, createMailTransport(smtp.url), 'taiwa@example.test');
    };
    await sync(now);
    const first = invitations().filter((m) => m.to.includes(own.self.email)).map(calendarOf).find((c) => c.start.getTime() === firstMeeting.startsAt.getTime());
    expect(first).toMatchObject({ method: 'REQUEST', sequence: 0 });
    expect(first!.description).toBe(`${BASE}/meetings/${firstMeeting.id}`);
    // Running again sends nothing new.
    const count = invitations().length;
    await sync(now);
    expect(invitations()).toHaveLength(count);

    const moved = new Date(firstMeeting.startsAt.getTime() + 86_400_000 + 3_600_000);
    await database.db.update(meetings).set({ startsAt: moved }).where(eq(meetings.id, firstMeeting.id));
    await sync(now);
    const updates = invitations().slice(count).filter(ofPair).map(calendarOf);
    expect(updates).toHaveLength(2); // manager and report
    for (const u of updates) expect(u).toMatchObject({ method: 'REQUEST', uid: first!.uid, sequence: 1, start: moved });

    await database.db.update(meetings).set({ status: 'cancelled', cancelledAt: now, cancelReason: '出張' }).where(eq(meetings.id, firstMeeting.id));
    await sync(now);
    const cancelMails = invitations().slice(count + 2).filter(ofPair);
    const cancels = cancelMails.map(calendarOf);
    expect(cancels).toHaveLength(2);
    for (const c of cancels) expect(c).toMatchObject({ method: 'CANCEL', uid: first!.uid, sequence: 2 });
    // The invitation's mail says it in each person's language.
    const reportMail = cancelMails.find((m) => m.to.includes(own.self.email))!;
    expect(reportMail.subject).toMatch(/^1on1: 田中 美咲/);
    expect(reportMail.parts['text/plain']).toContain('Your 1on1 with');
  });

  describe('two server processes on one database', () => {
    let a: Jobs;
    let b: Jobs;
    beforeAll(async () => {
      const config = { baseUrl: BASE, smtpUrl: smtp.url, mailFrom: 'taiwa@example.test', webhookRetryDelaySeconds: 0 };
      [a, b] = await Promise.all([
        startJobs({ db: database.db, connectionString: database.url, config, log: silentLog, schedule: false, pollingIntervalSeconds: 0.5 }),
        startJobs({ db: database.db, connectionString: database.url, config, log: silentLog, schedule: false, pollingIntervalSeconds: 0.5 }),
      ]);
    });
    afterAll(async () => {
      await Promise.all([a?.stop(), b?.stop()]);
    });

    it('each reminder is sent exactly once', async () => {
      const s = await createSeries(database.db, { managerId: org.partner.id, reportId: org.otherReport.id, schedule: weeklySchedule(30, { startTime: '15:00' }) });
      const m = (await meetingsOf(database.db, s.id))[0]!;
      const now = new Date(m.startsAt.getTime() - 5 * minute);
      await Promise.all([a.tick(now), b.tick(now), a.tick(now), b.tick(now)]);
      const pending = async () => (await database.db.select().from(mailMessages).where(eq(mailMessages.status, 'pending'))).length === 0;
      await waitFor(pending, 'the mail workers to send every pending mail');
      const startMails = smtp.mails.filter((x) => x.to.includes(org.otherReport.email) && x.subject.startsWith('まもなく'));
      expect(startMails).toHaveLength(1);
      const keys = await database.db
        .select()
        .from(notificationDeliveries)
        .where(and(eq(notificationDeliveries.subjectId, m.id), eq(notificationDeliveries.kind, 'meetingStart')));
      expect(keys.map((k) => k.recipientId).sort()).toEqual([org.partner.id, org.otherReport.id].sort());
      const sent = await database.db.select({ id: mailMessages.id }).from(mailMessages).where(eq(mailMessages.toAddress, org.otherReport.email));
      // Every stored mail to the report reached the SMTP server exactly once.
      expect(smtp.mails.filter((x) => x.to.includes(org.otherReport.email))).toHaveLength(sent.length);
    });
  });
});
