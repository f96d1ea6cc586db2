import { Button, Group, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { limits } from '../../../domain/limits.js';
import { passwordChangeFormSchema } from '../../../domain/me.js';
import { schemaValidate } from '../../lib/formSchema.js';
import { useApiMutation } from '../../lib/useApiMutation.js';
import { changePassword } from './api.js';
import { FormError } from '../../components/FormError.js';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/** Change of one's own password; other sessions end so a leaked one stops working. */
export function PasswordForm() {
  const { t } = useTranslation();
  const form = useForm<Values>({
    initialValues: { currentPassword: '', newPassword: '', confirmPassword: '' },
    // Strength rules that need the server's data stay there; their message lands on newPassword.
    validate: schemaValidate(passwordChangeFormSchema, (v: Values) => v),
  });

  const change = useApiMutation(changePassword, {
    onSuccess: () => {
      form.reset();
      notifications.show({ color: 'teal', message: t('profile.passwordChanged') });
    },
    onError: ({ fields }) => form.setErrors(fields),
  });
  const submit = form.onSubmit((values) => change.mutate({ currentPassword: values.currentPassword, newPassword: values.newPassword }));
  // A message the server tied to a field shows on that field only.
  const error = Object.keys(change.fields).length === 0 ? change.formError : null;

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md" maw={420}>
        <FormError message={error} />
        <PasswordInput label={t('profile.currentPassword')} autoComplete="current-password" required {...form.getInputProps('currentPassword')} />
        <PasswordInput
          label={t('profile.newPassword')}
          description={t('fields.passwordHint', { min: limits.passwordMin })}
          autoComplete="new-password"
          required
          {...form.getInputProps('newPassword')}
        />
        <PasswordInput label={t('profile.confirmPassword')} autoComplete="new-password" required {...form.getInputProps('confirmPassword')} />
        <Group>
          <Button type="submit" loading={change.isPending}>
            {t('profile.changePassword')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
