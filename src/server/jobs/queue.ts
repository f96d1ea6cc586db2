import { sql } from 'drizzle-orm';
import PgBoss from 'pg-boss';
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import type { ServerEvents } from '../events.js';
import type { Logger } from '../logger.js';
import { auditLimits } from '../../domain/audit.js';
import { purgeAuditEvents } from '../audit.js';
import { rollUpAnalytics } from '../analytics/rollups.js';
import { snapshotPractice } from '../analytics/formality.js';
import { syncInvitations } from './invitations.js';
import { createMailTransport, deliverPendingMail } from './mail.js';
import { runDueReminders } from './reminders.js';
import { attemptWebhookDelivery, WEBHOOK_MAX_ATTEMPTS } from './webhooks.js';

export const TICK_QUEUE = 'taiwa-tick';
/** The advisory lock under which processes create the queues one at a time (any fixed number of our own). */
const QUEUE_SETUP_LOCK = 0x7461_6977;
export const MAIL_QUEUE = 'taiwa-mail';
export const WEBHOOK_QUEUE = 'taiwa-webhook';
/** Daily removal of audit events past their retention period (ADR 0210). */
export const AUDIT_PURGE_QUEUE = 'taiwa-audit-purge';
/** Hourly: rolls up hr's dashboard for every closed month not rolled up yet (ADR 0216). */
export const ANALYTICS_ROLLUP_QUEUE = 'taiwa-analytics-rollup';

/** The running job queue of one server process. */
export interface Jobs {
  /** Decides what is due at `now`, then hands mails and webhook deliveries to their workers. */
  tick(now?: Date): Promise<void>;
  /** Removes audit events older than the retention period before `now`; answers how many. */
  purgeAudit(now?: Date): Promise<number>;
  /**
   * Rolls up the closed months of hr's dashboard that are not rolled up, sums again per department
   * those a move made out of date, and takes a new snapshot of the practice table; answers which
   * months and how many managers.
   */
  rollUpAnalytics(now?: Date): Promise<{ months: string[]; rows: number; departments: string[]; practiceManagers: number }>;
  /** Stops fetching, lets running jobs finish; called before the database pool closes. */
  stop(): Promise<void>;
}

/**
 * Starts pg-boss on the application's PostgreSQL (schema `pgboss`) with the workers of
 * `src/server/jobs/`. Every process runs the same workers; the reminder tick is a cron job that
 * pg-boss hands to one of them each minute, and every decision is idempotent in the database, so
 * several processes never send the same message twice. `clock` is injectable for tests.
 */
