import { Button, Group, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { seriesUpdateSchema, type Series } from '../../../domain/series.js';
import { FormError } from '../../components/FormError.js';
import { zonedParts } from '../../lib/format.js';
import { updateSeries } from '../../lib/oneOnOne.js';
import { useApiMutation } from '../../lib/useApiMutation.js';
import { asRequest, schemaValidate } from '../../lib/formSchema.js';
import { ScheduleFields, toScheduleInput, type ScheduleValues } from './ScheduleFields.js';

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

/** The request body the form sends: the schedule only. */
function toRequest(values: { schedule: ScheduleValues }) {
  return { schedule: toScheduleInput(values.schedule) };
}

/**
 * Changing a series' cadence, weekday, time, duration or time zone (the manager). The server
 * replaces the future meetings nobody prepared for; prepared ones stay for the pair to move.
 */
export function ScheduleEditForm({ series, onDone, onCancel }: { series: Series; onDone: () => Promise<void> | void; onCancel: () => void }) {
  const { t } = useTranslation();
  const today = zonedParts(new Date(), series.schedule.timeZone).date;
  const form = useForm<{ schedule: ScheduleValues }>({
    initialValues: { schedule: scheduleValuesOf(series, today) },
    validate: schemaValidate(seriesUpdateSchema, toRequest),
  });

  const save = useApiMutation((body: Parameters<typeof updateSeries>[1]) => updateSeries(series.id, body), {
    onSuccess: () => onDone(),
    onError: ({ fields }) => form.setErrors(fields),
  });
  const submit = form.onSubmit((values) => save.mutate(asRequest(seriesUpdateSchema, toRequest(values))));

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm" c="gray.7">
          {t('series.scheduleEditLead')}
        </Text>
        <FormError message={save.formError} />
        <ScheduleFields form={form} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            {t('actions.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('series.scheduleSave')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
