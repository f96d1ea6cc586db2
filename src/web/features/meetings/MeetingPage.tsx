import { Divider, Group, Paper, Skeleton, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { IconArrowLeft, IconClipboardText } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useLocation } from '@tanstack/react-router';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { AnchorLink, ButtonLink } from '../../components/links.js';
import { MeetingChangeActions } from '../../components/MeetingChangeActions.js';
import { MeetingFlags, MeetingStatusBadge } from '../../components/MeetingBadges.js';
import { MeetingFlowLink } from '../../components/MeetingFlowLink.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryError } from '../../components/QueryError.js';
import { currentLocale } from '../../i18n/index.js';
import { formatDateTime, fullName } from '../../lib/format.js';
import { meetingQuery } from '../../lib/oneOnOne.js';
import { useMe } from '../../lib/session.js';
import { AgendaSection } from './AgendaSection.js';
import { CarriedActionItems } from './CarriedActionItems.js';
import { CheckInSection } from './CheckInSection.js';
import { PreQuestionsSection } from './PreQuestionsSection.js';

/** Preparing one 1on1 (準備): the purpose on top, then the agenda, pre-questions and condition. */
export function MeetingPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const query = useQuery(meetingQuery(id));
  const { hash } = useLocation();
  const loaded = query.isSuccess;

  // Links from home point at a section (#agenda, #pre-questions, #condition): go there once it exists.
  useEffect(() => {
    if (!loaded || !hash) return;
    document.getElementById(hash)?.scrollIntoView({ block: 'start' });
  }, [loaded, hash]);

  if (query.isPending) {
    return (
      <Stack gap="md" aria-busy="true">
        <VisuallyHidden role="status">{t('status.loading')}</VisuallyHidden>
        <Skeleton height={36} width="50%" />
        <Skeleton height={100} />
        <Skeleton height={240} />
      </Stack>
    );
  }
  if (query.isError) {
    return (
      <Stack gap="md">
        <AnchorLink to="/one-on-ones" size="sm">
          {t('series.backToList')}
        </AnchorLink>
        <PageHeader title={t('meeting.title')} />
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      </Stack>
    );
  }
  const detail = query.data;
  const { meeting, series } = detail;
  const partner = series.myRole === 'manager' ? series.report : series.manager;

  return (
    <Stack gap="lg">
      <AnchorLink to="/one-on-ones/$seriesId" params={{ seriesId: series.id }} size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={16} aria-hidden />
          {t('meeting.backToSeries', { name: fullName(partner) })}
        </Group>
      </AnchorLink>
      <PageHeader
        title={t('series.withPartner', { name: fullName(partner) })}
        description={
          <Group gap="xs" component="span" wrap="wrap">
            <Text span fw={600} c="dark">
              {formatDateTime(new Date(meeting.startsAt), currentLocale(), me.timeZone)}
            </Text>
            <span>{t('series.minutes', { count: meeting.durationMinutes })}</span>
            <MeetingStatusBadge status={meeting.status} />
          </Group>
        }
        actions={
          <>
            {meeting.abilities.viewPrepBrief ? (
              <ButtonLink
                to="/meetings/$meetingId/prep"
                params={{ meetingId: meeting.id }}
                variant="default"
                leftSection={<IconClipboardText size={18} aria-hidden />}
              >
                {t('meeting.openPrepBrief')}
              </ButtonLink>
            ) : null}
            <MeetingFlowLink meeting={meeting} />
          </>
        }
      />
      <Stack gap="xs">
        <MeetingFlags meeting={meeting} />
        {meeting.reason ? (
          <Text size="sm" c="gray.8">
            {meeting.status === 'cancelled' ? t('meeting.cancelReason', { reason: meeting.reason }) : t('meeting.rescheduleReason', { reason: meeting.reason })}
          </Text>
        ) : null}
        <MeetingChangeActions meeting={meeting} />
      </Stack>

      <Paper withBorder p="md" radius="md" bg="teal.0" component="section" aria-labelledby="meeting-purpose">
        <Title order={2} size="h4" id="meeting-purpose" mb={4}>
          {t('series.purpose')}
        </Title>
        <Text style={{ whiteSpace: 'pre-wrap' }}>{series.purpose ?? t('series.defaultPurpose')}</Text>
      </Paper>

      <AgendaSection detail={detail} />
      <Divider />
      <CarriedActionItems detail={detail} />
      <Divider />
      <PreQuestionsSection detail={detail} />
      <Divider />
      <CheckInSection detail={detail} />
    </Stack>
  );
}
