import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createServerEvents } from '../events.js';
import { silentLog } from '../test/app.js';
import { testDatabase } from '../test/database.js';
import { noDatabase } from '../test/provided.js';
import { startJobs, TICK_QUEUE, type Jobs } from './queue.js';

describe.skipIf(noDatabase)('the job queue', () => {
  const database = testDatabase();

  // Several processes of one installation start together after a deploy. Creating the queues makes
  // tables; done by all at once on a fresh database it used to fail with "deadlock detected".
  it('four processes starting at once on a fresh database all start', { timeout: 120_000 }, async () => {
    const config = { baseUrl: 'http://127.0.0.1:1', smtpUrl: null, mailFrom: 'taiwa@example.test', webhookRetryDelaySeconds: 0 };
    const started = await Promise.allSettled(
      Array.from({ length: 4 }, () => startJobs({ db: database.db, connectionString: database.url, config, log: silentLog, schedule: false, pollingIntervalSeconds: 0.5 })),
    );
    const jobs = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    await Promise.all(jobs.map((j: Jobs) => j.stop()));
    expect(started.map((s) => (s.status === 'fulfilled' ? 'started' : String(s.reason)))).toEqual(['started', 'started', 'started', 'started']);
  });

  // Without a cron (schedule: false) nothing runs by itself; a schedule change or shared minutes start
  // a run at once, so calendars and webhooks hear of them within seconds rather than at the next minute.
  it('a schedule change or shared minutes start a run at once', { timeout: 60_000 }, async () => {
    const config = { baseUrl: 'http://127.0.0.1:1', smtpUrl: null, mailFrom: 'taiwa@example.test', webhookRetryDelaySeconds: 0 };
    const events = createServerEvents();
    const jobs = await startJobs({ db: database.db, connectionString: database.url, config, log: silentLog, schedule: false, pollingIntervalSeconds: 0.5, events });
    const completedRuns = async () => {
      const r = await database.db.execute<{ n: number }>(sql`select count(*)::int as n from pgboss.job where name = ${TICK_QUEUE} and state = 'completed'`);
      return r.rows[0]!.n;
    };
    try {
      expect(await completedRuns()).toBe(0);
      events.emit('scheduleChanged');
      await expect.poll(completedRuns, { timeout: 20_000, interval: 250 }).toBe(1);
      events.emit('minutesShared', '00000000-0000-0000-0000-000000000000');
      await expect.poll(completedRuns, { timeout: 20_000, interval: 250 }).toBe(2);
    } finally {
      await jobs.stop();
    }
    // Once stopped it no longer listens.
    expect(events.listenerCount('scheduleChanged')).toBe(0);
  });
});
