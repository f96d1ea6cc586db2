import { z } from 'zod';

/**
 * Talk balance (who spoke how much in a 1on1): measured in each person's own browser from their own
 * microphone, sent as speaking intervals only — never audio (ADR 0190). Both people opt in per
 * meeting and either may stop at any time.
 */

/** How the pair sits: each with their own microphone (headsets, separate rooms) or both in one room. */
export const talkModes = ['headsets', 'oneRoom'] as const;
export type TalkMode = (typeof talkModes)[number];

/** The manager's share above which the room gently cues the manager to listen (percent). */
export const defaultCueShare = 40;

/** One stretch of speech: the clock time of sample 0, first sample, length in samples, rate, mean level (dBFS). */
export const talkIntervalSchema = z
  .object({
    anchor: z.number().int().min(0).describe('Epoch milliseconds of sample 0 of this measurement'),
    start: z.number().int().min(0),
    duration: z.number().int().min(1),
    sampleRate: z.number().int().min(8_000).max(192_000),
    level: z.number().min(-120).max(0).describe('Mean energy of the speech in dBFS (one-room mode gives overlaps to the louder microphone)'),
  })
  .strict()
  .refine((i) => i.duration / i.sampleRate <= 600, { message: 'An interval is at most ten minutes long' });
export type TalkInterval = z.infer<typeof talkIntervalSchema>;

export const talkIntervalsSchema = z.object({ intervals: z.array(talkIntervalSchema).min(1).max(50) }).strict();

/** Opting in or out, and the pair's settings (either side may set the mode and the cue share). */
export const talkSettingsSchema = z
  .object({
    consent: z.boolean().optional(),
    mode: z.enum(talkModes).optional(),
    cueShare: z.number().int().min(10).max(90).optional(),
  })
  .strict();

/** The meeting's talk balance as the pair sees it. */
export const talkBalanceSchema = z.object({
  meetingId: z.string(),
  managerConsent: z.boolean(),
  reportConsent: z.boolean(),
  mode: z.enum(talkModes),
  cueShare: z.number().int(),
  managerMs: z.number().int(),
  reportMs: z.number().int(),
  /** Whether intervals are accepted now: both opted in and the meeting is in progress. */
  measuring: z.boolean(),
});
export type TalkBalance = z.infer<typeof talkBalanceSchema>;

/** The manager's share of the talk, 0–100, or null when nobody spoke. */
export function managerShare(b: { managerMs: number; reportMs: number }): number | null {
  const all = b.managerMs + b.reportMs;
  return all > 0 ? Math.round((b.managerMs / all) * 1000) / 10 : null;
}

/** An interval on the shared clock, attributed to one side. */
export interface TimedSpeech {
  side: 'manager' | 'report';
  from: number;
  to: number;
  level: number;
}

/**
 * Milliseconds of speech per side. With headsets each side's intervals count as they are. In one
 * room both microphones hear both people: where intervals of the two sides overlap, the overlap
 * goes to the louder microphone only (the one nearer the speaker).
 */
export function talkTotals(speech: readonly TimedSpeech[], mode: TalkMode): { managerMs: number; reportMs: number } {
  const sum = (side: TimedSpeech['side']) => speech.filter((s) => s.side === side).reduce((n, s) => n + (s.to - s.from), 0);
  let managerMs = sum('manager');
  let reportMs = sum('report');
  if (mode === 'oneRoom') {
    const manager = speech.filter((s) => s.side === 'manager');
    for (const r of speech.filter((s) => s.side === 'report')) {
      for (const m of manager) {
        const overlap = Math.min(r.to, m.to) - Math.max(r.from, m.from);
        if (overlap <= 0) continue;
        // The quieter microphone heard the other person: the overlap is not its person's speech.
        if (m.level >= r.level) reportMs -= overlap;
        else managerMs -= overlap;
      }
    }
  }
  return { managerMs: Math.round(Math.max(0, managerMs)), reportMs: Math.round(Math.max(0, reportMs)) };
}

/** The manager's trend: their meetings' figures, newest first. */
export const talkTrendSchema = z.object({
  items: z.array(z.object({ meetingId: z.string(), startsAt: z.string(), reportName: z.string(), managerShare: z.number(), cueShare: z.number().int() })),
});

/** hr's view: only an aggregate over enough managers, or why it is withheld. */
export const talkAggregateSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('withheld'), minimum: z.number().int() }),
  z.object({
    status: z.literal('shown'),
    managers: z.number().int(),
    meetings: z.number().int(),
    averageManagerShare: z.number(),
    /** Share of meetings in which the manager stayed at or under the pair's cue share (percent). */
    withinCue: z.number(),
  }),
]);
