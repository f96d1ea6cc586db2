import { createRoute } from '@hono/zod-openapi';
import { and, asc, countDistinct, desc, eq, gt, lt, sql } from 'drizzle-orm';
import { latestClosedMonth, monthBounds } from '../../../domain/aggregates.js';
import { z } from 'zod';
import { idSchema } from '../../../domain/common.js';
import {
  defaultCueShare,
  managerShare,
  talkAggregateSchema,
  talkBalanceSchema,
  talkIntervalsSchema,
  talkSettingsSchema,
  talkTotals,
  talkTrendSchema,
  type TalkBalance,
} from '../../../domain/talkBalance.js';
import { organisationTimeZone } from '../../analytics/timeZone.js';
import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/client.js';
import { employees, meetings, series, talkBalances, talkIntervals } from '../../db/schema.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../../errors.js';
import { roleIn } from '../../policies/series.js';
import { talkPolicy } from '../../policies/talk.js';
import { errorResponses, json, jsonBody, requireActor, router } from '../http.js';
import { loadMeetingForPair } from '../series/load.js';

const tags = ['talk balance'];
const idParams = z.object({ id: idSchema });

const getTalk = createRoute({
  method: 'get',
  path: '/meetings/{id}/talk',
  tags,
  summary: 'The meeting’s talk balance (the pair): who consented, the mode, the cue share and milliseconds of speech per side',
  request: { params: idParams },
  responses: { 200: json(talkBalanceSchema, 'Talk balance'), ...errorResponses },
});
const putTalk = createRoute({
  method: 'put',
  path: '/meetings/{id}/talk',
  tags,
  summary: 'Opt in or out of measuring (for oneself), or set the pair’s mode and cue share, before or during the meeting',
  request: { params: idParams, body: jsonBody(talkSettingsSchema) },
  responses: { 200: json(talkBalanceSchema, 'Talk balance'), ...errorResponses },
});
const postIntervals = createRoute({
  method: 'post',
  path: '/meetings/{id}/talk/intervals',
  tags,
  summary: 'Add the caller’s own speaking intervals (timing and level only, never audio) while both measure',
  description: 'Each interval is counted in samples of the caller’s microphone from `anchor`, the clock time of sample 0. The partner’s room is told to refetch the figure.',
  request: { params: idParams, body: jsonBody(talkIntervalsSchema) },
  responses: { 200: json(talkBalanceSchema, 'Talk balance'), ...errorResponses },
});
const trend = createRoute({
  method: 'get',
  path: '/me/talk-trend',
  tags,
  summary: 'The caller’s share of the talk in the meetings they ran as manager, newest first (only their own)',
  responses: { 200: json(talkTrendSchema, 'Trend'), ...errorResponses },
});
const aggregate = createRoute({
  method: 'get',
  path: '/talk-balance/aggregate',
  tags,
  summary: 'hr/admin: the managers’ average share of the talk, only over five managers or more (withheld otherwise)',
  responses: { 200: json(talkAggregateSchema, 'Aggregate or withheld'), ...errorResponses },
});

type Row = NonNullable<Awaited<ReturnType<typeof loadMeetingForPair>>>;

async function balanceOf(db: Tx, meetingId: string) {
  const [b] = await db.select().from(talkBalances).where(eq(talkBalances.meetingId, meetingId));
  return b ?? { managerConsent: false, reportConsent: false, mode: 'headsets' as const, cueShare: defaultCueShare, managerMs: 0, reportMs: 0 };
}

/** The measured split of a meeting's speech, or null when the pair did not measure it. */
export async function talkFigureOf(db: Tx, meetingId: string): Promise<{ managerShare: number; seconds: number } | null> {
  const b = await balanceOf(db, meetingId);
  const share = managerShare(b);
  return share === null ? null : { managerShare: share, seconds: Math.round((b.managerMs + b.reportMs) / 1000) };
}

function present(row: Row, b: Awaited<ReturnType<typeof balanceOf>>): TalkBalance {
  return {
    meetingId: row.m.id,
    managerConsent: b.managerConsent,
    reportConsent: b.reportConsent,
    mode: b.mode,
    cueShare: b.cueShare,
    managerMs: b.managerMs,
    reportMs: b.reportMs,
    measuring: talkPolicy.measuring(row.m, b),
  };
}

async function load(c: AppContext, id: string) {
  const actor = requireActor(c);
  const row = await loadMeetingForPair(c.get('services').db, actor, id);
  // Outsiders cannot tell whether the meeting exists.
  if (!row || !talkPolicy.read(actor, row.s)) throw new NotFoundError('errors.meetingNotFound');
  return { actor, row };
}

const signal = (c: AppContext, row: Row) => c.get('services').rooms.changed(row.s.id, 'talk', row.m.id);

