import { and, eq, gte, lt, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  managerReflectionSchema,
  reflectionSummaryMonths,
  reportReflectionSchema,
  type reflectionInputSchema,
  type ReflectionSummary,
  type ReflectionView,
} from '../../domain/followUp.js';
import { addMonths, isClosed, latestClosedMonth, monthBounds, monthOf } from '../../domain/aggregates.js';
import type { Actor } from '../../domain/roles.js';
import { organisationTimeZone } from '../analytics/timeZone.js';
import type { Db, Tx } from '../db/client.js';
import { meetings, reflections, series } from '../db/schema.js';
import { ConflictError, fromZodIssues, NotFoundError } from '../errors.js';
import { aggregatePolicy } from '../policies/analytics.js';
import { followUpPolicy } from '../policies/followUp.js';
import { roleIn } from '../policies/series.js';
import { loadMeetingForPair } from '../policies/series.js';
import { meetingForChange } from './changeMeeting.js';

/**
 * Saves the caller's reflection on a meeting whose minutes are shared. Which fields apply depends
 * on the side: the report rates feeling heard and usefulness, the manager their own listening.
 */
export async function saveReflection(props: { db: Db; actor: Actor; meetingId: string; input: z.input<typeof reflectionInputSchema> }) {
  const { db, actor, meetingId, input } = props;
  await db.transaction(async (tx) => {
    const { m, s } = await meetingForChange(tx, actor, meetingId);
    const role = roleIn(actor, s)!;
    const parsed = (role === 'report' ? reportReflectionSchema : managerReflectionSchema).safeParse(input);
    if (!parsed.success) {
      // A field of the other side is named as that field (not as a problem of the whole body).
      const issues = parsed.error.issues.flatMap((i): z.core.$ZodIssue[] => (i.code === 'unrecognized_keys' ? i.keys.map((k) => ({ ...i, path: [k] })) : [i]));
      throw fromZodIssues(issues, input);
    }
    if (!followUpPolicy.meetingAbilities(actor, s, m).reflect) throw new ConflictError('errors.reflectionNotYet');
    const v = parsed.data as { feltHeard?: number; useful?: number; ownListening?: number; gained: string | null; improve: string | null };
    const values = {
      feltHeard: v.feltHeard ?? null,
      useful: v.useful ?? null,
      ownListening: v.ownListening ?? null,
      gained: v.gained,
      improve: v.improve,
    };
    if (role === 'report' && (await ratingsClosed(tx, m.startsAt))) {
      // The month's figures are published: its ratings are final, so no published figure ever moves.
      const [before] = await tx
        .select({ feltHeard: reflections.feltHeard, useful: reflections.useful })
        .from(reflections)
        .where(and(eq(reflections.meetingId, m.id), eq(reflections.authorId, actor.employeeId)));
      if ((before?.feltHeard ?? null) !== values.feltHeard || (before?.useful ?? null) !== values.useful) {
        throw new ConflictError('errors.reflectionPeriodClosed', {}, values.feltHeard !== (before?.feltHeard ?? null) ? 'feltHeard' : 'useful');
      }
    }
    await tx
      .insert(reflections)
      .values({ meetingId: m.id, authorId: actor.employeeId, role, ...values })
      .onConflictDoUpdate({ target: [reflections.meetingId, reflections.authorId], set: { ...values, updatedAt: new Date() } });
  });
}

/**
 * The caller's own reflection in full, and the partner's text only: the report's ratings are
 * pair-aggregate (never shown to the manager one by one) and the manager's listening rating is theirs.
 */
export async function readReflection(props: { db: Db; actor: Actor; meetingId: string }): Promise<ReflectionView> {
  const { db, actor, meetingId } = props;
  const row = await loadMeetingForPair(db, actor, meetingId);
  if (!row) throw new NotFoundError('errors.meetingNotFound');
  const rows = await db.select().from(reflections).where(eq(reflections.meetingId, meetingId));
  let mine: ReflectionView['mine'] = null;
  let partner: ReflectionView['partner'] = null;
  for (const r of rows) {
    const owner = { authorId: r.authorId, role: r.role, pair: row.s };
    if (!followUpPolicy.readPair(actor, row.s, r.authorId)) continue;
    const ratings = followUpPolicy.readReflectionRatings(actor, owner);
    if (r.authorId === actor.employeeId) {
      mine = {
        role: r.role,
        feltHeard: ratings ? r.feltHeard : null,
        useful: ratings ? r.useful : null,
        ownListening: ratings ? r.ownListening : null,
        gained: r.gained,
        improve: r.improve,
        updatedAt: r.updatedAt.toISOString(),
      };
    } else {
      // Deliberately no rating field at all: the partner reads the text of the reflection only.
      partner = { role: r.role, gained: r.gained, improve: r.improve };
    }
  }
  return { meetingId, mine, partner, abilities: { reflect: followUpPolicy.meetingAbilities(actor, row.s, row.m).reflect } };
}

/**
 * The manager's own practice mirror: the average "felt heard" and "useful" of their reports over
 * the last closed quarter (three closed months), only when at least 3 distinct reports contributed
 * (SPEC §2 pair-aggregate). Published per closed month, so one new rating changes nothing the
 * manager sees until its month closes, and by then its ratings are final.
 */
export async function reflectionSummary(props: { db: Db; actor: Actor; now?: Date }): Promise<ReflectionSummary> {
  const { db, actor } = props;
  const now = props.now ?? new Date();
  const timeZone = await organisationTimeZone(db);
  const to = latestClosedMonth(now, timeZone);
  const from = addMonths(to, -(reflectionSummaryMonths - 1));
  const [agg] = await db
    .select({
      contributors: sql<number>`count(distinct ${reflections.authorId})::int`,
      responses: sql<number>`count(*)::int`,
      feltHeard: sql<string | null>`avg(${reflections.feltHeard})`,
      useful: sql<string | null>`avg(${reflections.useful})`,
    })
    .from(reflections)
    .innerJoin(meetings, eq(meetings.id, reflections.meetingId))
    .innerJoin(series, eq(series.id, meetings.seriesId))
    .where(
      and(
        eq(series.managerId, actor.employeeId),
        eq(reflections.role, 'report'),
        eq(reflections.authorId, series.reportId),
        sql`(${reflections.feltHeard} is not null or ${reflections.useful} is not null)`,
        gte(meetings.startsAt, monthBounds(from, timeZone).start),
        lt(meetings.startsAt, monthBounds(to, timeZone).end),
      ),
    );
  const contributors = agg?.contributors ?? 0;
  const base = { from, to, contributors, minGroup: aggregatePolicy.minimum('ownTeam') };
  if (!followUpPolicy.ratingsSummaryAllowed(actor, contributors)) return { ...base, suppressed: true };
  const round = (v: string | null | undefined) => (v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10);
  return { ...base, suppressed: false, feltHeard: round(agg?.feltHeard), useful: round(agg?.useful), responses: agg?.responses ?? 0 };
}

/** Whether the ratings of a meeting are final: its month's figures are published (src/domain/aggregates.ts). */
export async function ratingsClosed(db: Db | Tx, startsAt: Date, now: Date = new Date()): Promise<boolean> {
  const timeZone = await organisationTimeZone(db);
  return isClosed(monthOf(startsAt, timeZone), now, timeZone);
}
