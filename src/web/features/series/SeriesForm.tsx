import { Button, Group, Select, Stack, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { Series } from '../../../domain/series.js';
import { purposeMax, seriesCreateSchema } from '../../../domain/series.js';
import { EmployeeSelect } from '../../components/EmployeeSelect.js';
import { FormError } from '../../components/FormError.js';
import { fullName } from '../../lib/format.js';
import { createSeries } from '../../lib/oneOnOne.js';
import { useMe } from '../../lib/session.js';
import { useApiMutation } from '../../lib/useApiMutation.js';
import { asRequest, schemaValidate } from '../../lib/formSchema.js';
import { initialSchedule, ScheduleFields, toScheduleInput, type ScheduleValues } from './ScheduleFields.js';

interface Values {
  reportId: string | null;
  /** hr and admin only: a partner other than the report's primary manager (skip-level, mentor…). */
  managerId: string | null;
  purpose: string;
  schedule: ScheduleValues;
}

/** The request body the form sends; the partner only when hr or an admin picked one. */
function toRequest(values: Values, privileged: boolean) {
  return {
    reportId: values.reportId ?? undefined,
    ...(privileged && values.managerId ? { managerId: values.managerId } : {}),
    ...(values.purpose.trim() ? { purpose: values.purpose.trim() } : {}),
    schedule: toScheduleInput(values.schedule),
  };
}

interface SeriesFormProps {
  /** The report to preselect (from home's 「1on1を設定」). */
  reportId?: string;
  onCreated: (series: Series) => Promise<void> | void;
  onCancel: () => void;
}

/**
 * Starting a 1on1 series: the report (a manager picks among their direct reports; hr and admins search
 * everyone), the cadence and its fields, start, duration, time zone and purpose (the server fills the
 * default purpose when it is left empty).
 */
export function SeriesForm({ reportId, onCreated, onCancel }: SeriesFormProps) {
  const { t } = useTranslation();
  const me = useMe();
  const privileged = me.roles.includes('hr') || me.roles.includes('admin');
  const form = useForm<Values>({
    initialValues: { reportId: reportId ?? null, managerId: null, purpose: '', schedule: initialSchedule(me.timeZone) },
    validate: schemaValidate(seriesCreateSchema, (v: Values) => toRequest(v, privileged)),
  });

  const create = useApiMutation(createSeries, { onSuccess: (created) => onCreated(created), onError: ({ fields }) => form.setErrors(fields) });

  const submit = form.onSubmit((values) => create.mutate(asRequest(seriesCreateSchema, toRequest(values, privileged))));

  const initialPerson = me.directReports.find((p) => p.id === reportId) ?? null;

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <FormError title={t('series.createFailed')} message={create.formError} />
        {privileged ? (
          <EmployeeSelect
            label={t('series.report')}
            description={t('series.reportHintPrivileged')}
            required
            initial={initialPerson}
            value={form.values.reportId}
            onChange={(v) => form.setFieldValue('reportId', v)}
            error={form.errors.reportId}
          />
        ) : null}
        {privileged ? (
          <EmployeeSelect
            label={t('series.partner')}
            description={t('series.partnerHint')}
            value={form.values.managerId}
            onChange={(v) => form.setFieldValue('managerId', v)}
            error={form.errors.managerId}
          />
        ) : (
          <Select
            label={t('series.report')}
            description={t('series.reportHint')}
            required
            data={me.directReports.map((p) => ({ value: p.id, label: fullName(p) }))}
            nothingFoundMessage={t('employees.noMatches')}
            searchable
            {...form.getInputProps('reportId')}
          />
        )}
        <ScheduleFields form={form} />
        <Textarea
          label={t('series.purpose')}
          description={t('series.purposeHint')}
          placeholder={t('series.defaultPurpose')}
          autosize
          minRows={3}
          maxLength={purposeMax}
          {...form.getInputProps('purpose')}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            {t('actions.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('series.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