/** The pair's talk balance: consent, intervals in, the figure out; the manager's trend; hr's aggregate. */
export const talkApi = router()
  .openapi(getTalk, async (c) => {
    const { row } = await load(c, c.req.valid('param').id);
    return c.json(present(row, await balanceOf(c.get('services').db, row.m.id)), 200);
  })
  .openapi(putTalk, async (c) => {
    const { actor, row } = await load(c, c.req.valid('param').id);
    if (!talkPolicy.configure(actor, row.s, row.m)) throw new ForbiddenError('errors.talkClosed');
    const { consent, mode, cueShare } = c.req.valid('json');
    const role = roleIn(actor, row.s)!;
    const set = {
      ...(consent === undefined ? {} : role === 'manager' ? { managerConsent: consent } : { reportConsent: consent }),
      ...(mode === undefined ? {} : { mode }),
      ...(cueShare === undefined ? {} : { cueShare }),
    };
    const { db } = c.get('services');
    await db
      .insert(talkBalances)
      .values({ meetingId: row.m.id, ...set })
      .onConflictDoUpdate({ target: talkBalances.meetingId, set: { ...set, updatedAt: new Date() } });
    signal(c, row);
    return c.json(present(row, await balanceOf(db, row.m.id)), 200);
  })
  .openapi(postIntervals, async (c) => {
    const { actor, row } = await load(c, c.req.valid('param').id);
    const { db } = c.get('services');
    const { intervals } = c.req.valid('json');
    const next = await db.transaction(async (tx) => {
      // Locked, so that two sides posting at once both count and the figure is recomputed once each.
      const [b] = await tx.select().from(talkBalances).where(eq(talkBalances.meetingId, row.m.id)).for('update');
      if (!b || !talkPolicy.sendIntervals(actor, row.s, row.m, b)) throw new ConflictError('errors.talkNotMeasuring');
      await tx.insert(talkIntervals).values(
        intervals.map((i) => {
          const fromMs = Math.round(i.anchor + (i.start / i.sampleRate) * 1000);
          return { meetingId: row.m.id, employeeId: actor.employeeId, fromMs, toMs: fromMs + Math.round((i.duration / i.sampleRate) * 1000), level: Math.round(i.level) };
        }),
      );
      const all = await tx.select().from(talkIntervals).where(eq(talkIntervals.meetingId, row.m.id)).orderBy(asc(talkIntervals.fromMs));
      const totals = talkTotals(
        all.map((i) => ({ side: i.employeeId === row.s.managerId ? 'manager' : 'report', from: i.fromMs, to: i.toMs, level: i.level })),
        b.mode,
      );
      const [updated] = await tx.update(talkBalances).set({ ...totals, updatedAt: new Date() }).where(eq(talkBalances.meetingId, row.m.id)).returning();
      return updated!;
    });
    signal(c, row);
    return c.json(present(row, next), 200);
  })
  .openapi(trend, async (c) => {
    const actor = requireActor(c);
    const rows = await c
      .get('services')
      .db.select({ meetingId: meetings.id, startsAt: meetings.startsAt, family: employees.familyName, given: employees.givenName, b: talkBalances })
      .from(talkBalances)
      .innerJoin(meetings, eq(meetings.id, talkBalances.meetingId))
      .innerJoin(series, eq(series.id, meetings.seriesId))
      .innerJoin(employees, eq(employees.id, series.reportId))
      .where(and(eq(series.managerId, actor.employeeId), gt(sql`${talkBalances.managerMs} + ${talkBalances.reportMs}`, 0)))
      .orderBy(desc(meetings.startsAt))
      .limit(20);
    return c.json(
      {
        items: rows.map((r) => ({
          meetingId: r.meetingId,
          startsAt: r.startsAt.toISOString(),
          reportName: `${r.family} ${r.given}`,
          managerShare: managerShare(r.b) ?? 0,
          cueShare: r.b.cueShare,
        })),
      },
      200,
    );
  })
  .openapi(aggregate, async (c) => {
    const actor = requireActor(c);
    if (!talkPolicy.readAggregate(actor)) throw new ForbiddenError('errors.forbidden');
    const measured = gt(sql`${talkBalances.managerMs} + ${talkBalances.reportMs}`, 0);
    // Published per closed month (src/domain/aggregates.ts): a new measurement moves nothing until its month closes.
    const { db } = c.get('services');
    const timeZone = await organisationTimeZone(db);
    const until = monthBounds(latestClosedMonth(new Date(), timeZone), timeZone).end;
    const [agg] = await db
      .select({
        managers: countDistinct(series.managerId),
        meetings: sql<number>`count(*)::int`,
        average: sql<number>`coalesce(avg(100.0 * ${talkBalances.managerMs} / (${talkBalances.managerMs} + ${talkBalances.reportMs})), 0)::float`,
        within: sql<number>`coalesce(avg(case when 100.0 * ${talkBalances.managerMs} / (${talkBalances.managerMs} + ${talkBalances.reportMs}) <= ${talkBalances.cueShare} then 100.0 else 0 end), 0)::float`,
      })
      .from(talkBalances)
      .innerJoin(meetings, eq(meetings.id, talkBalances.meetingId))
      .innerJoin(series, eq(series.id, meetings.seriesId))
      .where(and(measured, lt(meetings.startsAt, until)));
    // SPEC §2: never one manager's figure, nor a group small enough to single one out.
    if (!agg || !talkPolicy.aggregateShown(agg.managers)) return c.json({ status: 'withheld' as const, minimum: talkPolicy.aggregateMinimum }, 200);
    return c.json(
      {
        status: 'shown' as const,
        managers: agg.managers,
        meetings: agg.meetings,
        averageManagerShare: Math.round(agg.average * 10) / 10,
        withinCue: Math.round(agg.within * 10) / 10,
      },
      200,
    );
  });
