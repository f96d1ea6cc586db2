import { and, asc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Minutes } from '../../domain/followUp.js';
import type { Actor } from '../../domain/roles.js';
import type { Db, Tx } from '../db/client.js';
import { employees, meetings, minutes, minutesRevisions, series } from '../db/schema.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.js';
import { followUpPolicy } from '../policies/followUp.js';
import { roleIn } from '../policies/series.js';
import { meetingForChange } from './changeMeeting.js';

/** Loads a meeting's minutes for a change, locked with the meeting; 404 when none exist yet. */
async function minutesForChange(tx: Tx, actor: Actor, meetingId: string) {
  const { m, s } = await meetingForChange(tx, actor, meetingId);
  const [row] = await tx.select().from(minutes).where(eq(minutes.meetingId, m.id)).for('update');
  if (!row) throw new NotFoundError('errors.minutesNotFound');
  return { m, s, row, abilities: followUpPolicy.minutesAbilities(actor, s, m, row) };
}

/** Either side edits the draft; shared minutes are read-only (corrections make new versions). */
export async function saveMinutesDraft(props: { db: Db; actor: Actor; meetingId: string; body: string; baseUpdatedAt?: string }) {
  await props.db.transaction(async (tx) => {
    const { row, abilities } = await minutesForChange(tx, props.actor, props.meetingId);
    if (!abilities.edit) throw new ConflictError(row.status === 'draft' ? 'errors.meetingNotOpen' : 'errors.minutesShared');
    // Both sides may edit the draft: an edit based on an older draft must not silently replace the partner's.
    if (props.baseUpdatedAt && new Date(props.baseUpdatedAt).getTime() !== row.updatedAt.getTime()) {
      throw new ConflictError('errors.minutesChanged', {}, 'body');
    }
    await tx.update(minutes).set({ body: props.body }).where(eq(minutes.meetingId, row.meetingId));
  });
}

/** Either side shares the draft with the pair: the meeting becomes shared and version 1 is recorded. */
export async function shareMinutes(props: { db: Db; actor: Actor; meetingId: string; now?: Date }) {
  const now = props.now ?? new Date();
  await props.db.transaction(async (tx) => {
    const { m, row, abilities } = await minutesForChange(tx, props.actor, props.meetingId);
    if (!abilities.share) throw new ConflictError(row.status === 'draft' ? 'errors.meetingNotOpen' : 'errors.minutesShared');
    await tx.update(minutes).set({ status: 'shared', version: 1, sharedAt: now, sharedById: props.actor.employeeId }).where(eq(minutes.meetingId, m.id));
    await tx.insert(minutesRevisions).values({ meetingId: m.id, version: 1, body: row.body, authorId: props.actor.employeeId, reason: null });
    await tx.update(meetings).set({ status: 'shared' }).where(eq(meetings.id, m.id));
  });
}

/** The report acknowledges the shared minutes, optionally with a comment; the meeting becomes acknowledged. */
export async function acknowledgeMinutes(props: { db: Db; actor: Actor; meetingId: string; comment: string | null; now?: Date }) {
  const now = props.now ?? new Date();
  await props.db.transaction(async (tx) => {
    const { m, s, row, abilities } = await minutesForChange(tx, props.actor, props.meetingId);
    if (roleIn(props.actor, s) !== 'report') throw new ForbiddenError('errors.reportOnly');
    if (!abilities.acknowledge) throw new ConflictError(row.status === 'draft' ? 'errors.minutesNotShared' : 'errors.minutesAcknowledged');
    await tx.update(minutes).set({ status: 'acknowledged', acknowledgedAt: now, reportComment: props.comment }).where(eq(minutes.meetingId, m.id));
    await tx.update(meetings).set({ status: 'acknowledged' }).where(eq(meetings.id, m.id));
  });
}

