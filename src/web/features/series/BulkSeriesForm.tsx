import { Alert, Button, Group, Select, Stack, Switch, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DepartmentList } from '../../../domain/departments.js';
import { api, ApiError } from '../../lib/api.js';
import { createSeriesForDepartment } from '../../lib/oneOnOne.js';
import { useMe } from '../../lib/session.js';
import { initialSchedule, ScheduleFields, toScheduleInput, validateSchedule, type ScheduleValues } from './ScheduleFields.js';

interface Values {
  departmentId: string | null;
  includeSubdepartments: boolean;
  schedule: ScheduleValues;
}

/** hr/admin: start a series for everyone in a department with their own manager (部署単位で設定). */
export function BulkSeriesForm({ onDone, onCancel }: { onDone: (result: { created: number; skipped: number }) => Promise<void> | void; onCancel: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const departments = useQuery({
    queryKey: ['departments'],
    queryFn: ({ signal }) => api<DepartmentList>('/api/departments', { signal }),
    staleTime: 60_000,
  });
  const form = useForm<Values>({
    initialValues: { departmentId: null, includeSubdepartments: true, schedule: initialSchedule(me.timeZone) },
    validate: (v) => ({
      ...(v.departmentId ? {} : { departmentId: t('validation.required') }),
      ...validateSchedule(v.schedule, t('validation.required')),
    }),
  });

  const submit = form.onSubmit(async (values) => {
    if (!values.departmentId) return;
    setSubmitting(true);
    setError(null);
    try {
      const result = await createSeriesForDepartment({
        departmentId: values.departmentId,
        includeSubdepartments: values.includeSubdepartments,
        schedule: toScheduleInput(values.schedule),
      });
      await onDone(result);
    } catch (e) {
      if (e instanceof ApiError) {
        setError(e.message);
        form.setErrors(e.fields);
      } else setError(t('errors.unexpectedShort'));
    } finally {
      setSubmitting(false);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm">{t('series.bulkLead')}</Text>
        {error ? (
          <Alert color="red" variant="light" role="alert" title={t('series.createFailed')}>
            {error}
          </Alert>
        ) : null}
        <Select
          label={t('fields.department')}
          required
          searchable
          placeholder={departments.isPending ? t('status.loading') : t('employees.departmentPlaceholder')}
          data={(departments.data?.items ?? []).filter((d) => d.active).map((d) => ({ value: d.id, label: d.path.join(' / ') }))}
          nothingFoundMessage={t('employees.noMatches')}
          {...form.getInputProps('departmentId')}
          error={departments.isError ? t('errors.loadFailed') : form.errors.departmentId}
        />
        <Switch label={t('series.includeSubdepartments')} {...form.getInputProps('includeSubdepartments', { type: 'checkbox' })} />
        <ScheduleFields form={form} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            {t('actions.cancel')}
          </Button>
          <Button type="submit" loading={submitting}>
            {t('series.bulkCreate')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
