import { Group, Skeleton, Stack, Text, Timeline, Title, VisuallyHidden } from '@mantine/core';
import { IconCheck, IconMessages, IconX } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../components/links.js';
import { MeetingStatusBadge } from '../../components/MeetingBadges.js';
import { QueryError } from '../../components/QueryError.js';
import { currentLocale } from '../../i18n/index.js';
import { formatDateTime } from '../../lib/format.js';
import { hasMinutes, historyQuery } from '../../lib/followUp.js';
import { useMe } from '../../lib/session.js';
import { ListPagination } from '../../components/ListPagination.js';

const pageSize = 8;

/** これまでの1on1: the pair's timeline, newest first, each meeting with what was discussed and its minutes. */
export function HistorySection({ seriesId, page, onPage }: { seriesId: string; page: number; onPage: (page: number) => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const query = useQuery(historyQuery(seriesId, page, pageSize));

  let body: ReactNode;
  if (query.isPending) {
    body = (
      <Stack gap="xs" aria-busy="true">
        <VisuallyHidden role="status">{t('status.loading')}</VisuallyHidden>
        <Skeleton height={72} />
        <Skeleton height={72} />
      </Stack>
    );
  } else if (query.isError) {
    body = <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  } else if (query.data.items.length === 0) {
    body = (
      <Text size="sm" c="gray.7">
        {t('history.empty')}
      </Text>
    );
  } else {
    const pages = Math.max(1, Math.ceil(query.data.total / pageSize));
    body = (
      <Stack gap="sm">
        <Timeline bulletSize={24} lineWidth={2} active={-1} component="ol" p={0} m={0} style={{ listStyle: 'none' }}>
          {query.data.items.map((item) => {
            const when = formatDateTime(new Date(item.meeting.startsAt), currentLocale(), me.timeZone);
            const cancelled = item.meeting.status === 'cancelled';
            return (
              <Timeline.Item
                key={item.meeting.id}
                component="li"
                bullet={cancelled ? <IconX size={14} aria-hidden /> : item.meeting.status === 'acknowledged' ? <IconCheck size={14} aria-hidden /> : <IconMessages size={14} aria-hidden />}
                title={
                  <Group gap="xs" wrap="wrap">
                    <Text fw={700} td={cancelled ? 'line-through' : undefined} component="span">
                      {when}
                    </Text>
                    <MeetingStatusBadge status={item.meeting.status} />
                  </Group>
                }
              >
                <Stack gap={4} mt={4}>
                  {item.meeting.cancelReason ? <Text size="sm">{t('meeting.cancelReason', { reason: item.meeting.cancelReason })}</Text> : null}
                  {item.meeting.rescheduleReason ? (
                    <Text size="sm">{t('meeting.rescheduleReason', { reason: item.meeting.rescheduleReason })}</Text>
                  ) : null}
                  {item.discussedTopics.length > 0 ? (
                    <Text size="sm">{t('history.discussed', { topics: item.discussedTopics.join(currentLocale() === 'ja' ? '、' : ', ') })}</Text>
                  ) : null}
                  {item.minutesExcerpt ? (
                    <Text size="sm" c="gray.8" lineClamp={2}>
                      {item.minutesExcerpt}
                    </Text>
                  ) : null}
                  {item.actionItems.open + item.actionItems.done > 0 ? (
                    <Text size="xs" c="gray.7">
                      {t('history.actionItems', { open: item.actionItems.open, done: item.actionItems.done })}
                    </Text>
                  ) : null}
                  {cancelled ? null : (
                    <Group gap="md">
                      {hasMinutes(item.meeting.status) ? (
                        <AnchorLink to="/meetings/$meetingId/minutes" params={{ meetingId: item.meeting.id }} size="sm">
                          {t('history.openMinutes', { when })}
                        </AnchorLink>
                      ) : (
                        <AnchorLink to="/meetings/$meetingId" params={{ meetingId: item.meeting.id }} size="sm">
                          {t('history.openMeeting', { when })}
                        </AnchorLink>
                      )}
                    </Group>
                  )}
                </Stack>
              </Timeline.Item>
            );
          })}
        </Timeline>
        <ListPagination total={pages} value={page} onChange={onPage} label={t('series.pagination', { list: t('history.title') })} />
      </Stack>
    );
  }

  return (
    <Stack gap="sm" component="section" aria-labelledby="series-history">
      <Title order={2} size="h3" id="series-history">
        {t('history.title')}
      </Title>
      {body}
    </Stack>
  );
}
