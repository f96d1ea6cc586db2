import { beforeAll, describe, expect, it } from 'vitest';
import type { Coaching } from '../../../domain/coaching.js';
import { call, testApp } from '../../test/app.js';
import { testDatabase } from '../../test/database.js';
import { expectError } from '../../test/expect.js';
import { type Organisation, signedInOrganisation } from '../../test/factories.js';
import { noDatabase } from '../../test/provided.js';
import { createSeries, insertPastMeeting, insertTopic, meetingsOf } from '../../test/series.js';
import { tipCatalog } from '../../guidance/tips.js';

type Viewer = 'self' | 'partner' | 'otherReport' | 'skipLevel' | 'hr' | 'admin' | 'anonymous';
const viewers: Viewer[] = ['self', 'partner', 'otherReport', 'skipLevel', 'hr', 'admin', 'anonymous'];

/** Every sentence written for the manager, in both languages. */
const managerWords = tipCatalog.filter((t) => t.audience === 'manager').flatMap((t) => [t.ja.title, t.ja.body, t.en.title, t.en.body, ...(t.ja.examples ?? []), ...(t.en.examples ?? [])]);
/** Every string in a response, however deep. */
const strings = (v: unknown): string[] => (typeof v === 'string' ? [v] : v && typeof v === 'object' ? Object.values(v).flatMap(strings) : []);
const reportWords = tipCatalog.filter((t) => t.audience === 'report').flatMap((t) => [t.ja.title, t.ja.body, t.en.title, t.en.body]);

describe.skipIf(noDatabase)('coaching API', () => {
  const database = testDatabase();
  let app: ReturnType<typeof testApp>['app'];
  let org: Organisation;
  let cookies: Record<Viewer, string | null>;
  let first: string;
  let quiet: string;

  beforeAll(async () => {
    ({ app, org, cookies } = await signedInOrganisation(database));
    // A new series: its first meeting has no earlier one.
    const fresh = await createSeries(database.db, { managerId: org.partner.id, reportId: org.self.id });
    first = (await meetingsOf(database.db, fresh.id))[0]!.id;
    // Another pair history: two held meetings where the report brought nothing (only the manager did).
    const older = await createSeries(database.db, { managerId: org.partner.id, reportId: org.otherReport.id });
    quiet = (await meetingsOf(database.db, older.id))[0]!.id;
    for (const daysAgo of [14, 7]) {
      const past = await insertPastMeeting(database.db, { seriesId: older.id, reportId: org.otherReport.id, daysAgo });
      await insertTopic(database.db, { meetingId: past, authorId: org.partner.id, title: '進捗確認' });
    }
    // A private draft of the report does not count for the manager (and is not revealed by a tip).
    await insertTopic(database.db, { meetingId: first, authorId: org.self.id, title: '下書き', visibility: 'private' });
  });

  it.each(viewers)('GET /api/meetings/{id}/coaching for %s', async (viewer) => {
    const res = await call<Coaching>(app, 'GET', `/api/meetings/${first}/coaching`, { cookie: cookies[viewer] });
    if (viewer === 'anonymous') return void expectError(res, 401, 'unauthenticated');
    if (viewer !== 'self' && viewer !== 'partner') return void expectError(res, 404, 'not_found');
    expect(res.status).toBe(200);
    const side = viewer === 'self' ? 'report' : 'manager';
    expect(res.body.audience).toBe(side);
    const ids = [...res.body.general, ...Object.values(res.body.forTopic), ...res.body.situational].map((t) => t.id);
    expect(ids.length).toBeGreaterThan(8);
    expect(ids.every((id) => id.startsWith(side === 'report' ? 'r.' : 'm.'))).toBe(true);
  });

  it('a report never receives a tip written for the manager, in either language, in any situation', async () => {
    for (const meeting of [first, quiet]) {
      for (const lang of ['ja', 'en'] as const) {
        const viewer = meeting === first ? 'self' : 'otherReport';
        const res = await call<Coaching>(app, 'GET', `/api/meetings/${meeting}/coaching`, { cookie: cookies[viewer], lang });
        expect(res.status).toBe(200);
        const received = strings(res.body);
        expect(received.length).toBeGreaterThan(20);
        for (const w of managerWords) expect(received).not.toContain(w);
        const mgr = strings((await call<Coaching>(app, 'GET', `/api/meetings/${meeting}/coaching`, { cookie: cookies.partner, lang })).body);
        for (const w of reportWords) expect(mgr).not.toContain(w);
      }
    }
  });

  it('fits the situation: the first 1on1, no topics from the report, the tip by wanted response, both languages', async () => {
    const ja = (await call<Coaching>(app, 'GET', `/api/meetings/${first}/coaching`, { cookie: cookies.partner })).body;
    expect(ja.situational.map((t) => t.id)).toEqual(['m.firstMeeting', 'm.noReportTopics']);
    expect(ja.forTopic.listen.title).toMatch(/聞いてほしい/);
    expect(ja.quietKit).toBeNull();
    const en = (await call<Coaching>(app, 'GET', `/api/meetings/${first}/coaching`, { cookie: cookies.partner, lang: 'en' })).body;
    expect(en.forTopic.listen.title).toBe('Just listen: hold the advice');
    // The report's own draft counts for the report: no "no topics yet" nudge.
    const report = (await call<Coaching>(app, 'GET', `/api/meetings/${first}/coaching`, { cookie: cookies.self })).body;
    expect(report.situational.map((t) => t.id)).toEqual(['r.firstMeeting']);
  });

  it('offers the quiet-report kit after two meetings without topics from the report, each side its own part', async () => {
    const manager = (await call<Coaching>(app, 'GET', `/api/meetings/${quiet}/coaching`, { cookie: cookies.partner })).body;
    expect(manager.situational).toEqual([]);
    expect(manager.quietKit?.tip.id).toBe('m.quietReport');
    expect(manager.quietKit?.themes.length).toBeGreaterThan(2);
    expect(manager.quietKit?.icebreakers.every((q) => q.category === 'icebreaker')).toBe(true);
    expect(manager.quietKit?.topicIdeas).toEqual([]);
    const report = (await call<Coaching>(app, 'GET', `/api/meetings/${quiet}/coaching`, { cookie: cookies.otherReport, lang: 'en' })).body;
    expect(report.quietKit).toMatchObject({ tip: { id: 'r.quietReport' }, themes: [], icebreakers: [] });
    expect(report.quietKit?.topicIdeas[0]).toBe('Something that went well lately, and why');
  });

  it('an unknown or malformed meeting id is a 404 / 400', async () => {
    expectError(await call(app, 'GET', '/api/meetings/00000000-0000-4000-8000-000000000000/coaching', { cookie: cookies.partner }), 404, 'not_found');
    expectError(await call(app, 'GET', '/api/meetings/nope/coaching', { cookie: cookies.partner }), 400, 'validation');
  });
});
