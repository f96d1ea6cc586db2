import { Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { MeetingDetail } from '../../../domain/meetings.js';
import { ActionItemBadges } from '../../components/ActionItemBadges.js';
import { QueryError } from '../../components/QueryError.js';
import { openActionItemsQuery } from '../../lib/followUp.js';

/**
 * The pair's action items still open from earlier meetings, overdue first: they carry over into the
 * next 1on1 until done (SPEC §3.2), so both see them while preparing.
 */
export function CarriedActionItems({ detail }: { detail: MeetingDetail }) {
  const { t } = useTranslation();
  const query = useQuery(openActionItemsQuery(detail.meeting.id));
  const carried = query.data?.items.filter((a) => a.meetingId !== detail.meeting.id) ?? [];
  return (
    <Stack gap="sm" component="section" aria-labelledby="carried-items-title" id="carried-items">
      <Title order={2} size="h3" id="carried-items-title">
        {t('meeting.carriedItems')}
      </Title>
      {query.isPending ? (
        <Skeleton height={48} />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : carried.length === 0 ? (
        <Text size="sm" c="gray.7">
          {t('meeting.carriedItemsEmpty')}
        </Text>
      ) : (
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {carried.map((a) => (
            <Stack key={a.id} component="li" gap={2}>
              <Text size="sm" fw={600}>
                {a.title}
              </Text>
              <ActionItemBadges item={a} />
            </Stack>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
