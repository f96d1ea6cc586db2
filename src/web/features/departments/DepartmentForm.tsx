import { Alert, Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Department } from '../../../domain/departments.js';
import { ApiError } from '../../lib/api.js';
import { subtreeIds } from './api.js';

interface Props {
  department?: Department;
  all: Department[];
  onSubmit: (values: { name: string; parentId: string | null }) => Promise<unknown>;
  onCancel: () => void;
}

/** Name and place in the tree of a department; a department cannot move below itself. */
export function DepartmentForm({ department, all, onSubmit, onCancel }: Props) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const form = useForm({
    initialValues: { name: department?.name ?? '', parentId: department?.parentId ?? null },
    validate: { name: (v: string) => (v.trim() ? null : t('validation.required')) },
  });
  const excluded = department ? subtreeIds(all, department.id) : new Set<string>();
  const parents = all
    .filter((d) => !excluded.has(d.id) && (d.active || d.id === department?.parentId))
    .map((d) => ({ value: d.id, label: d.path.join(' / ') }))
    .sort((a, b) => a.label.localeCompare(b.label));

  const submit = form.onSubmit(async (values) => {
    setSubmitting(true);
    setError(null);
    try {
      await onSubmit({ name: values.name.trim(), parentId: values.parentId });
    } catch (e) {
      if (e instanceof ApiError) {
        setError(e.message);
        form.setErrors(e.fields);
      } else {
        setError(t('errors.unexpectedShort'));
      }
    } finally {
      setSubmitting(false);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {error ? (
          <Alert color="red" variant="light" role="alert" title={t('departments.saveFailed')}>
            {error}
          </Alert>
        ) : null}
        <TextInput label={t('departments.name')} required data-autofocus {...form.getInputProps('name')} />
        <Select
          label={t('departments.parent')}
          description={t('departments.parentHint')}
          placeholder={t('departments.noParent')}
          data={parents}
          searchable
          clearable
          clearButtonProps={{ 'aria-label': t('actions.clear') }}
          nothingFoundMessage={t('employees.noMatches')}
          value={form.values.parentId}
          onChange={(v) => form.setFieldValue('parentId', v)}
          error={form.errors.parentId}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            {t('actions.cancel')}
          </Button>
          <Button type="submit" loading={submitting}>
            {department ? t('actions.save') : t('departments.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
