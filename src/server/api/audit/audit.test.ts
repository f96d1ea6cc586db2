import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AdminAuditPage, MyAuditPage } from '../../../domain/audit.js';
import { purgeAuditEvents } from '../../audit.js';
import { connect, type Database } from '../../db/client.js';
import { auditEvents, goals } from '../../db/schema.js';
import { call, testApp } from '../../test/app.js';
import { testDatabase } from '../../test/database.js';
import { expectError } from '../../test/expect.js';
import { type Organisation, signedInOrganisation } from '../../test/factories.js';
import { noDatabase } from '../../test/provided.js';
import { createSeries, meetingsOf } from '../../test/series.js';

type Viewer = 'self' | 'partner' | 'otherReport' | 'skipLevel' | 'hr' | 'admin' | 'anonymous';
const viewers: Viewer[] = ['self', 'partner', 'otherReport', 'skipLevel', 'hr', 'admin', 'anonymous'];

describe.skipIf(noDatabase)('the audit log', () => {
  const database = testDatabase();
  let app: ReturnType<typeof testApp>['app'];
  let org: Organisation;
  let cookies: Record<Viewer, string | null>;
  let meetingId: string;
  let goalId: string;

  const mine = async (who: Viewer, query = '') => {
    const res = await call<MyAuditPage>(app, 'GET', `/api/me/audit${query}`, { cookie: cookies[who] });
    expect(res.status, res.text).toBe(200);
    return res.body;
  };
  const adminLog = async (query = '') => {
    const res = await call<AdminAuditPage>(app, 'GET', `/api/admin/audit${query}`, { cookie: cookies.admin });
    expect(res.status, res.text).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    ({ app, org, cookies } = await signedInOrganisation(database));
    const s = await createSeries(database.db, { managerId: org.partner.id, reportId: org.self.id });
    meetingId = (await meetingsOf(database.db, s.id))[0]!.id;
    const [goal] = await database.db.insert(goals).values({ ownerId: org.self.id, kind: 'okr', title: '品質を上げる' }).returning({ id: goals.id });
    goalId = goal!.id;
  });

  // Each test starts from an empty log: the test database's owner switches the trigger off for the
  // clean-up alone (the application never does; the append-only test below proves the trigger).
  beforeEach(async () => {
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`alter table audit_events disable trigger audit_events_no_update_delete`);
      await tx.delete(auditEvents);
      await tx.execute(sql`alter table audit_events enable trigger audit_events_no_update_delete`);
    });
  });

  it('the manager opening the prep brief is one event the report sees: who, what, when, which meeting; no content', async () => {
    const before = Date.now();
    expect((await call(app, 'GET', `/api/meetings/${meetingId}/prep-brief`, { cookie: cookies.partner })).status).toBe(200);
    // Opening it again a moment later is the same look, not a second event.
    expect((await call(app, 'GET', `/api/meetings/${meetingId}/prep-brief`, { cookie: cookies.partner })).status).toBe(200);
    const page = await mine('self');
    expect(page.total).toBe(1);
    expect(page.items).toHaveLength(1);
    const [event] = page.items;
    expect(event).toMatchObject({ action: 'prepBrief.read', targetId: meetingId, actor: { id: org.partner.id, familyName: org.partner.familyName } });
    expect(Object.keys(event!).sort()).toEqual(['action', 'actor', 'at', 'id', 'targetId']);
    expect(new Date(event!.at).getTime()).toBeGreaterThanOrEqual(before - 1000);
    // The manager's own log shows nothing: nobody read their records.
    expect((await mine('partner')).total).toBe(0);
  });

  it('reading your own records is not logged; a partner reading them is, for the owner only', async () => {
    expect((await call(app, 'GET', `/api/goals/${goalId}`, { cookie: cookies.self })).status).toBe(200);
    expect((await mine('self')).total).toBe(0);
    expect((await call(app, 'GET', `/api/goals/${goalId}`, { cookie: cookies.partner })).status).toBe(200);
    expect((await mine('self')).items.map((e) => [e.action, e.actor.id, e.targetId])).toEqual([['goals.read', org.partner.id, goalId]]);
    // Pair content read by the report is recorded for the manager, and the other way round.
    expect((await call(app, 'GET', `/api/meetings/${meetingId}`, { cookie: cookies.self })).status).toBe(200);
    expect((await mine('partner')).items.map((e) => [e.action, e.actor.id])).toEqual([['meeting.read', org.self.id]]);
    // Nobody else sees these events in their own log.
    for (const v of ['otherReport', 'skipLevel', 'hr', 'admin'] as const) expect((await mine(v)).total).toBe(0);
  });

  it('a refused read records nothing', async () => {
    for (const v of ['otherReport', 'skipLevel', 'hr', 'admin'] as const) {
      expect((await call(app, 'GET', `/api/meetings/${meetingId}/prep-brief`, { cookie: cookies[v] })).status).toBeGreaterThanOrEqual(400);
      expect((await call(app, 'GET', `/api/goals/${goalId}`, { cookie: cookies[v] })).status).toBeGreaterThanOrEqual(400);
    }
    expect(await database.db.select().from(auditEvents)).toEqual([]);
  });

  it("an admin or hr opening an employee's record is logged; a colleague browsing the directory is not", async () => {
    expect((await call(app, 'GET', `/api/employees/${org.self.id}`, { cookie: cookies.otherReport })).status).toBe(200);
    expect((await mine('self')).total).toBe(0);
    expect((await call(app, 'GET', `/api/employees/${org.self.id}`, { cookie: cookies.admin })).status).toBe(200);
    expect((await call(app, 'GET', `/api/employees/${org.self.id}`, { cookie: cookies.hr })).status).toBe(200);
    const page = await mine('self');
    expect(page.items.map((e) => [e.action, e.actor.id]).sort()).toEqual(
      [
        ['employee.read', org.admin.id],
        ['employee.read', org.hr.id],
      ].sort(),
    );
  });

  it('pages newest first, with the total', async () => {
    const base = Date.now() - 3600_000;
    await database.db.insert(auditEvents).values(
      Array.from({ length: 5 }, (_, i) => ({ actorId: org.partner.id, subjectId: org.self.id, action: 'minutes.read' as const, targetId: meetingId, at: new Date(base + i * 60_000) })),
    );
    const seen: string[] = [];
    for (const p of [1, 2, 3]) {
      const page = await mine('self', `?page=${p}&pageSize=2`);
      expect(page).toMatchObject({ total: 5, page: p, pageSize: 2 });
      expect(page.items).toHaveLength(p < 3 ? 2 : 1);
      seen.push(...page.items.map((e) => e.at));
    }
    expect(seen).toEqual([...seen].sort().reverse());
    expect(new Set(seen).size).toBe(5);
    expect((await mine('self', '?page=9&pageSize=2')).items).toEqual([]);
  });

  it('who may read which log: everyone their own; the administrative log for admins only', async () => {
    for (const v of viewers) {
      const own = await call(app, 'GET', '/api/me/audit', { cookie: cookies[v] });
      expect(own.status, v).toBe(v === 'anonymous' ? 401 : 200);
      const adm = await call(app, 'GET', '/api/admin/audit', { cookie: cookies[v] });
      expect(adm.status, v).toBe(v === 'admin' ? 200 : v === 'anonymous' ? 401 : 403);
    }
  });

  it('administrative actions are logged with actor and subject, filtered by actor, action and period', async () => {
    const res = await call(app, 'PATCH', `/api/employees/${org.otherReport.id}`, { cookie: cookies.admin, body: { title: '主任' } });
    expect(res.status, res.text).toBe(200);
    const log = await adminLog();
    expect(log.items.map((e) => [e.action, e.actor.id, e.subject?.id, e.targetId])).toEqual([['employee.update', org.admin.id, org.otherReport.id, org.otherReport.id]]);
    // Reads are not in the administrative log, and administrative actions are not in the person's "who read" list.
    await call(app, 'GET', `/api/employees/${org.self.id}`, { cookie: cookies.admin });
    expect((await adminLog()).total).toBe(1);
    expect((await mine('otherReport')).total).toBe(0);
    const today = new Date().toISOString().slice(0, 10);
    expect((await adminLog(`?action=employee.update&actorId=${org.admin.id}&from=${today}&to=${today}`)).total).toBe(1);
    expect((await adminLog('?action=employee.deactivate')).total).toBe(0);
    expect((await adminLog(`?actorId=${org.hr.id}`)).total).toBe(0);
    expect((await adminLog('?from=2020-01-01&to=2020-12-31')).total).toBe(0);
  });

  it('departments, the employee CSV export and webhooks are administrative actions too', async () => {
    const dept = await call<{ id: string }>(app, 'POST', '/api/departments', { cookie: cookies.admin, body: { name: '監査テスト部' } });
    expect(dept.status, dept.text).toBe(201);
    expect((await call(app, 'GET', '/api/admin/employee-export', { cookie: cookies.admin })).status).toBe(200);
    const hook = await call<{ id: string }>(app, 'POST', '/api/admin/webhooks', {
      cookie: cookies.admin,
      body: { name: 'Chat', url: 'http://127.0.0.1:9/hook', format: 'json', events: ['meetingScheduled'] },
    });
    expect(hook.status, hook.text).toBe(201);
    expect((await call(app, 'DELETE', `/api/admin/webhooks/${hook.body.id}`, { cookie: cookies.admin })).status).toBe(200);
    const log = await adminLog();
    expect(log.items.map((e) => [e.action, e.targetId]).reverse()).toEqual([
      ['department.create', dept.body.id],
      ['employeeExport.download', null],
      ['webhook.create', hook.body.id],
      ['webhook.delete', hook.body.id],
    ]);
  });

  it('refuses a bad filter with a clear 400 in the caller’s language', async () => {
    const res = await call(app, 'GET', '/api/admin/audit?action=drop.table', { cookie: cookies.admin, lang: 'en' });
    expectError(res, 400, 'validation');
    expectError(await call(app, 'GET', '/api/me/audit?pageSize=0', { cookie: cookies.self }), 400, 'validation');
  });

  describe('a failed audit write fails the read', () => {
    let ro: Database;
    beforeAll(() => {
      const u = new URL(database.url);
      u.searchParams.set('options', '-c default_transaction_read_only=on');
      ro = connect(u.toString(), 2);
    });
    afterAll(async () => {
      await ro?.close();
    });

    it('answers 500 rather than show content nobody will know was read', async () => {
      const { app: broken } = testApp(database, {}, { auditDatabase: ro });
      const res = await call(broken, 'GET', `/api/meetings/${meetingId}/prep-brief`, { cookie: cookies.partner });
      expect(res.status).toBe(500);
      expect(res.text).not.toContain('condition');
      // Reading one's own records writes nothing, so it still answers.
      expect((await call(broken, 'GET', `/api/goals/${goalId}`, { cookie: cookies.self })).status).toBe(200);
    });
  });

  describe('append-only in the database, kept for the retention period', () => {
    const insertAt = async (at: Date) =>
      (await database.db.insert(auditEvents).values({ actorId: org.partner.id, subjectId: org.self.id, action: 'minutes.read', targetId: meetingId, at }).returning())[0]!;

    it('refuses UPDATE, DELETE and TRUNCATE', async () => {
      const row = await insertAt(new Date('2025-01-01T00:00:00Z'));
      const refused = { cause: { code: '42501' } };
      await expect(database.db.update(auditEvents).set({ actorId: org.admin.id }).where(eq(auditEvents.id, row.id))).rejects.toMatchObject(refused);
      await expect(database.db.delete(auditEvents).where(eq(auditEvents.id, row.id))).rejects.toMatchObject(refused);
      await expect(database.db.execute(sql`truncate audit_events`)).rejects.toMatchObject(refused);
      // A purge cutoff within the last 30 days opens nothing, even set by hand.
      await expect(
        database.db.transaction(async (tx) => {
          await tx.execute(sql`select set_config('taiwa.audit_purge_before', ${new Date().toISOString()}, true)`);
          await tx.delete(auditEvents).where(eq(auditEvents.id, row.id));
        }),
      ).rejects.toMatchObject(refused);
      expect(await database.db.select().from(auditEvents)).toEqual([row]);
    });

    it('the daily purge removes only events older than the retention period at the (simulated) time it runs', async () => {
      const old = await insertAt(new Date('2023-05-01T00:00:00Z'));
      const kept = await insertAt(new Date('2024-09-01T00:00:00Z'));
      // Two years (730 days) before 2025-06-01 is 2023-06-02: the first goes, the second stays.
      expect(await purgeAuditEvents(database.db, new Date('2025-06-01T00:00:00Z'), 730)).toBe(1);
      expect((await database.db.select().from(auditEvents)).map((r) => r.id)).toEqual([kept.id]);
      expect(old.id).not.toBe(kept.id);
      // A day later nothing more is due; a year later the second is due as well.
      expect(await purgeAuditEvents(database.db, new Date('2025-06-02T00:00:00Z'), 730)).toBe(0);
      expect(await purgeAuditEvents(database.db, new Date('2026-09-02T00:00:00Z'), 730)).toBe(1);
      expect(await database.db.select().from(auditEvents)).toEqual([]);
    });
  });
});
