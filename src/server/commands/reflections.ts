import { and, eq, gte, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  managerReflectionSchema,
  reflectionSummaryDays,
  reportReflectionSchema,
  type reflectionInputSchema,
  type ReflectionSummary,
  type ReflectionView,
} from '../../domain/followUp.js';
import { limits } from '../../domain/limits.js';
import type { Actor } from '../../domain/roles.js';
import type { Db } from '../db/client.js';
import { meetings, reflections, series } from '../db/schema.js';
import { ConflictError, fromZodIssues, NotFoundError } from '../errors.js';
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
      partner = { role: r.role, gained: r.gained, improve: r.improve, updatedAt: r.updatedAt.toISOString() };
    }
  }
  return { meetingId, mine, partner, abilities: { reflect: followUpPolicy.meetingAbilities(actor, row.s, row.m).reflect } };
}

/**
 * The manager's own practice mirror: the average "felt heard" and "useful" of their reports over the
 * last 90 days, only when at least 3 distinct reports contributed (SPEC §2 pair-aggregate).
 */
export async function reflectionSummary(props: { db: Db; actor: Actor; now?: Date }): Promise<ReflectionSummary> {
  const { db, actor } = props;
  const since = new Date((props.now ?? new Date()).getTime() - reflectionSummaryDays * 86_400_000);
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
      and(eq(series.managerId, actor.employeeId), eq(reflections.role, 'report'), eq(reflections.authorId, series.reportId), gte(meetings.startsAt, since)),
    );
  const contributors = agg?.contributors ?? 0;
  const base = { windowDays: reflectionSummaryDays, contributors, minGroup: limits.pairAggregateMinGroup };
  if (!followUpPolicy.ratingsSummaryAllowed(actor, contributors)) return { ...base, suppressed: true };
  const round = (v: string | null | undefined) => (v === null || v === undefined ? null : Math.round(Number(v) * 100) / 100);
  return { ...base, suppressed: false, feltHeard: round(agg?.feltHeard), useful: round(agg?.useful), responses: agg?.responses ?? 0 };
}
