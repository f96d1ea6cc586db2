import { Button, Divider, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDocumentTitle } from '@mantine/hooks';
import { IconKey } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useRouter } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { signInSchema } from '../../../domain/me.js';
import { PublicLayout } from '../../components/PublicLayout.js';
import { FormError } from '../../components/FormError.js';
import { asRequest, schemaValidate } from '../../lib/formSchema.js';
import { meQuery, saveLanguageChosenBeforeSignIn } from '../../lib/session.js';
import { useApiMutation } from '../../lib/useApiMutation.js';
import { signIn, signInOptionsQuery, startSso } from './api.js';
import { ssoErrorCodes, type SsoErrorCode } from '../../../domain/sso.js';
import { AnchorLink } from '../../components/links.js';

/** The message key of an SSO refusal the provider round trip came back with; unknown codes say "failed". */
function ssoErrorKey(code: string): `signIn.ssoErrors.${SsoErrorCode}` {
  if (code === 'ACCOUNT_DEACTIVATED') return 'signIn.ssoErrors.sso_deactivated';
  return `signIn.ssoErrors.${(ssoErrorCodes as readonly string[]).includes(code) ? (code as SsoErrorCode) : 'sso_failed'}`;
}

/** The request body the form sends. */
function toRequest(values: { email: string; password: string }) {
  return { email: values.email.trim(), password: values.password };
}

/**
 * Sign-in with email and password, and with the organisation's identity provider when an admin set
 * one up. With "SSO only" the password form is hidden; admins open it with `?password=1` (their
 * break-glass way in, docs/operations.md). An SSO refusal comes back as `?error=<code>`.
 */
export function SignInPage({ redirectTo, ssoError, showPassword }: { redirectTo?: string; ssoError?: string; showPassword?: boolean }) {
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
  const options = useQuery(signInOptionsQuery).data;
  const sso = useApiMutation(() => startSso(redirectTo));
  const passwordForm = !options?.ssoOnly || showPassword;

  return (
    <PublicLayout>
      <Stack gap="lg">
        <Stack gap={4}>
          <Title order={1} size="h2">
            {t('signIn.title')}
          </Title>
          <Text c="gray.7">{t('app.tagline')}</Text>
        </Stack>
        <FormError title={t('signIn.failed')} message={submit.formError ?? sso.formError ?? (ssoError ? t(ssoErrorKey(ssoError)) : null)} />
        {options?.sso ? (
          <>
            <Button variant={passwordForm ? 'default' : 'filled'} leftSection={<IconKey size={18} aria-hidden />} loading={sso.isPending} onClick={() => sso.mutate()} fullWidth>
              {t('signIn.sso')}
            </Button>
            {passwordForm ? (
              <Divider label={t('signIn.or')} labelPosition="center" />
            ) : (
              <Text size="sm" c="gray.7">
                {t('signIn.ssoOnlyNote')}{' '}
                <AnchorLink to="/sign-in" search={{ redirect: redirectTo, password: '1' }} size="sm" underline="always">
                  {t('signIn.adminPassword')}
                </AnchorLink>
              </Text>
            )}
          </>
        ) : null}
        {passwordForm ? (
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
        ) : null}
      </Stack>
    </PublicLayout>
  );
}
