import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { meetings } from '../db/schema.js';
import type { Series } from '../../domain/series.js';
import { call, testApp } from '../test/app.js';
import { countQueries, testDatabase } from '../test/database.js';
import { signInAll, type Organisation, signedInOrganisation } from '../test/factories.js';
import { noDatabase } from '../test/provided.js';
import { insertPastMeeting, meetingsOf, weeklySchedule } from '../test/series.js';

/**
 * The statement budget of the main reads (ADR 0220): how many SQL statements one request sends,
 * session and actor included (begin/commit not counted, as `npm run bench` counts them). A read
 * that grows a statement per part of its page fails here, whatever the data.
 */
describe.skipIf(noDatabase)('statements per main read', () => {
  const database = testDatabase();
  let app: ReturnType<typeof testApp>['app'];
  let org: Organisation;
  let cookies: Awaited<ReturnType<typeof signInAll>>;
  let meetingId: string;

  beforeAll(async () => {
    ({ app, org, cookies } = await signedInOrganisation(database));
    const created = await call<Series>(app, 'POST', '/api/series', { cookie: cookies.partner, body: { reportId: org.self.id, schedule: weeklySchedule(1) } });
    expect(created.status).toBe(201);
    meetingId = (await meetingsOf(database.db, created.body.id))[0]!.id;
    // A held meeting before it, with topics of both people (one a private draft) and a check-in.
    const past = await insertPastMeeting(database.db, { seriesId: created.body.id, reportId: org.self.id, daysAgo: 7, score: 4 });
    for (const [cookie, visibility] of [
      [cookies.self, 'pair'],
      [cookies.self, 'private'],
      [cookies.partner, 'pair'],
    ] as const) {
      const res = await call(app, 'POST', `/api/meetings/${meetingId}/topics`, { cookie, body: { title: `話題 ${visibility}`, category: 'career', wantedResponse: 'listen', visibility } });
      expect(res.status).toBe(201);
    }
    expect(past).toBeTruthy();
  });

  const statements = async (cookie: string | null, path: string) => {
    await call(app, 'GET', path, { cookie }); // warm-up
    const { result, queries } = await countQueries(database.pool, () => call<unknown>(app, 'GET', path, { cookie }));
    expect(result.status).toBe(200);
    return queries.filter((q) => !/^\s*(begin|commit|rollback)\b/i.test(q));
  };

  it('/api/me: the session and one statement', async () => {
    expect((await statements(cookies.partner, '/api/me')).length).toBeLessThanOrEqual(2);
  });

  it("the meeting's read: the session, one statement and the audit record", async () => {
    expect((await statements(cookies.partner, `/api/meetings/${meetingId}`)).length).toBeLessThanOrEqual(3);
    expect((await statements(cookies.self, `/api/meetings/${meetingId}`)).length).toBeLessThanOrEqual(3);
  });

  it("the prep brief: the session, the meeting's read, the audit record and one statement for the rest", async () => {
    expect((await statements(cookies.partner, `/api/meetings/${meetingId}/prep-brief`)).length).toBeLessThanOrEqual(4);
  });

  it("the pair's history: the session, the series, the audit record and one statement for the page", async () => {
    const [s] = await database.db.select({ id: meetings.seriesId }).from(meetings).where(eq(meetings.id, meetingId));
    expect((await statements(cookies.partner, `/api/series/${s!.id}/history`)).length).toBeLessThanOrEqual(4);
  });

  it('/api/home: the session and three statements for a manager (with their signals), two for a report', async () => {
    expect((await statements(cookies.partner, '/api/home')).length).toBeLessThanOrEqual(4);
    expect((await statements(cookies.self, '/api/home')).length).toBeLessThanOrEqual(3);
  });
});
