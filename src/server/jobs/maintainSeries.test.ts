import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../domain/calendar.js';
import { series, topics } from '../db/schema.js';
import { testApp } from '../test/app.js';
import { testDatabase } from '../test/database.js';
import { buildOrganisation, type Organisation } from '../test/factories.js';
import { noDatabase } from '../test/provided.js';
import { createSeries, insertPastMeeting, insertTopic, meetingsOf, tokyoToday } from '../test/series.js';
import { MAINTENANCE_LOCK_KEY, maintainSeries } from './maintainSeries.js';

describe.skipIf(noDatabase)('series maintenance (the work time makes due, so reads never write)', () => {
  const database = testDatabase();
  let org: Organisation;

  beforeAll(async () => {
    org = await buildOrganisation(database.db, testApp(database).services.auth);
  });

  it('extends a window that ran short, once; a second run finds nothing to do', async () => {
    const s = await createSeries(database.db, { managerId: org.partner.id, reportId: org.self.id });
    const before = (await meetingsOf(database.db, s.id)).length;
    // As if the window had last been extended a month ago.
    const short = addDays(tokyoToday(), 60);
    await database.db.update(series).set({ generatedUntil: short }).where(eq(series.id, s.id));
    const first = await maintainSeries(database.db);
    expect(first).toMatchObject({ ran: true });
    expect(first.extended).toBeGreaterThanOrEqual(1);
    const [row] = await database.db.select().from(series).where(eq(series.id, s.id));
    expect(row!.generatedUntil).toBe(addDays(tokyoToday(), 92));
    // The cadence dates that already existed were not duplicated.
    expect((await meetingsOf(database.db, s.id)).length).toBe(before);
    expect(await maintainSeries(database.db)).toMatchObject({ ran: true, extended: 0 });
  });

  it('carries the open topics of a meeting that passed unheld into the next one', async () => {
    const s = await createSeries(database.db, { managerId: org.partner.id, reportId: org.otherReport.id });
    const [next] = await meetingsOf(database.db, s.id);
    const passed = await insertPastMeeting(database.db, { seriesId: s.id, reportId: org.otherReport.id, daysAgo: 2, status: 'scheduled' });
    const open = await insertTopic(database.db, { meetingId: passed, authorId: org.otherReport.id, title: '持ち越し' });
    await maintainSeries(database.db);
    await maintainSeries(database.db);
    const carried = await database.db.select().from(topics).where(eq(topics.meetingId, next!.id));
    expect(carried.map((t) => t.carriedFromId)).toEqual([open]);
  });

  it('runs in one process at a time: while another holds the lock, it does nothing', async () => {
    const s = await createSeries(database.db, { managerId: org.skipLevel.id, reportId: org.partner.id });
    await database.db.update(series).set({ generatedUntil: tokyoToday() }).where(eq(series.id, s.id));
    const other = await database.pool.connect();
    try {
      await other.query('begin');
      await other.query('select pg_advisory_xact_lock($1)', [MAINTENANCE_LOCK_KEY]);
      expect(await maintainSeries(database.db)).toEqual({ ran: false, extended: 0, carried: 0 });
      const [row] = await database.db.select().from(series).where(eq(series.id, s.id));
      expect(row!.generatedUntil).toBe(tokyoToday());
      await other.query('rollback');
    } finally {
      other.release();
    }
    expect(await maintainSeries(database.db)).toMatchObject({ ran: true });
  });
});
