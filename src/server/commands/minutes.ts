import { and, asc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Minutes } from '../../domain/followUp.js';
import type { Locale } from '../../domain/limits.js';
import { minutesDocumentFromText, minutesMarkdown, type MinutesNode } from '../../domain/minutesDocument.js';
import type { Actor } from '../../domain/roles.js';
import { documentOfState } from '../collaboration/minutesDocument.js';
import type { Db, Tx } from '../db/client.js';
import { employees, meetings, minutes, minutesDocuments, minutesRevisions, series } from '../db/schema.js';
import { personColumns } from '../db/json.js';
import type { ServerEvents } from '../events.js';
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

/**
 * The minutes document as it stands: the frozen version once shared; while a draft, the live
 * document's stored state (every acknowledged edit is in it); text-only minutes as paragraphs.
 */
async function currentDocument(db: Tx, row: { meetingId: string; status: string; body: string; content: MinutesNode | null }): Promise<MinutesNode> {
  if (row.status !== 'draft' && row.content) return row.content;
  if (row.status === 'draft') {
    const [live] = await db.select({ state: minutesDocuments.state }).from(minutesDocuments).where(eq(minutesDocuments.meetingId, row.meetingId));
    if (live) return documentOfState(live.state);
  }
  return minutesDocumentFromText(row.body);
}

/**
 * Either side shares the draft with the pair: the live document is frozen as version 1 (its
 * editors are disconnected: `minutesShared`), the meeting becomes shared. The minutes row is
 * locked FOR UPDATE, so an edit being committed either lands before the freeze or is refused.
 */
export async function shareMinutes(props: { db: Db; actor: Actor; meetingId: string; locale: Locale; events?: ServerEvents; now?: Date }) {
  const now = props.now ?? new Date();
  await props.db.transaction(async (tx) => {
    const { m, row, abilities } = await minutesForChange(tx, props.actor, props.meetingId);
    if (!abilities.share) throw new ConflictError(row.status === 'draft' ? 'errors.meetingNotOpen' : 'errors.minutesShared');
    const content = await currentDocument(tx, row);
    const body = minutesMarkdown(content, props.locale);
    await tx.update(minutes).set({ status: 'shared', version: 1, body, content, sharedAt: now, sharedById: props.actor.employeeId }).where(eq(minutes.meetingId, m.id));
    await tx.insert(minutesRevisions).values({ meetingId: m.id, version: 1, body, content, authorId: props.actor.employeeId, reason: null });
    await tx.update(meetings).set({ status: 'shared' }).where(eq(meetings.id, m.id));
  });
  props.events?.emit('minutesShared', props.meetingId);
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
export async function correctMinutes(props: { db: Db; actor: Actor; meetingId: string; content: MinutesNode; reason: string; locale: Locale }) {
  const body = minutesMarkdown(props.content, props.locale);
  await props.db.transaction(async (tx) => {
    const { m, row, abilities } = await minutesForChange(tx, props.actor, props.meetingId);
    if (!abilities.correct) throw new ConflictError('errors.minutesNotShared');
    const version = row.version + 1;
    await tx.insert(minutesRevisions).values({ meetingId: m.id, version, body, content: props.content, authorId: props.actor.employeeId, reason: props.reason });
    await tx.update(minutes).set({ body, content: props.content, version }).where(eq(minutes.meetingId, m.id));
  });
}

const sharer = alias(employees, 'sharer');
const author = alias(employees, 'rev_author');

/** A meeting's minutes as the pair reads them; null when the meeting has none (or the caller is not of the pair). */
export async function loadMinutes(db: Tx, actor: Actor, meetingId: string, locale: Locale): Promise<(Minutes & { startsAt: Date; timeZone: string }) | null> {
  const [r] = await db
    .select({ mi: minutes, m: meetings, s: series, sharedBy: personColumns(sharer) })
    .from(minutes)
    .innerJoin(meetings, eq(meetings.id, minutes.meetingId))
    .innerJoin(series, eq(series.id, meetings.seriesId))
    .leftJoin(sharer, eq(sharer.id, minutes.sharedById))
    .where(and(eq(minutes.meetingId, meetingId), followUpPolicy.pairWhere(actor)));
  if (!r || !followUpPolicy.readPair(actor, r.s)) return null;
  const content = await currentDocument(db, r.mi);
  return {
    meetingId: r.mi.meetingId,
    content,
    body: minutesMarkdown(content, locale),
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
export async function loadRevisions(db: Tx, actor: Actor, meetingId: string, locale: Locale) {
  const rows = await db
    .select({ r: minutesRevisions, s: series, author: personColumns(author) })
    .from(minutesRevisions)
    .innerJoin(meetings, eq(meetings.id, minutesRevisions.meetingId))
    .innerJoin(series, eq(series.id, meetings.seriesId))
    .innerJoin(author, eq(author.id, minutesRevisions.authorId))
    .where(and(eq(minutesRevisions.meetingId, meetingId), followUpPolicy.pairWhere(actor)))
    .orderBy(asc(minutesRevisions.version));
  return rows
    .filter((x) => followUpPolicy.readPair(actor, x.s, x.r.authorId))
    .map((x) => {
      const content = x.r.content ?? minutesDocumentFromText(x.r.body);
      return { version: x.r.version, content, body: minutesMarkdown(content, locale), author: x.author, reason: x.r.reason, createdAt: x.r.createdAt.toISOString() };
    });
}

/** The names of the pair, for the title of an export. */
export async function pairNames(db: Tx, s: { managerId: string; reportId: string }) {
  const rows = await db
    .select({ id: employees.id, name: sql<string>`${employees.familyName} || ' ' || ${employees.givenName}` })
    .from(employees)
    .where(sql`${employees.id} in (${s.managerId}, ${s.reportId})`);
  return { manager: rows.find((r) => r.id === s.managerId)?.name ?? '', report: rows.find((r) => r.id === s.reportId)?.name ?? '' };
}
