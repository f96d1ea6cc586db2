import { eq } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AgendaTemplate } from '../../../domain/agendaTemplates.js';
import { agendaTemplateEntries, topics } from '../../db/schema.js';
import { call, testApp } from '../../test/app.js';
import { testDatabase } from '../../test/database.js';
import { expectError, expectFields } from '../../test/expect.js';
import { type Organisation, signedInOrganisation } from '../../test/factories.js';
import { noDatabase } from '../../test/provided.js';
import { createSeries, meetingsOf } from '../../test/series.js';
import { databaseSnapshot } from '../../test/snapshot.js';

type Viewer = 'self' | 'partner' | 'otherReport' | 'skipLevel' | 'hr' | 'admin' | 'anonymous';
const viewers: Viewer[] = ['self', 'partner', 'otherReport', 'skipLevel', 'hr', 'admin', 'anonymous'];
const managers = new Set<Viewer>(['hr', 'admin']);

describe.skipIf(noDatabase)('agenda templates API', () => {
  const database = testDatabase();
  let app: ReturnType<typeof testApp>['app'];
  let org: Organisation;
  let cookies: Record<Viewer, string | null>;
  let meetingId: string;
  const templates = async (viewer: Viewer = 'self') =>
    (await call<{ items: AgendaTemplate[]; abilities: { manage: boolean } }>(app, 'GET', '/api/agenda-templates', { cookie: cookies[viewer] })).body;

  beforeAll(async () => {
    ({ app, org, cookies } = await signedInOrganisation(database));
    const s = await createSeries(database.db, { managerId: org.partner.id, reportId: org.self.id });
    meetingId = (await meetingsOf(database.db, s.id))[0]!.id;
  });
  // hr's edits are installation-wide, not per organisation: each test starts from the shipped templates.
  afterEach(async () => {
    await database.db.delete(agendaTemplateEntries);
  });

  it.each(viewers)('GET /api/agenda-templates for %s', async (viewer) => {
    const res = await call<{ items: AgendaTemplate[]; abilities: { manage: boolean } }>(app, 'GET', '/api/agenda-templates', { cookie: cookies[viewer] });
    if (viewer === 'anonymous') return void expectError(res, 401, 'unauthenticated');
    expect(res.status).toBe(200);
    expect(res.body.items.map((t) => t.id)).toEqual(['firstMeeting', 'career', 'growth', 'feedback', 'goalReview', 'condition', 'quarterly']);
    expect(res.body.abilities.manage).toBe(managers.has(viewer));
  });

  it.each(viewers)('POST /api/meetings/{id}/apply-template by %s', async (viewer) => {
    const before = await databaseSnapshot(database.db);
    const res = await call<{ topicIds: string[] }>(app, 'POST', `/api/meetings/${meetingId}/apply-template`, { cookie: cookies[viewer], body: { templateId: 'condition' } });
    if (viewer !== 'self' && viewer !== 'partner') {
      if (viewer === 'anonymous') expectError(res, 401, 'unauthenticated');
      else expectError(res, 404, 'not_found');
      expect(await databaseSnapshot(database.db)).toEqual(before);
      return;
    }
    expect(res.status).toBe(201);
    const rows = await database.db.select().from(topics).where(eq(topics.meetingId, meetingId));
    const added = rows.filter((r) => res.body.topicIds.includes(r.id));
    // The applying person's own shared topics, with category and wanted response, in their language.
    expect(added.map((r) => [r.authorId, r.title, r.category, r.wantedResponse, r.visibility])).toEqual([
      [viewer === 'self' ? org.self.id : org.partner.id, '最近の調子と気になっていること', 'condition', 'listen', 'pair'],
      [viewer === 'self' ? org.self.id : org.partner.id, '仕事量と働き方の調整', 'condition', 'thinkTogether', 'pair'],
    ]);
  });

  it.each(viewers)('PATCH /api/agenda-templates/{id} by %s', async (viewer) => {
    const before = await templates('hr');
    const res = await call<AgendaTemplate>(app, 'PATCH', '/api/agenda-templates/career', { cookie: cookies[viewer], body: { nameEn: `Career (${viewer})` } });
    if (viewer === 'anonymous') expectError(res, 401, 'unauthenticated');
    else if (!managers.has(viewer)) expectError(res, 403, 'forbidden');
    else return void expect(res.body).toMatchObject({ id: 'career', nameEn: `Career (${viewer})`, nameJa: 'キャリア', edited: true });
    expect(await templates('hr')).toEqual(before);
  });

  it('hr rewrites topics and hides a template; applying follows at once; bad input is a 4xx in ja and en', async () => {
    const topicsIn = [{ category: 'goals', wantedResponse: 'decide', ja: '来期の目標を決める', en: "Set next term's goals" }];
    expect((await call(app, 'PATCH', '/api/agenda-templates/goalReview', { cookie: cookies.hr, body: { topics: topicsIn } })).status).toBe(200);
    const applied = await call<{ topicIds: string[] }>(app, 'POST', `/api/meetings/${meetingId}/apply-template`, { cookie: cookies.self, body: { templateId: 'goalReview' }, lang: 'en' });
    const [row] = await database.db.select().from(topics).where(eq(topics.id, applied.body.topicIds[0]!));
    expect(applied.body.topicIds).toHaveLength(1);
    expect(row).toMatchObject({ title: "Set next term's goals", category: 'goals', wantedResponse: 'decide' });

    await call(app, 'PATCH', '/api/agenda-templates/feedback', { cookie: cookies.admin, body: { hidden: true } });
    expect((await templates('self')).items.some((t) => t.id === 'feedback')).toBe(false);
    expect((await templates('hr')).items.find((t) => t.id === 'feedback')?.hidden).toBe(true);
    const before = await databaseSnapshot(database.db);
    const hidden = await call(app, 'POST', `/api/meetings/${meetingId}/apply-template`, { cookie: cookies.self, body: { templateId: 'feedback' } });
    expect(expectError(hidden, 404, 'not_found').message).toBe('テンプレートが見つかりません。');
    expectFields(await call(app, 'POST', `/api/meetings/${meetingId}/apply-template`, { cookie: cookies.self, body: { templateId: 'nope' }, lang: 'en' }), {
      templateId: 'Use one of: firstMeeting, career, growth, feedback, goalReview, condition, quarterly',
    });
    expect(expectError(await call(app, 'PATCH', '/api/agenda-templates/career', { cookie: cookies.hr, body: { topics: [] } }), 400, 'validation').fields?.topics).toBeTruthy();
    expect(await databaseSnapshot(database.db)).toEqual(before);
  });
});
