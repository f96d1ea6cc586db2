import { Alert, Button, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDocumentTitle } from '@mantine/hooks';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useRouter } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PublicLayout } from '../../components/PublicLayout.js';
import { ApiError } from '../../lib/api.js';
import { meQuery, saveLanguageChosenBeforeSignIn } from '../../lib/session.js';
import { signIn } from './api.js';

/** Sign-in with email and password; the server's message says what went wrong. */
export function SignInPage({ redirectTo }: { redirectTo?: string }) {
  const { t } = useTranslation();
  useDocumentTitle(t('app.documentTitle', { page: t('signIn.title') }));
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: {
      email: (v) => (v.trim() ? null : t('validation.required')),
      password: (v) => (v ? null : t('validation.required')),
    },
  });

  const onSubmit = form.onSubmit(async (values) => {
    setSubmitting(true);
    setError(null);
    try {
      await signIn({ email: values.email.trim(), password: values.password });
      await saveLanguageChosenBeforeSignIn().catch(() => undefined);
      await queryClient.resetQueries({ queryKey: meQuery.queryKey });
      await queryClient.fetchQuery(meQuery);
      if (redirectTo) router.history.push(redirectTo);
      else await navigate({ to: '/' });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('errors.unexpectedShort'));
      setSubmitting(false);
    }
  });

  return (
    <PublicLayout>
      <Stack gap="lg">
        <Stack gap={4}>
          <Title order={1} size="h2">
            {t('signIn.title')}
          </Title>
          <Text c="gray.7">{t('app.tagline')}</Text>
        </Stack>
        {error ? (
          <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} role="alert" title={t('signIn.failed')}>
            {error}
          </Alert>
        ) : null}
        <form onSubmit={onSubmit} noValidate>
          <Stack gap="md">
            <TextInput
              label={t('fields.email')}
              type="email"
              autoComplete="username"
              inputMode="email"
              required
              {...form.getInputProps('email')}
            />
            <PasswordInput
              label={t('fields.password')}
              autoComplete="current-password"
              required
              {...form.getInputProps('password')}
            />
            <Button type="submit" loading={submitting} fullWidth mt="xs">
              {t('signIn.submit')}
            </Button>
          </Stack>
        </form>
      </Stack>
    </PublicLayout>
  );
}
