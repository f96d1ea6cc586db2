import type { TFunction } from 'i18next';
import type { Series } from '../../domain/series.js';

type ScheduleView = Pick<Series['schedule'], 'cadence' | 'weekday' | 'dayOfMonth' | 'weekOfMonth' | 'intervalDays' | 'startTime'>;

/** A cadence in words: 毎週 月曜 10:00 / 毎月 第2月曜 10:00 / 毎月15日 10:00 / 10日ごと 10:00. */
export function describeCadence(schedule: ScheduleView, t: TFunction): string {
  const weekday = t(`weekdays.${schedule.weekday ?? 1}`);
  const time = schedule.startTime;
  switch (schedule.cadence) {
    case 'weekly':
      return t('cadence.weeklyAt', { weekday, time });
    case 'biweekly':
      return t('cadence.biweeklyAt', { weekday, time });
    case 'monthlyDay':
      return t('cadence.monthlyDayAt', { day: schedule.dayOfMonth ?? 1, time });
    case 'monthlyWeekday':
      return t('cadence.monthlyWeekdayAt', { nth: t(`nthWeek.${schedule.weekOfMonth ?? 1}`), weekday, time });
    case 'everyNDays':
      return t('cadence.everyNDaysAt', { count: schedule.intervalDays ?? 7, time });
  }
}