/** Either side corrects shared minutes: a new version with its reason; every earlier version stays in the history. */
export async function correctMinutes(props: { db: Db; actor: Actor; meetingId: string; body: string; reason: string }) {
  await props.db.transaction(async (tx) => {
    const { m, row, abilities } = await minutesForChange(tx, props.actor, props.meetingId);
    if (!abilities.correct) throw new ConflictError('errors.minutesNotShared');
    const version = row.version + 1;
    await tx.insert(minutesRevisions).values({ meetingId: m.id, version, body: props.body, authorId: props.actor.employeeId, reason: props.reason });
    await tx.update(minutes).set({ body: props.body, version }).where(eq(minutes.meetingId, m.id));
  });
}

const sharer = alias(employees, 'sharer');
const author = alias(employees, 'rev_author');
const person = <T extends typeof sharer | typeof author>(t: T) => ({ id: t.id, familyName: t.familyName, givenName: t.givenName, title: t.title });

/** A meeting's minutes as the pair reads them; null when the meeting has none (or the caller is not of the pair). */
export async function loadMinutes(db: Tx, actor: Actor, meetingId: string): Promise<(Minutes & { startsAt: Date; timeZone: string }) | null> {
  const [r] = await db
    .select({ mi: minutes, m: meetings, s: series, sharedBy: person(sharer) })
    .from(minutes)
    .innerJoin(meetings, eq(meetings.id, minutes.meetingId))
    .innerJoin(series, eq(series.id, meetings.seriesId))
    .leftJoin(sharer, eq(sharer.id, minutes.sharedById))
    .where(and(eq(minutes.meetingId, meetingId), followUpPolicy.pairWhere(actor)));
  if (!r || !followUpPolicy.readPair(actor, r.s)) return null;
  return {
    meetingId: r.mi.meetingId,
    body: r.mi.body,
    status: r.mi.status,
    version: r.mi.version,
    sharedAt: r.mi.sharedAt?.toISOString() ?? null,
    // A left join: Drizzle gives null for the whole person when the minutes are not shared yet.
    sharedBy: r.sharedBy?.id
      ? { id: r.sharedBy.id, familyName: r.sharedBy.familyName ?? '', givenName: r.sharedBy.givenName ?? '', title: r.sharedBy.title }
      : null,
    acknowledgedAt: r.mi.acknowledgedAt?.toISOString() ?? null,
    reportComment: r.mi.reportComment,
    updatedAt: r.mi.updatedAt.toISOString(),
    abilities: followUpPolicy.minutesAbilities(actor, r.s, r.m, r.mi),
    startsAt: r.m.startsAt,
    timeZone: r.s.timeZone,
  };
}

/** Every shared version of a meeting's minutes, oldest first (the pair only). */
export async function loadRevisions(db: Tx, actor: Actor, meetingId: string) {
  const rows = await db
    .select({ r: minutesRevisions, s: series, author: person(author) })
    .from(minutesRevisions)
    .innerJoin(meetings, eq(meetings.id, minutesRevisions.meetingId))
    .innerJoin(series, eq(series.id, meetings.seriesId))
    .innerJoin(author, eq(author.id, minutesRevisions.authorId))
    .where(and(eq(minutesRevisions.meetingId, meetingId), followUpPolicy.pairWhere(actor)))
    .orderBy(asc(minutesRevisions.version));
  return rows
    .filter((x) => followUpPolicy.readPair(actor, x.s, x.r.authorId))
    .map((x) => ({ version: x.r.version, body: x.r.body, author: x.author, reason: x.r.reason, createdAt: x.r.createdAt.toISOString() }));
}

/** The names of the pair, for the title of an export. */
export async function pairNames(db: Tx, s: { managerId: string; reportId: string }) {
  const rows = await db
    .select({ id: employees.id, name: sql<string>`${employees.familyName} || ' ' || ${employees.givenName}` })
    .from(employees)
    .where(sql`${employees.id} in (${s.managerId}, ${s.reportId})`);
  return { manager: rows.find((r) => r.id === s.managerId)?.name ?? '', report: rows.find((r) => r.id === s.reportId)?.name ?? '' };
}
