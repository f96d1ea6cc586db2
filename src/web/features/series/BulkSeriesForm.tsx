import { Button, Group, Select, Stack, Switch, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { DepartmentList } from '../../../domain/departments.js';
import { seriesBulkCreateSchema } from '../../../domain/series.js';
import { FormError } from '../../components/FormError.js';
import { api, client } from '../../lib/api.js';
import { createSeriesForDepartment } from '../../lib/oneOnOne.js';
import { useMe } from '../../lib/session.js';
import { useApiMutation } from '../../lib/useApiMutation.js';
import { asRequest, schemaValidate } from '../../lib/formSchema.js';
import { initialSchedule, ScheduleFields, toScheduleInput, type ScheduleValues } from './ScheduleFields.js';

interface Values {
  departmentId: string | null;
  includeSubdepartments: boolean;
  schedule: ScheduleValues;
}

/** The request body the form sends. */
function toRequest(values: Values) {
  return {
    departmentId: values.departmentId ?? undefined,
    includeSubdepartments: values.includeSubdepartments,
    schedule: toScheduleInput(values.schedule),
  };
}

/** hr/admin: start a series for everyone in a department with their own manager (部署単位で設定). */
export function BulkSeriesForm({ onDone, onCancel }: { onDone: (result: { created: number; skipped: number }) => Promise<void> | void; onCancel: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const departments = useQuery({
    queryKey: ['departments'],
    queryFn: ({ signal }) => api<DepartmentList>(client.GET('/api/departments', { signal })),
    staleTime: 60_000,
  });
  const form = useForm<Values>({
    initialValues: { departmentId: null, includeSubdepartments: true, schedule: initialSchedule(me.timeZone) },
    validate: schemaValidate(seriesBulkCreateSchema, toRequest),
  });

  const create = useApiMutation(createSeriesForDepartment, { onSuccess: (result) => onDone(result), onError: ({ fields }) => form.setErrors(fields) });

  const submit = form.onSubmit((values) => create.mutate(asRequest(seriesBulkCreateSchema, toRequest(values))));

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm">{t('series.bulkLead')}</Text>
        <FormError title={t('series.createFailed')} message={create.formError} />
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
          <Button type="submit" loading={create.isPending}>
            {t('series.bulkCreate')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
