import { Avatar, Card, EmptyState, Group, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { IconUsersGroup } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../components/links.js';
import type { EmployeeList } from '../../../domain/employees.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryError } from '../../components/QueryError.js';
import { api, client } from '../../lib/api.js';
import { fullName } from '../../lib/format.js';
import { useMe } from '../../lib/session.js';
import { ReflectionSummaryCard } from './ReflectionSummaryCard.js';

/** A manager's direct reports (メンバー), each leading to their page. */
export function TeamPage() {
  const { t } = useTranslation();
  const me = useMe();
  const reports = useQuery({
    queryKey: ['employees', 'list', { managerId: me.id, team: true }],
    queryFn: ({ signal }) => api<EmployeeList>(client.GET('/api/employees', { params: { query: { managerId: me.id, pageSize: 200 } }, signal })),
  });

  return (
    <Stack gap="md">
      <PageHeader title={t('team.title')} description={t('team.description')} />
      {me.directReports.length > 0 ? <ReflectionSummaryCard /> : null}
      {reports.isPending ? (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} aria-busy="true">
          {Array.from({ length: 3 }, (_, i) => (
            <Skeleton key={i} height={96} />
          ))}
        </SimpleGrid>
      ) : reports.isError ? (
        <QueryError error={reports.error} onRetry={() => void reports.refetch()} />
      ) : reports.data.items.length === 0 ? (
        <EmptyState icon={<IconUsersGroup aria-hidden />} title={t('team.emptyTitle')} description={t('team.emptyBody')} />
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {reports.data.items.map((e) => (
            <Card key={e.id} component="li" withBorder padding="md" radius="md">
              <Group wrap="nowrap" gap="sm" align="flex-start">
                <Avatar color="teal" radius="xl" aria-hidden>
                  {e.familyName.slice(0, 1)}
                </Avatar>
                <Stack gap={2} style={{ minWidth: 0 }}>
                  <AnchorLink to="/employees/$id" params={{ id: e.id }} fw={600}>
                    {fullName(e)}
                  </AnchorLink>
                  <Text size="sm">{e.title ?? t('common.none')}</Text>
                  <Text size="xs" c="gray.7">
                    {e.department?.name ?? t('common.none')}
                  </Text>
                </Stack>
              </Group>
            </Card>
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}
