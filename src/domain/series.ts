import { z } from 'zod';
import { addDays, daysBetween, daysInMonth, makeDate, weekdayOf, type IsoDate } from './calendar.js';
import { holidayOn, nextWorkingDay } from './holidays.js';
import { idSchema, optionalText, timeZoneSchema } from './common.js';
import { personRefSchema } from './employees.js';
import { reasonMax } from './limits.js';

export const cadences = ['weekly', 'biweekly', 'monthlyDay', 'monthlyWeekday', 'everyNDays'] as const;
export type Cadence = (typeof cadences)[number];
/**
 * `pending`: offered by someone other than the report's primary manager, waiting for the report's
 * yes (SPEC §1); no meetings and nothing shared until then. `declined`: the report said no.
 */
export const seriesStatuses = ['pending', 'active', 'paused', 'ended', 'declined'] as const;
export type SeriesStatus = (typeof seriesStatuses)[number];
export const meetingStatuses = ['scheduled', 'inProgress', 'minutesDraft', 'shared', 'acknowledged', 'cancelled'] as const;
export type MeetingStatus = (typeof meetingStatuses)[number];

/** How many days ahead occurrences are kept generated (a rolling three-month window). */
export const GENERATION_WINDOW_DAYS = 92;

export const purposeMax = 1000;
/** Longest reason for cancelling or moving a meeting (kept in limits.ts so the client reads it without zod). */
export { reasonMax };


const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'time' });
const isoDate = z.iso.date();

/** The rule that places occurrences, as the user set it. */
export const scheduleSchema = z
  .object({
    cadence: z.enum(cadences),
    /** 0 = Sunday … 6 = Saturday; for weekly, biweekly and monthlyWeekday. */
    weekday: z.number().int().min(0).max(6).nullish(),
    /** 1–31 for monthlyDay (clamped to the month's last day). */
    dayOfMonth: z.number().int().min(1).max(31).nullish(),
    /** 1–4, or 5 for the last such weekday, for monthlyWeekday. */
    weekOfMonth: z.number().int().min(1).max(5).nullish(),
    /** 1–90 for everyNDays. */
    intervalDays: z.number().int().min(1).max(90).nullish(),
    startDate: isoDate,
    startTime: time,
    durationMinutes: z.number().int().min(10).max(240).default(30),
    timeZone: timeZoneSchema.default('Asia/Tokyo'),
  })
  .superRefine((s, ctx) => {
    const need = (field: 'weekday' | 'dayOfMonth' | 'weekOfMonth' | 'intervalDays') => {
      if (s[field] === undefined || s[field] === null) ctx.addIssue({ code: 'custom', path: [field], message: 'required' });
    };
    if (s.cadence === 'weekly' || s.cadence === 'biweekly') need('weekday');
    if (s.cadence === 'monthlyDay') need('dayOfMonth');
    if (s.cadence === 'monthlyWeekday') {
      need('weekday');
      need('weekOfMonth');
    }
    if (s.cadence === 'everyNDays') need('intervalDays');
  });
export type Schedule = z.output<typeof scheduleSchema>;

/** One generated occurrence: the date the cadence gives, and the date it is held. */
export interface Occurrence {
  originalDate: IsoDate;
  date: IsoDate;
  /** Set when the cadence date is a national holiday. */
  holiday: { name: string; nameEn: string } | null;
  /** True when moved to the next working day because of that holiday. */
  moved: boolean;
}

function monthlyWeekdayDate(year: number, month: number, weekday: number, weekOfMonth: number): IsoDate {
  if (weekOfMonth === 5) {
    let d = makeDate(year, month, daysInMonth(year, month));
    while (weekdayOf(d) !== weekday) d = addDays(d, -1);
    return d;
  }
  let d = makeDate(year, month, 1);
  while (weekdayOf(d) !== weekday) d = addDays(d, 1);
  return addDays(d, 7 * (weekOfMonth - 1));
}

/** Cadence dates on or after `schedule.startDate`, within [from, to]. */
export function cadenceDates(schedule: Schedule, from: IsoDate, to: IsoDate): IsoDate[] {
  const out: IsoDate[] = [];
  const start = schedule.startDate;
  const lower = from > start ? from : start;
  if (lower > to) return out;
  switch (schedule.cadence) {
    case 'weekly':
    case 'biweekly': {
      const step = schedule.cadence === 'weekly' ? 7 : 14;
      let first = start;
      while (weekdayOf(first) !== schedule.weekday) first = addDays(first, 1);
      const skip = Math.max(0, Math.ceil(daysBetween(first, lower) / step));
      for (let d = addDays(first, skip * step); d <= to; d = addDays(d, step)) if (d >= lower) out.push(d);
      return out;
    }
    case 'everyNDays': {
      const step = schedule.intervalDays ?? 7;
      const skip = Math.max(0, Math.ceil(daysBetween(start, lower) / step));
      for (let d = addDays(start, skip * step); d <= to; d = addDays(d, step)) out.push(d);
      return out;
    }
    case 'monthlyDay':
    case 'monthlyWeekday': {
      let y = Number(lower.slice(0, 4));
      let m = Number(lower.slice(5, 7));
      for (;;) {
        const d =
          schedule.cadence === 'monthlyDay'
            ? makeDate(y, m, Math.min(schedule.dayOfMonth ?? 1, daysInMonth(y, m)))
            : monthlyWeekdayDate(y, m, schedule.weekday ?? 1, schedule.weekOfMonth ?? 1);
        if (d > to) return out;
        if (d >= lower) out.push(d);
        m += 1;
        if (m > 12) {
          m = 1;
          y += 1;
        }
      }
    }
  }
}

