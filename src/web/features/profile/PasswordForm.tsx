import { Button, Group, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { limits } from '../../../domain/limits.js';
import { ApiError } from '../../lib/api.js';
import { changePassword } from './api.js';
import { FormError } from '../../components/FormError.js';

/** Change of one's own password; other sessions end so a leaked one stops working. */
export function PasswordForm() {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const form = useForm({
    initialValues: { currentPassword: '', newPassword: '', confirmPassword: '' },
    validate: {
      currentPassword: (v) => (v ? null : t('validation.required')),
      newPassword: (v) => (v.length >= limits.passwordMin ? null : t('validation.passwordMin', { min: limits.passwordMin })),
      confirmPassword: (v, values) => (v === values.newPassword ? null : t('validation.passwordMismatch')),
    },
  });

  const submit = form.onSubmit(async (values) => {
    setSubmitting(true);
    setError(null);
    try {
      await changePassword({ currentPassword: values.currentPassword, newPassword: values.newPassword });
      form.reset();
      notifications.show({ color: 'teal', message: t('profile.passwordChanged') });
    } catch (e) {
      if (e instanceof ApiError) {
        form.setErrors(e.fields);
        if (Object.keys(e.fields).length === 0) setError(e.message);
      } else {
        setError(t('errors.unexpectedShort'));
      }
    } finally {
      setSubmitting(false);
    }
  });

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
          <Button type="submit" loading={submitting}>
            {t('profile.changePassword')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
