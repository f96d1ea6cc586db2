import { Button, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDocumentTitle } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useRouter } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { signInSchema } from '../../../domain/me.js';
import { PublicLayout } from '../../components/PublicLayout.js';
import { FormError } from '../../components/FormError.js';
import { asRequest, schemaValidate } from '../../lib/formSchema.js';
import { meQuery, saveLanguageChosenBeforeSignIn } from '../../lib/session.js';
import { useApiMutation } from '../../lib/useApiMutation.js';
import { signIn } from './api.js';

/** The request body the form sends. */
function toRequest(values: { email: string; password: string }) {
  return { email: values.email.trim(), password: values.password };
}

/** Sign-in with email and password; the server's message says what went wrong. */
export function SignInPage({ redirectTo }: { redirectTo?: string }) {
  const { t } = useTranslation();
  useDocumentTitle(t('app.documentTitle', { page: t('signIn.title') }));
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const router = useRouter();
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: schemaValidate(signInSchema, toRequest),
  });

  const submit = useApiMutation(signIn, {
    onSuccess: async () => {
      await saveLanguageChosenBeforeSignIn().catch(() => undefined);
      await queryClient.resetQueries({ queryKey: meQuery.queryKey });
      await queryClient.fetchQuery(meQuery);
      if (redirectTo) router.history.push(redirectTo);
      else await navigate({ to: '/' });
    },
  });
  const onSubmit = form.onSubmit((values) => submit.mutate(asRequest(signInSchema, toRequest(values))));

  return (
    <PublicLayout>
      <Stack gap="lg">
        <Stack gap={4}>
          <Title order={1} size="h2">
            {t('signIn.title')}
          </Title>
          <Text c="gray.7">{t('app.tagline')}</Text>
        </Stack>
        <FormError title={t('signIn.failed')} message={submit.formError} />
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
            <Button type="submit" loading={submit.isPending} fullWidth mt="xs">
              {t('signIn.submit')}
            </Button>
          </Stack>
        </form>
      </Stack>
    </PublicLayout>
  );
}
