import { Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ReflectionSummary } from '../../../domain/followUp.js';
import { QueryError } from '../../components/QueryError.js';
import { api, client } from '../../lib/api.js';
import { formatMonth } from '../../lib/format.js';

/**
 * How the manager's reports felt their 1on1s went over the last closed quarter — only as an average
 * over at least three reports (SPEC §2); below that the server withholds the figures and this says why.
 */
export function ReflectionSummaryCard() {
  const { t, i18n } = useTranslation();
  const summary = useQuery({
    queryKey: ['reflection', 'summary'],
    queryFn: ({ signal }) => api<ReflectionSummary>(client.GET('/api/reflections/summary', { signal })),
  });
  const month = (m: string) => formatMonth(m, i18n.language === 'en' ? 'en' : 'ja');
  const number = (n: number | null | undefined) =>
    n === null || n === undefined ? '—' : new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(n);
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="reflection-summary">
      <Stack gap="xs">
        <Title order={2} size="h4" id="reflection-summary">
          {t('team.reflection.title')}
        </Title>
        {summary.isPending ? (
          <Skeleton height={48} />
        ) : summary.isError ? (
          <QueryError error={summary.error} onRetry={() => void summary.refetch()} />
        ) : summary.data.suppressed ? (
          <Text size="sm">
            {t('team.reflection.suppressed', { min: summary.data.minGroup, count: summary.data.contributors, from: month(summary.data.from), to: month(summary.data.to) })}
          </Text>
        ) : (
          <>
            <Group gap="xl">
              <Stack gap={0}>
                <Text size="sm" c="gray.7">
                  {t('team.reflection.feltHeard')}
                </Text>
                <Text fw={700} size="xl">
                  {number(summary.data.feltHeard)} / 5
                </Text>
              </Stack>
              <Stack gap={0}>
                <Text size="sm" c="gray.7">
                  {t('team.reflection.useful')}
                </Text>
                <Text fw={700} size="xl">
                  {number(summary.data.useful)} / 5
                </Text>
              </Stack>
            </Group>
            <Text size="sm" c="gray.7">
              {t('team.reflection.basis', { count: summary.data.contributors, from: month(summary.data.from), to: month(summary.data.to) })}
            </Text>
          </>
        )}
      </Stack>
    </Paper>
  );
}
