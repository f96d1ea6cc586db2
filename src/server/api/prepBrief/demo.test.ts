import { and, asc, eq, gte } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MyAuditPage } from '../../../domain/audit.js';
import type { PrepBrief } from '../../../domain/meetings.js';
import { employees, meetings, series } from '../../db/schema.js';
import { DEMO_PASSWORD, seedDemo } from '../../db/seed.js';
import { call, signIn, testApp } from '../../test/app.js';
import { testDatabase } from '../../test/database.js';
import { noDatabase } from '../../test/provided.js';

describe.skipIf(noDatabase)('the prep brief on the demo organisation', () => {
  const database = testDatabase();
  let app: ReturnType<typeof testApp>['app'];
  let cookie: string;
  let nextId: string;

  beforeAll(async () => {
    const built = testApp(database);
    app = built.app;
    await seedDemo({ db: database.db, auth: built.services.auth });
    cookie = await signIn(app, 'manager@demo.example', DEMO_PASSWORD);
    const [member] = await database.db.select().from(employees).where(eq(employees.email, 'member@demo.example'));
    const [next] = await database.db
      .select({ id: meetings.id })
      .from(meetings)
      .innerJoin(series, eq(series.id, meetings.seriesId))
      .where(and(eq(series.reportId, member!.id), eq(meetings.status, 'scheduled'), gte(meetings.startsAt, new Date())))
      .orderBy(asc(meetings.startsAt))
      .limit(1);
    nextId = next!.id;
  }, 120_000);

  it('the demo manager’s next brief lists open action items of both sides (support marked) and the last minutes', async () => {
    const res = await call<PrepBrief>(app, 'GET', `/api/meetings/${nextId}/prep-brief`, { cookie });
    expect(res.status).toBe(200);
    const b = res.body;
    expect(b.actionItems.some((a) => a.ownerRole === 'report')).toBe(true);
    expect(b.actionItems.some((a) => a.ownerRole === 'manager' && a.support)).toBe(true);
    expect(b.actionItems.every((a) => a.status === 'open')).toBe(true);
    // Overdue first.
    const flags = b.actionItems.map((a) => a.overdue);
    expect(flags).toEqual([...flags].sort((x, y) => Number(y) - Number(x)));
    expect(b.lastMinutes).not.toBeNull();
    expect(b.lastMinutes!.summary.length).toBeGreaterThan(0);
    expect(b.lastMinutes!.decisions.length).toBeGreaterThan(0);
    expect(b.lastMeeting?.meeting.id).toBe(b.lastMinutes!.meeting.id);
  });

  it('the demo member’s goals show in the brief with the progress posted since the last 1on1, and a topic linked to one', async () => {
    const b = (await call<PrepBrief>(app, 'GET', `/api/meetings/${nextId}/prep-brief`, { cookie })).body;
    expect(b.goals.map((g) => g.kind).sort()).toEqual(['mbo', 'okr']);
    const okr = b.goals.find((g) => g.kind === 'okr')!;
    expect(okr.entries.length).toBeGreaterThan(0);
    expect(okr.entries.every((e) => Date.parse(e.createdAt) >= Date.parse(b.goalsSince!))).toBe(true);
    expect(b.reportTopics.some((t) => t.goal?.id === okr.id)).toBe(true);
  });

  it('the demo member sees that their manager opened their prep brief, and when (ADR 0210)', async () => {
    const member = await signIn(app, 'member@demo.example', DEMO_PASSWORD);
    const before = await call<MyAuditPage>(app, 'GET', '/api/me/audit', { cookie: member });
    expect(before.status).toBe(200);
    expect(before.body.items.map((e) => e.action)).toContain('prepBrief.read');
    expect(before.body.items.every((e) => e.actor.familyName === '田中')).toBe(true);
    expect((await call(app, 'GET', `/api/meetings/${nextId}/prep-brief`, { cookie })).status).toBe(200);
    const after = await call<MyAuditPage>(app, 'GET', '/api/me/audit', { cookie: member });
    // One event for this look (another test may have opened the same brief moments ago: still one).
    expect(after.body.items.filter((e) => e.action === 'prepBrief.read' && e.targetId === nextId)).toHaveLength(1);
    expect(after.body.items[0]).toMatchObject({ action: 'prepBrief.read', targetId: nextId, actor: { familyName: '田中' } });
  });
});
