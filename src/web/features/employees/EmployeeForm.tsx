import { Button, Group, PasswordInput, Select, SimpleGrid, Stack, Switch, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { employeeCreateSchema, employeeUpdateSchema, type Employee, type EmployeeCreate, type EmployeeUpdate } from '../../../domain/employees.js';
import { limits } from '../../../domain/limits.js';
import { FormError } from '../../components/FormError.js';
import { asRequest, schemaValidate } from '../../lib/formSchema.js';
import { useApiMutation } from '../../lib/useApiMutation.js';
import { departmentOptionsQuery } from './api.js';
import { EmployeeSelect } from '../../components/EmployeeSelect.js';

interface Values {
  familyName: string;
  givenName: string;
  familyNameKana: string;
  givenNameKana: string;
  email: string;
  employeeNumber: string;
  title: string;
  departmentId: string | null;
  managerId: string | null;
  isHr: boolean;
  isAdmin: boolean;
  password: string;
}

/**
 * The request body the form sends: the manager only when creating (editing has its own control), a
 * password only when typed, the address unless it is still missing (it may be completed later, ADR 0215).
 */
function toRequest(values: Values, mode: 'create' | 'edit', hadEmail: boolean) {
  return {
    familyName: values.familyName,
    givenName: values.givenName,
    familyNameKana: values.familyNameKana,
    givenNameKana: values.givenNameKana,
    ...(mode === 'create' || hadEmail || values.email.trim() ? { email: values.email } : {}),
    employeeNumber: values.employeeNumber,
    title: values.title,
    departmentId: values.departmentId,
    isHr: values.isHr,
    isAdmin: values.isAdmin,
    ...(values.password ? { password: values.password } : {}),
    ...(mode === 'create' ? { managerId: values.managerId } : {}),
  };
}

type Props =
  | { mode: 'create'; employee?: undefined; onSubmit: (body: EmployeeCreate) => Promise<unknown>; onCancel: () => void }
  | { mode: 'edit'; employee: Employee; onSubmit: (body: EmployeeUpdate) => Promise<unknown>; onCancel: () => void };

/**
 * Every field of an employee, for an admin. Creating also sets the manager; editing leaves the
 * manager to its own control, which explains reporting-cycle errors on the spot.
 */
export function EmployeeForm({ mode, employee, onSubmit, onCancel }: Props) {
  const { t } = useTranslation();
  const departments = useQuery(departmentOptionsQuery);
  // An address once given stays required: it is how the person signs in.
  const hadEmail = !!employee?.email;
  const form = useForm<Values>({
    initialValues: {
      familyName: employee?.familyName ?? '',
      givenName: employee?.givenName ?? '',
      familyNameKana: employee?.familyNameKana ?? '',
      givenNameKana: employee?.givenNameKana ?? '',
      email: employee?.email ?? '',
      employeeNumber: employee?.employeeNumber ?? '',
      title: employee?.title ?? '',
      departmentId: employee?.department?.id ?? null,
      managerId: employee?.manager?.id ?? null,
      isHr: employee?.isHr ?? false,
      isAdmin: employee?.isAdmin ?? false,
      password: '',
    },
    validate: schemaValidate(mode === 'create' ? employeeCreateSchema : employeeUpdateSchema, (v: Values) => toRequest(v, mode, hadEmail)),
  });

  const departmentData = (departments.data?.items ?? [])
    .filter((d) => d.active || d.id === employee?.department?.id)
    .map((d) => ({ value: d.id, label: d.path.join(' / ') }));

  const save = useApiMutation((send: () => Promise<unknown>) => send(), { onError: ({ fields }) => form.setErrors(fields) });

  const submit = form.onSubmit((values) =>
    save.mutate(() =>
      mode === 'create'
        ? onSubmit(asRequest(employeeCreateSchema, toRequest(values, mode, hadEmail)))
        : onSubmit(asRequest(employeeUpdateSchema, toRequest(values, mode, hadEmail))),
    ),
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <FormError title={t('employees.saveFailed')} message={save.formError} />
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <TextInput label={t('fields.familyName')} required {...form.getInputProps('familyName')} />
          <TextInput label={t('fields.givenName')} required {...form.getInputProps('givenName')} />
          <TextInput label={t('fields.familyNameKana')} description={t('fields.kanaHint')} required {...form.getInputProps('familyNameKana')} />
          <TextInput label={t('fields.givenNameKana')} description={t('fields.kanaHint')} required {...form.getInputProps('givenNameKana')} />
          <TextInput
            label={t('fields.email')}
            type="email"
            required={hadEmail}
            description={hadEmail ? undefined : t('fields.emailLaterHint')}
            {...form.getInputProps('email')}
          />
          <TextInput label={t('fields.employeeNumber')} description={t('fields.employeeNumberHint')} required {...form.getInputProps('employeeNumber')} />
          <TextInput label={t('fields.title')} {...form.getInputProps('title')} />
          <Select
            label={t('fields.department')}
            placeholder={departments.isPending ? t('status.loading') : t('employees.departmentPlaceholder')}
            data={departmentData}
            searchable
            clearable
            nothingFoundMessage={t('employees.noMatches')}
            clearButtonProps={{ 'aria-label': t('actions.clear') }}
            error={departments.isError ? t('errors.loadFailed') : form.errors.departmentId}
            value={form.values.departmentId}
            onChange={(v) => form.setFieldValue('departmentId', v)}
          />
        </SimpleGrid>
        {mode === 'create' ? (
          <EmployeeSelect
            label={t('fields.manager')}
            value={form.values.managerId}
            onChange={(v) => form.setFieldValue('managerId', v)}
            error={form.errors.managerId}
          />
        ) : null}
        <Stack gap="xs">
          <Switch label={t('fields.isHr')} description={t('fields.isHrHint')} {...form.getInputProps('isHr', { type: 'checkbox' })} />
          <Switch label={t('fields.isAdmin')} description={t('fields.isAdminHint')} {...form.getInputProps('isAdmin', { type: 'checkbox' })} />
        </Stack>
        <PasswordInput
          label={mode === 'create' ? t('fields.initialPassword') : t('fields.resetPassword')}
          description={
            mode === 'create'
              ? t('fields.initialPasswordHint', { min: limits.passwordMin })
              : t('fields.resetPasswordHint', { min: limits.passwordMin })
          }
          autoComplete="new-password"
          {...form.getInputProps('password')}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            {t('actions.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {mode === 'create' ? t('employees.create') : t('actions.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
