import { and, desc, eq, inArray, lt } from 'drizzle-orm';
import type { Tx } from './client.js';
import { auditEvents, employees, goals, meetings, series } from './schema.js';

const hour = 3_600_000;

/**
 * The audit log of the demo organisation (ADR 0210), as the product would have written it: the
 * manager opened the member's prep brief the day before their last 1on1, the minutes after it and
 * the member's goal since; the admin opened a record and changed the newcomer's title.
 */
export async function seedDemoAudit(tx: Tx, opts: { now: Date }): Promise<void> {
  const people = await tx
    .select({ id: employees.id, email: employees.email })
    .from(employees)
    .where(inArray(employees.email, ['member@demo.example', 'manager@demo.example', 'admin@demo.example', 'newcomer@demo.example']));
  const id = (email: string) => people.find((p) => p.email === email)?.id;
  const [member, manager, admin, newcomer] = ['member', 'manager', 'admin', 'newcomer'].map((k) => id(`${k}@demo.example`));
  if (!member || !manager || !admin || !newcomer) return;
  const [s] = await tx.select().from(series).where(and(eq(series.reportId, member), eq(series.managerId, manager)));
  if (!s) return;
  const [last] = await tx
    .select()
    .from(meetings)
    .where(and(eq(meetings.seriesId, s.id), lt(meetings.startsAt, opts.now), eq(meetings.status, 'shared')))
    .orderBy(desc(meetings.startsAt))
    .limit(1);
  const [goal] = await tx.select({ id: goals.id }).from(goals).where(eq(goals.ownerId, member)).limit(1);
  const rows: (typeof auditEvents.$inferInsert)[] = [];
  if (last) {
    const at = last.startsAt.getTime();
    rows.push({ actorId: manager, subjectId: member, action: 'prepBrief.read', targetId: last.id, at: new Date(at - 20 * hour) });
    rows.push({ actorId: manager, subjectId: member, action: 'minutes.read', targetId: last.id, at: new Date(at + 2 * hour) });
  }
  if (goal) rows.push({ actorId: manager, subjectId: member, action: 'goals.read', targetId: goal.id, at: new Date(opts.now.getTime() - 5 * hour) });
  rows.push({ actorId: admin, subjectId: newcomer, action: 'employee.read', targetId: newcomer, at: new Date(opts.now.getTime() - 50 * hour) });
  rows.push({ actorId: admin, subjectId: newcomer, action: 'employee.update', targetId: newcomer, at: new Date(opts.now.getTime() - 49 * hour) });
  await tx.insert(auditEvents).values(rows);
}
