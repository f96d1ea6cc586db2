import { describe, expect, it } from 'vitest';
import { silentLog } from '../test/app.js';
import { testDatabase } from '../test/database.js';
import { noDatabase } from '../test/provided.js';
import { startJobs, type Jobs } from './queue.js';

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
});
