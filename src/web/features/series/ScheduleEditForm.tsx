import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Series } from '../../../domain/series.js';
import { ApiError } from '../../lib/api.js';
import { zonedParts } from '../../lib/format.js';
import { updateSeries } from '../../lib/oneOnOne.js';
import { ScheduleFields, toScheduleInput, validateSchedule, type ScheduleValues } from './ScheduleFields.js';

/** The series' schedule as the form holds it; a start date already past becomes today (the server refuses past starts). */
export function scheduleValuesOf(series: Series, today: string): ScheduleValues {
  const s = series.schedule;
  return {
    cadence: s.cadence,
    weekday: String(s.weekday ?? 1),
    weekOfMonth: String(s.weekOfMonth ?? 1),
    dayOfMonth: s.dayOfMonth ?? 1,
    intervalDays: s.intervalDays ?? 14,
    startDate: s.startDate < today ? today : s.startDate,
    startTime: s.startTime,
    durationMinutes: s.durationMinutes,
    timeZone: s.timeZone,
  };
}

/**
 * Changing a series' cadence, weekday, time, duration or time zone (the manager). The server
 * replaces the future meetings nobody prepared for; prepared ones stay for the pair to move.
 */
export function ScheduleEditForm({ series, onDone, onCancel }: { series: Series; onDone: () => Promise<void> | void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const today = zonedParts(new Date(), series.schedule.timeZone).date;
  const form = useForm<{ schedule: ScheduleValues }>({
    initialValues: { schedule: scheduleValuesOf(series, today) },
    validate: (v) => validateSchedule(v.schedule, t('validation.required')),
  });

  const submit = form.onSubmit(async (values) => {
    setSaving(true);
    setError(null);
    try {
      await updateSeries(series.id, { schedule: toScheduleInput(values.schedule) });
      await onDone();
    } catch (e) {
      if (e instanceof ApiError) {
        setError(e.message);
        form.setErrors(e.fields);
      } else setError(t('errors.unexpectedShort'));
    } finally {
      setSaving(false);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm" c="gray.7">
          {t('series.scheduleEditLead')}
        </Text>
        {error ? (
          <Alert color="red" variant="light" role="alert">
            {error}
          </Alert>
        ) : null}
        <ScheduleFields form={form} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            {t('actions.cancel')}
          </Button>
          <Button type="submit" loading={saving}>
            {t('series.scheduleSave')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
