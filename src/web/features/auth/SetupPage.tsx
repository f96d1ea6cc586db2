import { Button, PasswordInput, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDocumentTitle } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { limits } from '../../../domain/limits.js';
import { setupSchema } from '../../../domain/me.js';
import { PublicLayout } from '../../components/PublicLayout.js';
import { FormError } from '../../components/FormError.js';
import { schemaValidate } from '../../lib/formSchema.js';
import { meQuery, saveLanguageChosenBeforeSignIn, setupStatusQuery } from '../../lib/session.js';
import { useApiMutation } from '../../lib/useApiMutation.js';
import { setup, signIn, type SetupInput } from './api.js';

/** First run: the organisation's name and its first admin, who is signed in right after. */
export function SetupPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('app.documentTitle', { page: t('setup.title') }));
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const form = useForm<SetupInput>({
    initialValues: {
      organisationName: '',
      familyName: '',
      givenName: '',
      familyNameKana: '',
      givenNameKana: '',
      email: '',
      password: '',
    },
    // The form's values are the request body as they are.
    validate: schemaValidate(setupSchema, (v: SetupInput) => v),
  });

  const submit = useApiMutation(
    async (values: SetupInput) => {
      await setup(values);
      await signIn({ email: values.email.trim(), password: values.password });
    },
    {
      onSuccess: async () => {
        await saveLanguageChosenBeforeSignIn().catch(() => undefined);
        queryClient.setQueryData(setupStatusQuery.queryKey, { needsSetup: false });
        await queryClient.resetQueries({ queryKey: meQuery.queryKey });
        await queryClient.fetchQuery(meQuery);
        await navigate({ to: '/' });
      },
      onError: ({ fields }) => form.setErrors(fields),
    },
  );
  const onSubmit = form.onSubmit((values) => submit.mutate(values));

  return (
    <PublicLayout width={640}>
      <Stack gap="lg">
        <Stack gap={4}>
          <Title order={1} size="h2">
            {t('setup.title')}
          </Title>
          <Text c="gray.7">{t('setup.description')}</Text>
        </Stack>
        <FormError title={t('setup.failed')} message={submit.formError} />
        <form onSubmit={onSubmit} noValidate>
          <Stack gap="md">
            <TextInput label={t('fields.organisationName')} required autoComplete="organization" {...form.getInputProps('organisationName')} />
            <SimpleGrid cols={{ base: 1, xs: 2 }}>
              <TextInput label={t('fields.familyName')} required autoComplete="family-name" {...form.getInputProps('familyName')} />
              <TextInput label={t('fields.givenName')} required autoComplete="given-name" {...form.getInputProps('givenName')} />
              <TextInput label={t('fields.familyNameKana')} description={t('fields.kanaHint')} required {...form.getInputProps('familyNameKana')} />
              <TextInput label={t('fields.givenNameKana')} description={t('fields.kanaHint')} required {...form.getInputProps('givenNameKana')} />
            </SimpleGrid>
            <TextInput label={t('fields.email')} type="email" required autoComplete="email" {...form.getInputProps('email')} />
            <PasswordInput
              label={t('fields.password')}
              description={t('fields.passwordHint', { min: limits.passwordMin })}
              required
              autoComplete="new-password"
              {...form.getInputProps('password')}
            />
            <Button type="submit" loading={submit.isPending} mt="xs">
              {t('setup.submit')}
            </Button>
          </Stack>
        </form>
      </Stack>
    </PublicLayout>
  );
}
