import { NumberInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { cadences, type Cadence } from '../../../domain/series.js';
import { currentLocale } from '../../i18n/index.js';
import { zonedParts } from '../../lib/format.js';
import type { ScheduleInput } from '../../lib/oneOnOne.js';
import { timeZones, zoneLabel } from '../../lib/timeZones.js';

/** The schedule as the form holds it: selects work with strings. */
export interface ScheduleValues {
  cadence: Cadence;
  weekday: string;
  weekOfMonth: string;
  dayOfMonth: number | string;
  intervalDays: number | string;
  startDate: string;
  startTime: string;
  durationMinutes: number | string;
  timeZone: string;
}

export function initialSchedule(timeZone: string): ScheduleValues {
  return {
    cadence: 'weekly',
    weekday: '1',
    weekOfMonth: '1',
    dayOfMonth: 1,
    intervalDays: 14,
    startDate: zonedParts(new Date(), timeZone).date,
    startTime: '10:00',
    durationMinutes: 30,
    timeZone: 'Asia/Tokyo',
  };
}

/** A number field's value for the request: empty stays missing, so the schema says it is required. */
function numberOrNull(v: number | string): number | null {
  return v === '' ? null : Number(v);
}

/**
 * The request body's schedule: only the fields the chosen cadence uses. The domain's
 * `scheduleSchema` (inside the series schemas) checks it, on the form and on the server.
 */
export function toScheduleInput(v: ScheduleValues): ScheduleInput {
  const base = {
    cadence: v.cadence,
    startDate: v.startDate,
    startTime: v.startTime,
    durationMinutes: v.durationMinutes === '' ? undefined : Number(v.durationMinutes),
    timeZone: v.timeZone || undefined,
  };
  switch (v.cadence) {
    case 'weekly':
    case 'biweekly':
      return { ...base, weekday: Number(v.weekday) };
    case 'monthlyDay':
      return { ...base, dayOfMonth: numberOrNull(v.dayOfMonth) };
    case 'monthlyWeekday':
      return { ...base, weekday: Number(v.weekday), weekOfMonth: Number(v.weekOfMonth) };
    case 'everyNDays':
      return { ...base, intervalDays: numberOrNull(v.intervalDays) };
  }
}

interface FormShape {
  schedule: ScheduleValues;
}

/** Cadence and the fields it needs (weekday, nth week incl. 最終, day of month, interval), start, duration, time zone. */
export function ScheduleFields<T extends FormShape>({ form }: { form: UseFormReturnType<T> }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const v = form.getValues().schedule;
  const f = form as unknown as UseFormReturnType<FormShape>;
  const weekdays = [1, 2, 3, 4, 5, 6, 0].map((d) => ({ value: String(d), label: t(`weekdaysLong.${d}`) }));
  const weeks = [1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: t(`nthWeek.${n}`) }));
  const zones: string[] = timeZones.includes(v.timeZone as (typeof timeZones)[number]) ? [...timeZones] : [v.timeZone, ...timeZones];
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, xs: 2 }}>
        <Select
          label={t('schedule.cadence')}
          required
          allowDeselect={false}
          data={cadences.map((c) => ({ value: c, label: t(`schedule.cadences.${c}`) }))}
          {...f.getInputProps('schedule.cadence')}
        />
        {v.cadence === 'monthlyWeekday' ? (
          <Select label={t('schedule.weekOfMonth')} required allowDeselect={false} data={weeks} {...f.getInputProps('schedule.weekOfMonth')} />
        ) : null}
        {v.cadence === 'weekly' || v.cadence === 'biweekly' || v.cadence === 'monthlyWeekday' ? (
          <Select label={t('schedule.weekday')} required allowDeselect={false} data={weekdays} {...f.getInputProps('schedule.weekday')} />
        ) : null}
        {v.cadence === 'monthlyDay' ? (
          <NumberInput
            label={t('schedule.dayOfMonth')}
            description={t('schedule.dayOfMonthHint')}
            required
            min={1}
            max={31}
            allowDecimal={false}
            {...f.getInputProps('schedule.dayOfMonth')}
          />
        ) : null}
        {v.cadence === 'everyNDays' ? (
          <NumberInput
            label={t('schedule.intervalDays')}
            required
            min={1}
            max={90}
            allowDecimal={false}
            suffix={t('schedule.daysSuffix')}
            {...f.getInputProps('schedule.intervalDays')}
          />
        ) : null}
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, xs: 2 }}>
        <TextInput type="date" label={t('schedule.startDate')} description={t('schedule.startDateHint')} required {...f.getInputProps('schedule.startDate')} />
        <TextInput type="time" label={t('schedule.startTime')} required {...f.getInputProps('schedule.startTime')} />
        <NumberInput
          label={t('schedule.duration')}
          required
          min={10}
          max={240}
          step={5}
          allowDecimal={false}
          suffix={t('schedule.minutesSuffix')}
          {...f.getInputProps('schedule.durationMinutes')}
        />
        <Select
          label={t('schedule.timeZone')}
          required
          allowDeselect={false}
          searchable
          data={zones.map((z) => ({ value: z, label: zoneLabel(z, locale) }))}
          nothingFoundMessage={t('employees.noMatches')}
          {...f.getInputProps('schedule.timeZone')}
        />
      </SimpleGrid>
    </Stack>
  );
}
