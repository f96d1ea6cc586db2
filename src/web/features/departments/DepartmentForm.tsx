import { Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { departmentCreateSchema, departmentUpdateSchema, type Department } from '../../../domain/departments.js';
import { FormError } from '../../components/FormError.js';
import { schemaValidate } from '../../lib/formSchema.js';
import { useApiMutation } from '../../lib/useApiMutation.js';
import { subtreeIds } from './api.js';

interface Props {
  department?: Department;
  all: Department[];
  onSubmit: (values: { name: string; parentId: string | null }) => Promise<unknown>;
  onCancel: () => void;
}

interface Values {
  name: string;
  parentId: string | null;
}

/** The request body the form sends. */
function toRequest(values: Values) {
  return { name: values.name.trim(), parentId: values.parentId };
}

/** Name and place in the tree of a department; a department cannot move below itself. */
export function DepartmentForm({ department, all, onSubmit, onCancel }: Props) {
  const { t } = useTranslation();
  const save = useApiMutation(onSubmit, { onError: ({ fields }) => form.setErrors(fields) });
  const schema = department ? departmentUpdateSchema : departmentCreateSchema;
  const form = useForm<Values>({
    initialValues: { name: department?.name ?? '', parentId: department?.parentId ?? null },
    validate: schemaValidate(schema, toRequest),
  });
  const excluded = department ? subtreeIds(all, department.id) : new Set<string>();
  const parents = all
    .filter((d) => !excluded.has(d.id) && (d.active || d.id === department?.parentId))
    .map((d) => ({ value: d.id, label: d.path.join(' / ') }))
    .sort((a, b) => a.label.localeCompare(b.label));

  const submit = form.onSubmit((values) => save.mutate(toRequest(values)));

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <FormError title={t('departments.saveFailed')} message={save.formError} />
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
          <Button type="submit" loading={save.isPending}>
            {department ? t('actions.save') : t('departments.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
