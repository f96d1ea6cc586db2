import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Topic } from '../../../domain/agenda.js';
import { connect, type Database } from '../../db/client.js';
import { auditEvents, series } from '../../db/schema.js';
import { call, signIn, testApp } from '../../test/app.js';
import { openEventStream } from '../../test/eventStream.js';
import { testDatabase } from '../../test/database.js';
import { buildOrganisation, TEST_PASSWORD, type Organisation } from '../../test/factories.js';
import { noDatabase } from '../../test/provided.js';
import { createSeries, meetingsOf, tokyoToday } from '../../test/series.js';

interface OpenApiDoc {
  paths: Record<string, Record<string, Operation>>;
}
type Operation = { operationId?: string; parameters?: { in: string; name: string; required?: boolean }[]; responses?: Record<string, { content?: Record<string, unknown> }> };

/** Whether the operation answers with a server-sent event stream. */
const streams = (op: Operation) => Object.values(op.responses ?? {}).some((r) => Object.keys(r.content ?? {}).includes('text/event-stream'));

/** The same database, through sessions that PostgreSQL itself keeps read-only. */
function readOnly(url: string): Database {
  const u = new URL(url);
  u.searchParams.set('options', '-c default_transaction_read_only=on');
  return connect(u.toString(), 3);
}

