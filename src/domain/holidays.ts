import holidayJp from '@holiday-jp/holiday_jp';
import { addDays, weekdayOf, type IsoDate } from './calendar.js';

/** Japanese national holidays and working days (the holiday table is kept apart from `calendar.ts`: see there). */

/** The Japanese national holiday on `date` (its Japanese and English names), or null. */
export function holidayOn(date: IsoDate): { name: string; nameEn: string } | null {
  const h = (holidayJp.holidays as Record<string, { name: string; name_en: string } | undefined>)[date];
  return h ? { name: h.name, nameEn: h.name_en } : null;
}

/** A working day: not Saturday, not Sunday, not a national holiday. */
export function isWorkingDay(date: IsoDate): boolean {
  const wd = weekdayOf(date);
  return wd !== 0 && wd !== 6 && !holidayOn(date);
}

/** The first working day after `date`. */
export function nextWorkingDay(date: IsoDate): IsoDate {
  let d = addDays(date, 1);
  while (!isWorkingDay(d)) d = addDays(d, 1);
  return d;
}
