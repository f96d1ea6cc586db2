import { and, eq, gt, lt, sql } from 'drizzle-orm';
import { auditLimits, type AuditAdminAction, type AuditReadAction } from '../domain/audit.js';
import type { AppContext } from './context.js';
import type { Db } from './db/client.js';
import { auditEvents } from './db/schema.js';
import { requireActor } from './api/http.js';

/**
 * The one way to write the audit log (SPEC §2, ADR 0210). Called by a handler after its policy let
 * the caller read, and before it answers: a failed insert throws, so the request fails (500) rather
 * than showing content nobody will see was read.
 */
export const audit = {
  /**
   * A read of `subjectId`'s records. Reading your own is not recorded. The same person opening the
   * same record again within a few minutes (a room refreshing itself) stays one event; one statement.
   */
  async read(c: AppContext, action: AuditReadAction, subjectId: string, targetId: string | null): Promise<void> {
    await recordRead(c.get('services').auditDb, requireActor(c).employeeId, action, subjectId, targetId);
  },

  /**
   * A read of the pair's records (minutes, feedback, the meeting, its history): they are both
   * people's, so a read by one is recorded for the other.
   */
  async readPair(c: AppContext, action: AuditReadAction, s: { managerId: string; reportId: string }, targetId: string | null): Promise<void> {
    const actor = requireActor(c);
    await this.read(c, action, s.managerId === actor.employeeId ? s.reportId : s.managerId, targetId);
  },

  /** An administrative action, after it succeeded; `subjectId` is the person acted on, if any. */
  async admin(c: AppContext, action: AuditAdminAction, subjectId: string | null, targetId: string | null): Promise<void> {
    const actor = requireActor(c);
    await c.get('services').auditDb.insert(auditEvents).values({ actorId: actor.employeeId, subjectId, action, targetId });
  },
};

/** Records that `actorId` read `subjectId`'s records (nothing when they are the same person); see `audit.read`. */
export async function recordRead(db: Db, actorId: string, action: AuditReadAction, subjectId: string, targetId: string | null): Promise<void> {
  if (subjectId === actorId) return;
  const since = sql`now() - make_interval(mins => ${auditLimits.repeatMinutes})`;
  const recent = db
    .select({ one: sql`1` })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.actorId, actorId),
        eq(auditEvents.subjectId, subjectId),
        eq(auditEvents.action, action),
        sql`${auditEvents.targetId} is not distinct from ${targetId}::uuid`,
        gt(auditEvents.at, since),
      ),
    );
  await db.execute(
    sql`insert into ${auditEvents} (actor_id, subject_id, action, target_id)
        select ${actorId}::uuid, ${subjectId}::uuid, ${action}, ${targetId}::uuid
        where not exists (${recent})`,
  );
}

/**
 * Removes audit events older than `retentionDays` before `now` (the daily job). The append-only
 * trigger lets a DELETE through only for rows older than the cutoff set here, in this transaction.
 */
export async function purgeAuditEvents(db: Db, now: Date, retentionDays: number): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionDays * 24 * 3600_000);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('taiwa.audit_purge_before', ${cutoff.toISOString()}, true)`);
    const gone = await tx.delete(auditEvents).where(lt(auditEvents.at, cutoff)).returning({ id: auditEvents.id });
    return gone.length;
  });
}