describe.skipIf(noDatabase)('a GET never writes', () => {
  const database = testDatabase();
  let ro: Database;
  let org: Organisation;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    // The organisation, a held meeting with minutes and follow-up, built through the writable app.
    const { app, services } = testApp(database);
    org = await buildOrganisation(database.db, services.auth);
    const manager = await signIn(app, org.partner.email, TEST_PASSWORD);
    const report = await signIn(app, org.self.email, TEST_PASSWORD);
    const s = await createSeries(database.db, { managerId: org.partner.id, reportId: org.self.id });
    const [first, next] = await meetingsOf(database.db, s.id);
    const post = async (cookie: string, path: string, body?: unknown) => {
      const res = await call<{ id: string }>(app, 'POST', path, { cookie, body });
      expect(res.status, `${path}: ${res.text}`).toBeLessThan(300);
      return res.body;
    };
    const topic = (await post(report, `/api/meetings/${first!.id}/topics`, { title: 'キャリア', category: 'career', wantedResponse: 'listen' })) as unknown as Topic;
    await post(report, `/api/meetings/${first!.id}/topics`, { title: '下書き', category: 'other', wantedResponse: 'listen', visibility: 'private' });
    await post(manager, `/api/meetings/${first!.id}/start`);
    await post(manager, `/api/topics/${topic.id}/discussed`, { discussed: true });
    const feedback = await post(manager, `/api/meetings/${first!.id}/feedback`, {
      kind: 'positive',
      receiverId: org.self.id,
      situation: '定例で',
      behaviour: '要点を先に話した',
      impact: '議論が早く進んだ',
    });
    const item = await post(report, `/api/meetings/${first!.id}/action-items`, { title: '資料を共有する', ownerId: org.self.id });
    // A goal with a key result and an update, linked to the next meeting's topic (the prep brief and the room read it).
    const goal = (await post(report, '/api/goals', { kind: 'okr', title: '品質を上げる', keyResults: [{ title: '不具合件数', startValue: 10, target: 2 }] })) as unknown as {
      id: string;
      keyResults: { id: string }[];
    };
    await post(report, `/api/goals/${goal.id}/updates`, { keyResultId: goal.keyResults[0]!.id, value: 6, comment: '半分まで来た' });
    await post(report, `/api/meetings/${first!.id}/topics`, { title: '次回へ', category: 'goals', wantedResponse: 'advice', goalId: goal.id });
    await post(manager, `/api/meetings/${first!.id}/finish`);
    // An admin's webhook (its delivery log is a read) and the report's secret calendar-feed URL.
    const admin = await signIn(app, org.admin.email, TEST_PASSWORD);
    const hook = await post(admin, '/api/admin/webhooks', { name: 'Chat', url: 'http://127.0.0.1:9/hook', format: 'json', events: ['meetingScheduled'] });
    const feed = (await post(report, '/api/me/calendar-feed')) as unknown as { url: string };
    // A window that has run short, as it does after a quiet day: reads must not extend it.
    await database.db.update(series).set({ generatedUntil: tokyoToday() }).where(eq(series.id, s.id));
    Object.assign(ids, {
      series: s.id,
      meetings: first!.id,
      next: next!.id,
      employees: org.self.id,
      departments: org.departments.team,
      topics: topic.id,
      feedback: feedback.id,
      goals: goal.id,
      'action-items': item.id,
      'admin/webhooks': hook.id,
      'calendar-feeds': new URL(feed.url).pathname.split('/').pop()!,
    });
    ro = readOnly(database.url);
  });

  afterAll(async () => {
    await ro?.close();
  });

  it('the read-only sessions really refuse writes (so the test below can fail)', async () => {
    const { rows } = await ro.db.execute<{ v: string }>(sql`select current_setting('default_transaction_read_only') as v`);
    expect(rows[0]!.v).toBe('on');
    // 25006: read_only_sql_transaction.
    await expect(ro.db.execute(sql`update series set purpose = purpose`)).rejects.toMatchObject({ cause: { code: '25006' } });
  });

  it('every GET operation of the served document answers 2xx to someone allowed (the pair, hr or admin) on a read-only database', { timeout: 180_000 }, async () => {
    // The one write a read makes, the audit event (ADR 0210), goes to its own writable handle.
    const { app, services } = testApp(ro, {}, { auditDatabase: database });
    // Signing in writes a session: done on the writable app, the cookie works on both.
    const cookies = {
      manager: await signIn(testApp(database).app, org.partner.email, TEST_PASSWORD),
      report: await signIn(testApp(database).app, org.self.email, TEST_PASSWORD),
      hr: await signIn(testApp(database).app, org.hr.email, TEST_PASSWORD),
      admin: await signIn(testApp(database).app, org.admin.email, TEST_PASSWORD),
    };
    expect(services.db).toBe(ro.db);
    const doc = await call<OpenApiDoc>(app, 'GET', '/api/openapi.json');
    expect(doc.status).toBe(200);
    const gets = Object.entries(doc.body.paths).flatMap(([path, ops]) => (ops.get ? [{ path, op: ops.get }] : []));
    expect(gets.length).toBeGreaterThan(20);
    const answered: string[] = [];
    for (const { path, op } of gets) {
      const url = path.replace(/\{(\w+)\}/g, (_, name: string) => {
        const segments = path.split('/');
        const id = ids[segments.slice(2, 4).join('/')] ?? ids[segments[2]!];
        if ((name !== 'id' && name !== 'token') || !id) throw new Error(`no factory value for {${name}} in ${path}`);
        return id;
      });
      const query = (op.parameters ?? []).filter((p) => p.in === 'query' && p.required).map((p) => `${p.name}=${encodeURIComponent(queryValues[p.name] ?? 'x')}`);
      // Some reads belong to one side (the prep brief is the manager's, the outbox an admin's): the
      // others may be refused, but no answer may be a failure, and one of them must get the resource.
      const answers = [];
      const target = query.length ? `${url}?${query.join('&')}` : url;
      for (const cookie of [cookies.manager, cookies.report, cookies.hr, cookies.admin]) {
        if (streams(op)) {
          // The live room's event stream never ends: read it until `ready` (the subscription is
          // made, so everything it reads is behind it), then leave as a closed tab does.
          const stream = await openEventStream(app, target, cookie);
          expect([200, 403, 404], `GET ${path}: ${stream.status}`).toContain(stream.status);
          if (stream.status === 200) await stream.until('ready');
          await stream.cancel();
          answers.push(stream.status);
          continue;
        }
        const res = await call(app, 'GET', target, { cookie });
        const label = `GET ${path} (${op.operationId ?? 'no operationId'}): ${res.status} ${res.text.slice(0, 300)}`;
        expect(res.status, label).toBeLessThan(500);
        expect([200, 403, 404], label).toContain(res.status);
        answers.push(res.status);
      }
      expect(answers.some((s) => s >= 200 && s < 300), `GET ${path}: ${answers.join(', ')}`).toBe(true);
      // The next meeting too (it used to receive carried topics when read): refused, perhaps, never failed.
      if (path.startsWith('/api/meetings/{id}') && !streams(op)) {
        const res = await call(app, 'GET', url.replace(ids.meetings!, ids.next!), { cookie: cookies.report });
        expect(res.status, `GET ${path} on the next meeting: ${res.text.slice(0, 300)}`).toBeLessThan(500);
      }
      answered.push(path);
    }
    expect(answered).toEqual(gets.map((g) => g.path));
    // The reads of the other person's records were recorded, through the audit handle alone.
    const actions = new Set((await database.db.select({ action: auditEvents.action }).from(auditEvents)).map((r) => r.action));
    expect([...actions]).toEqual(expect.arrayContaining(['prepBrief.read', 'minutes.read', 'meeting.read', 'goals.read', 'employee.read']));
  });
});

/** Values for required query parameters. */
const queryValues: Record<string, string> = { q: 'キャリア', text: '最近どう?' };
