import { Card, EmptyState, Skeleton, Stack, Text, VisuallyHidden } from '@mantine/core';
import { IconTarget } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fullName } from '../lib/format.js';
import { goalsQuery, type Goal } from '../lib/goals.js';
import { GoalCard } from './GoalCard.js';
import { QueryError } from './QueryError.js';

/** A list of goals (mine, or a report's), with loading, error and an empty state that says what to do. */
export function GoalList({
  status,
  ownerId,
  empty,
  onEdit,
  headingLevel = 2,
}: {
  status: 'active' | 'archived';
  ownerId?: string;
  empty: { title: string; body: string };
  onEdit?: (g: Goal) => void;
  headingLevel?: 2 | 3;
}) {
  const { t } = useTranslation();
  const query = useQuery(goalsQuery(status, ownerId));
  if (query.isPending) {
    return (
      <Stack gap="xs" aria-busy="true">
        <VisuallyHidden role="status">{t('status.loading')}</VisuallyHidden>
        <Skeleton height={120} />
      </Stack>
    );
  }
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data.items.length === 0) {
    return (
      <Card withBorder radius="md" padding="lg">
        <EmptyState icon={<IconTarget aria-hidden />} title={empty.title} description={empty.body} />
      </Card>
    );
  }
  return (
    <Stack gap="md">
      {query.data.items.map((g) => (
        <GoalCard key={g.id} goal={g} headingLevel={headingLevel} onEdit={onEdit ? () => onEdit(g) : undefined} />
      ))}
    </Stack>
  );
}

/** A report's goals as their 1on1 partner sees them (series page): read, and comment. */
export function ReportGoalsSection({ report }: { report: { id: string; familyName: string; givenName: string } }) {
  const { t } = useTranslation();
  const name = fullName(report);
  return (
    <Stack gap="sm" component="section" aria-label={t('goals.ofReport', { name })}>
      <Text component="h2" fw={700} size="lg" m={0}>
        {t('goals.ofReport', { name })}
      </Text>
      <GoalList status="active" ownerId={report.id} headingLevel={3} empty={{ title: t('goals.reportEmpty.title', { name }), body: t('goals.reportEmpty.body', { name }) }} />
    </Stack>
  );
}