/**
 * The occurrences of a schedule within [from, to]. One that falls on a Japanese national holiday
 * moves to the next working day and is flagged (SPEC §3.1); when the cadence's next date comes
 * on or before that day, the holiday one is dropped (short everyNDays cadences over Golden Week).
 */
export function occurrences(schedule: Schedule, from: IsoDate, to: IsoDate): Occurrence[] {
  // Look a little past the window: a moved occurrence that would land on or after the next cadence
  // date is held together with that one instead (no two meetings on one day, the same in any window).
  const dates = cadenceDates(schedule, from, addDays(to, 14));
  const out: Occurrence[] = [];
  dates.forEach((originalDate, i) => {
    if (originalDate > to) return;
    const holiday = holidayOn(originalDate);
    const date = holiday ? nextWorkingDay(originalDate) : originalDate;
    const next = dates[i + 1];
    if (holiday && next !== undefined && next <= date) return;
    out.push({ originalDate, date, holiday, moved: !!holiday });
  });
  return out;
}

// ---- API contracts ----

export const seriesCreateSchema = z.object({
  reportId: idSchema,
  managerId: idSchema.optional(),
  purpose: optionalText(purposeMax),
  schedule: scheduleSchema,
});

export const seriesUpdateSchema = z
  .object({
    /** Null goes back to the default purpose. */
    purpose: z.string().trim().min(1).max(purposeMax).nullable(),
    schedule: scheduleSchema,
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'emptyUpdate' });

export const seriesBulkCreateSchema = z.object({
  departmentId: idSchema,
  includeSubdepartments: z.boolean().default(true),
  schedule: scheduleSchema,
});

export const seriesAbilitiesSchema = z.object({
  update: z.boolean(),
  pause: z.boolean(),
  resume: z.boolean(),
  end: z.boolean(),
  requestExtra: z.boolean(),
  readContent: z.boolean(),
  /** The report's answer to a pending series. */
  accept: z.boolean(),
  decline: z.boolean(),
});

export const seriesSchema = z.object({
  id: z.string(),
  manager: personRefSchema,
  report: personRefSchema,
  /**
   * What the pair wrote. Null when none was written — show the default purpose (SPEC §3.1) in the
   * reader's language — or when the caller may see the series only as practice metadata
   * (`abilities.readContent` false).
   */
  purpose: z.string().nullable(),
  schedule: z.object({
    cadence: z.enum(cadences),
    weekday: z.number().nullable(),
    dayOfMonth: z.number().nullable(),
    weekOfMonth: z.number().nullable(),
    intervalDays: z.number().nullable(),
    startDate: z.string(),
    startTime: z.string(),
    durationMinutes: z.number(),
    timeZone: z.string(),
  }),
  status: z.enum(seriesStatuses),
  myRole: z.enum(['manager', 'report']).nullable(),
  abilities: seriesAbilitiesSchema,
});
export type Series = z.infer<typeof seriesSchema>;

export const meetingAbilitiesSchema = z.object({
  reschedule: z.boolean(),
  cancel: z.boolean(),
  keepOriginalDate: z.boolean(),
  addTopic: z.boolean(),
  askPreQuestion: z.boolean(),
  answerPreQuestion: z.boolean(),
  checkIn: z.boolean(),
  viewPrepBrief: z.boolean(),
});
export type MeetingAbilities = z.infer<typeof meetingAbilitiesSchema>;

export const meetingSchema = z.object({
  id: z.string(),
  seriesId: z.string(),
  startsAt: z.string(),
  /** When the pair started it; null until then. */
  startedAt: z.string().nullable(),
  durationMinutes: z.number(),
  originalDate: z.string().nullable(),
  status: z.enum(meetingStatuses),
  holiday: z.object({ name: z.string(), nameEn: z.string() }).nullable(),
  movedForHoliday: z.boolean(),
  keptOnHoliday: z.boolean(),
  extra: z.boolean(),
  rescheduled: z.boolean(),
  reason: z.string().nullable(),
  abilities: meetingAbilitiesSchema,
});
export type Meeting = z.infer<typeof meetingSchema>;

export const rescheduleSchema = z.object({
  startsAt: z.iso.datetime({ offset: true }),
  durationMinutes: z.number().int().min(10).max(240).optional(),
  reason: z.string().trim().min(1).max(reasonMax),
});
/**
 * Why a meeting was cancelled, as a kind hr may count (the reason's text stays with the pair).
 * "Nothing to talk about" is the seed's sign of a 1on1 losing its purpose.
 */
export const cancelCategories = ['workload', 'conflict', 'absence', 'nothingToDiscuss', 'other'] as const;
export type CancelCategory = (typeof cancelCategories)[number];
export const cancelSchema = z.object({
  reason: z.string().trim().min(1).max(reasonMax),
  /** Optional for older clients; the page always asks. */
  category: z.enum(cancelCategories).default('other'),
});
export const extraMeetingSchema = z.object({
  startsAt: z.iso.datetime({ offset: true }),
  durationMinutes: z.number().int().min(10).max(240).default(30),
  reason: optionalText(reasonMax),
});

export { earlyStartWarningHours, startsWellAhead } from './meetingStart.js';
