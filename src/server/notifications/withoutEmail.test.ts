import { eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEmployee } from '../commands/saveEmployee.js';
import { employees, mailMessages, notifications, user } from '../db/schema.js';
import { syncInvitations } from '../jobs/invitations.js';
import { testApp } from '../test/app.js';
import { testDatabase } from '../test/database.js';
import { insertPeople, uniqueTag } from '../test/factories.js';
import { noDatabase } from '../test/provided.js';
import { createSeries, meetingsOf } from '../test/series.js';
import { notifyOnce, recipientColumns, type Recipient } from './notify.js';

const BASE = 'http://taiwa.test';

/** ADR 0215: an employee without an e-mail address is in the organisation but is never sent anything. */
describe.skipIf(noDatabase)('an employee without an e-mail address', () => {
  const database = testDatabase();
  let withoutEmail: Recipient;
  let manager: Recipient;

  beforeAll(async () => {
    const { services } = testApp(database);
    const tag = uniqueTag();
    const [boss] = await insertPeople(database.db, services.auth, [{ familyName: '上司', givenName: '一郎' }], tag);
    const id = await createEmployee({
      db: database.db,
      auth: services.auth,
      input: {
        familyName: '現場',
        givenName: '花子',
        familyNameKana: 'ゲンバ',
        givenNameKana: 'ハナコ',
        email: null,
        employeeNumber: `N${tag}`,
        title: null,
        departmentId: null,
        managerId: boss!.id,
        isHr: false,
        isAdmin: false,
      },
    });
    const load = async (eid: string) => (await database.db.select(recipientColumns).from(employees).where(eq(employees.id, eid)))[0]!;
    withoutEmail = await load(id);
    manager = await load(boss!.id);
  });

  it('has no sign-in user', async () => {
    const [row] = await database.db.select({ email: employees.email, userId: employees.userId }).from(employees).where(eq(employees.id, withoutEmail.id));
    expect(row).toEqual({ email: null, userId: null });
  });

  it('gets the in-app notification but no mail, even where mail is the chosen channel', async () => {
    const input = { kind: 'actionItemDue' as const, subjectId: crypto.randomUUID(), occasion: '2026-12-02', params: { count: 1 }, link: '/action-items', baseUrl: BASE };
    const res = await database.db.transaction((tx) => notifyOnce(tx, { ...input, recipient: withoutEmail }));
    expect(res).toEqual({ created: true, mailId: null });
    expect(await database.db.select().from(mailMessages).where(eq(mailMessages.recipientId, withoutEmail.id))).toHaveLength(0);
    expect(await database.db.select().from(notifications).where(eq(notifications.recipientId, withoutEmail.id))).toHaveLength(1);
    // The same notification to someone with an address does queue a mail (the kind mails by default).
    const other = await database.db.transaction((tx) => notifyOnce(tx, { ...input, recipient: manager }));
    expect(other.mailId).not.toBeNull();
  });

  it('is no attendee of the calendar invitation; the manager is invited alone', async () => {
    const series = await createSeries(database.db, { managerId: manager.id, reportId: withoutEmail.id });
    const [first] = await meetingsOf(database.db, series.id);
    const now = new Date(first!.startsAt.getTime() - 2 * 86_400_000);
    const { mailIds } = await syncInvitations(database.db, now, BASE, 'taiwa@example.test');
    const mails = await database.db.select().from(mailMessages).where(inArray(mailMessages.id, mailIds));
    expect(mails.length).toBeGreaterThan(0);
    expect(mails.every((m) => m.recipientId === manager.id)).toBe(true);
    const managerAddress = (await database.db.select({ email: user.email }).from(user).innerJoin(employees, eq(employees.userId, user.id)).where(eq(employees.id, manager.id)))[0]!.email;
    for (const m of mails) {
      const attendees = m.icalendar!.replace(/\r?\n[ \t]/g, "").split(/\r?\n/).filter((l) => l.startsWith('ATTENDEE'));
      expect(attendees).toHaveLength(1);
      expect(attendees[0]).toContain(managerAddress);
    }
  });
});