export async function startJobs(props: {
  db: Db;
  connectionString: string;
  config: Pick<Config, 'baseUrl' | 'smtpUrl' | 'mailFrom' | 'webhookRetryDelaySeconds'>;
  log: Logger;
  clock?: () => Date;
  pollingIntervalSeconds?: number;
  /** False leaves out the per-minute cron (tests call `tick` themselves). */
  schedule?: boolean;
  /** Days audit events are kept (config `auditRetentionDays`); two years when not given. */
  auditRetentionDays?: number;
  /** When given, a schedule change or shared minutes starts a run at once instead of at the next minute. */
  events?: ServerEvents;
}): Promise<Jobs> {
  const { db, config, log } = props;
  const clock = props.clock ?? (() => new Date());
  const pollingIntervalSeconds = props.pollingIntervalSeconds ?? 2;
  const boss = new PgBoss({ connectionString: props.connectionString, schema: 'pgboss', max: 3, schedule: props.schedule !== false });
  boss.on('error', (err) => log.error({ err }, 'job queue error'));
  await boss.start();
  // pg-boss 10 drops sends to a queue that was never created, silently. Creating a queue creates its
  // table: processes starting at the same moment on one database would deadlock on that DDL, so they
  // take turns under a transaction-scoped advisory lock (released when the transaction ends).
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${QUEUE_SETUP_LOCK})`);
    await boss.createQueue(TICK_QUEUE, { name: TICK_QUEUE, policy: 'singleton' });
    await boss.createQueue(MAIL_QUEUE, { name: MAIL_QUEUE });
    await boss.createQueue(AUDIT_PURGE_QUEUE, { name: AUDIT_PURGE_QUEUE, policy: 'singleton' });
    await boss.createQueue(ANALYTICS_ROLLUP_QUEUE, { name: ANALYTICS_ROLLUP_QUEUE, policy: 'singleton' });
    await boss.createQueue(WEBHOOK_QUEUE, {
      name: WEBHOOK_QUEUE,
      retryLimit: WEBHOOK_MAX_ATTEMPTS - 1,
      retryDelay: config.webhookRetryDelaySeconds,
      retryBackoff: config.webhookRetryDelaySeconds > 0,
    });
  });
  const transport = createMailTransport(config.smtpUrl);

  const tick = async (now = clock()) => {
    const reminders = await runDueReminders(db, now, config.baseUrl);
    const invitations = await syncInvitations(db, now, config.baseUrl, config.mailFrom);
    await boss.send(MAIL_QUEUE, {});
    for (const id of [...reminders.webhookDeliveryIds, ...invitations.webhookDeliveryIds]) {
      await boss.send(WEBHOOK_QUEUE, { id }, { singletonKey: id });
    }
  };

  const retentionDays = props.auditRetentionDays ?? auditLimits.retentionDaysDefault;
  const purgeAudit = async (now = clock()) => {
    const removed = await purgeAuditEvents(db, now, retentionDays);
    if (removed) log.info({ removed, retentionDays }, 'audit events past retention removed');
    return removed;
  };
  await boss.work(AUDIT_PURGE_QUEUE, { pollingIntervalSeconds }, async () => {
    await purgeAudit();
  });

  const rollUp = async (now = clock()) => {
    const r = await rollUpAnalytics(db, now);
    if (r.months.length || r.departments.length) log.info({ months: r.months, rows: r.rows, departments: r.departments }, 'analytics months rolled up');
    const practiceManagers = await snapshotPractice(db, now);
    return { ...r, practiceManagers };
  };
  await boss.work(ANALYTICS_ROLLUP_QUEUE, { pollingIntervalSeconds }, async () => {
    await rollUp();
  });

  await boss.work(TICK_QUEUE, { pollingIntervalSeconds }, async () => {
    await tick();
  });
  await boss.work(MAIL_QUEUE, { pollingIntervalSeconds }, async () => {
    const r = await deliverPendingMail(db, transport, config.mailFrom);
    if (r.sent || r.outbox || r.failed) log.info(r, 'mail delivered');
  });
  await boss.work<{ id: string }>(WEBHOOK_QUEUE, { pollingIntervalSeconds }, async ([job]) => {
    if (!job) return;
    const outcome = await attemptWebhookDelivery(db, job.data.id, config.baseUrl);
    // Throwing hands the job back to pg-boss, which retries it after the configured backoff.
    if (outcome === 'retry') throw new Error(`webhook delivery ${job.data.id} failed; retrying`);
  });
  if (props.schedule !== false) {
    await boss.schedule(TICK_QUEUE, '* * * * *');
    // Once a day, at a quiet hour (UTC).
    await boss.schedule(AUDIT_PURGE_QUEUE, '17 3 * * *');
    // A month closes at local midnight in the organisation's time zone; within the hour it is rolled up.
    await boss.schedule(ANALYTICS_ROLLUP_QUEUE, '7 * * * *');
    // Catch up at start: the months that closed while stopped, and at first start all of history.
    await boss.send(ANALYTICS_ROLLUP_QUEUE, {});
    // Catch up at start rather than a minute later (reminders missed while stopped, up to a day old).
    await boss.send(TICK_QUEUE, {});
  }
  // A change people expect to see in their calendar or chat goes out within seconds, not at the next
  // minute. The run is the same idempotent tick (the queue's singleton policy runs one at a time), so
  // an extra run never sends anything twice.
  const runSoon = () => {
    boss.send(TICK_QUEUE, {}).catch((err: unknown) => log.warn({ err }, 'could not queue a job run'));
  };
  props.events?.on('scheduleChanged', runSoon);
  props.events?.on('minutesShared', runSoon);

  return {
    tick,
    purgeAudit,
    rollUpAnalytics: rollUp,
    async stop() {
      props.events?.off('scheduleChanged', runSoon);
      props.events?.off('minutesShared', runSoon);
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
      transport?.close();
    },
  };
}
