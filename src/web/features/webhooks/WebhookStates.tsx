import { Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryError } from '../../components/QueryError.js';
import { ApiError } from '../../lib/api.js';

/**
 * What a webhook page shows when its data did not load: for someone who is not an admin the server
 * answers 403, which is a plain statement of who the page is for rather than a failure to retry.
 */
export function WebhookLoadError({ title, error, onRetry }: { title: string; error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  if (error instanceof ApiError && error.status === 403) {
    return (
      <Stack gap="md">
        <PageHeader title={title} />
        <Paper withBorder p="lg" radius="md">
          <Text>{t('webhooks.forbidden')}</Text>
        </Paper>
      </Stack>
    );
  }
  return (
    <Stack gap="md">
      <PageHeader title={title} />
      <QueryError error={error} onRetry={onRetry} />
    </Stack>
  );
}
