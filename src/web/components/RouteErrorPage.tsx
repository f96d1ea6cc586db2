import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useRouter, type ErrorComponentProps } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ButtonLink } from './links.js';
import { ApiError } from '../lib/api.js';
import { PublicLayout } from './PublicLayout.js';

/** What a route shows when it fails: the problem in the user's language and a way on. */
export function ErrorPanel({ error, reset }: ErrorComponentProps) {
  const { t } = useTranslation();
  const router = useRouter();
  useDocumentTitle(t('app.documentTitle', { page: t('errorPage.title') }));
  const message = error instanceof ApiError ? error.message : t('errorPage.description');
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t('errorPage.title')}
      </Title>
      <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />}>
        <Text size="sm">{message}</Text>
      </Alert>
      <Group>
        <Button
          onClick={() => {
            reset();
            void router.invalidate();
          }}
        >
          {t('actions.retry')}
        </Button>
        <ButtonLink to="/" variant="default">
          {t('notFound.home')}
        </ButtonLink>
      </Group>
    </Stack>
  );
}

/** The error boundary of the whole app, outside the signed-in shell. */
export function RootErrorPage(props: ErrorComponentProps) {
  return (
    <PublicLayout>
      <ErrorPanel {...props} />
    </PublicLayout>
  );
}
