import { and, eq, ne, sql } from 'drizzle-orm';
import { carryOver } from '../commands/carryOver.js';
import { ensureOccurrences, occurrencesDue } from '../commands/occurrences.js';
import type { Db } from '../db/client.js';
import { meetings, series } from '../db/schema.js';
import type { Logger } from '../logger.js';

/** One number for the whole installation: only one process runs the maintenance at a time. */
export const MAINTENANCE_LOCK_KEY = 0x7461_6977; // 'taiw'

/** How far back a meeting that passed unheld still triggers carry-over (covers missed runs). */
const CARRY_LOOKBACK_DAYS = 8;

export interface MaintenanceResult {
  /** False when another process held the lock (it is doing the same work). */
  ran: boolean;
  extended: number;
  carried: number;
}

/**
 * The work that time alone makes due, so that no read ever has to write (ADR 0140): extends the
 * rolling 92-day window of every active series that runs short, and carries open topics into the
 * next meeting of every series whose meeting passed without being held. Idempotent and safe with
 * several processes (a transaction-scoped advisory lock; the inserts ignore what exists). A plain
 * function, so a timer or a job queue can schedule it.
 */
export async function maintainSeries(db: Db, now = new Date()): Promise<MaintenanceResult> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.execute<{ locked: boolean }>(sql`select pg_try_advisory_xact_lock(${MAINTENANCE_LOCK_KEY}) as locked`);
    if (!rows[0]?.locked) return { ran: false, extended: 0, carried: 0 };
    const active = await tx.select().from(series).where(eq(series.status, 'active'));
    const due = active.filter((s) => occurrencesDue(s, now));
    for (const s of due) await ensureOccurrences(tx, s, now);
    const passed = await tx
      .selectDistinct({ id: meetings.seriesId })
      .from(meetings)
      .innerJoin(series, eq(series.id, meetings.seriesId))
      .where(
        and(
          ne(series.status, 'ended'),
          eq(meetings.status, 'scheduled'),
          sql`${meetings.startsAt} + make_interval(mins => ${meetings.durationMinutes}) <= ${now}`,
          sql`${meetings.startsAt} + make_interval(mins => ${meetings.durationMinutes}) > ${new Date(now.getTime() - CARRY_LOOKBACK_DAYS * 86_400_000)}`,
        ),
      );
    for (const { id } of passed) await carryOver(tx, id, now);
    return { ran: true, extended: due.length, carried: passed.length };
  });
}

/**
 * Runs `maintainSeries` now and then every `intervalMs` in this process (until a job queue takes
 * it over); returns the function that stops it and waits for a run in progress. Failures are
 * logged, never thrown.
 */
export function scheduleMaintenance(db: Db, log: Logger, intervalMs = 10 * 60_000): () => Promise<void> {
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (running) return;
    running = maintainSeries(db)
      .then((r) => {
        if (r.extended || r.carried) log.info(r, 'series maintenance');
      })
      .catch((err: unknown) => log.error({ err }, 'series maintenance failed'))
      .finally(() => {
        running = null;
      });
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
