import { Avatar, Badge, Card, EmptyState, Group, SimpleGrid, Skeleton, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import {
  IconCalendarEvent,
  IconCalendarPlus,
  IconCheck,
  IconClipboardText,
  IconMessageQuestion,
  IconMoodSmile,
  IconPencilPlus,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ButtonLink } from '../../components/links.js';
import { MeetingFlags } from '../../components/MeetingBadges.js';
import { isToday } from '../../components/MeetingFlowLink.js';
import { RoomButton } from '../../components/RoomButton.js';
import { QueryError } from '../../components/QueryError.js';
import { currentLocale } from '../../i18n/index.js';
import { formatDateTime, fullName } from '../../lib/format.js';
import { homeQuery, type HomeTask, type UpcomingMeeting } from '../../lib/oneOnOne.js';
import { useMe } from '../../lib/session.js';

const taskIcon: Record<HomeTask, ReactNode> = {
  addTopics: <IconPencilPlus size={16} aria-hidden />,
  answerPreQuestions: <IconMessageQuestion size={16} aria-hidden />,
  checkIn: <IconMoodSmile size={16} aria-hidden />,
  askPreQuestions: <IconMessageQuestion size={16} aria-hidden />,
  readPrepBrief: <IconClipboardText size={16} aria-hidden />,
};

const taskHash: Record<Exclude<HomeTask, 'readPrepBrief'>, string> = {
  addTopics: 'agenda',
  answerPreQuestions: 'pre-questions',
  checkIn: 'condition',
  askPreQuestions: 'pre-questions',
};

function TaskButton({ task, meetingId, primary }: { task: HomeTask; meetingId: string; primary: boolean }) {
  const { t } = useTranslation();
  const variant = primary ? 'filled' : 'light';
  if (task === 'readPrepBrief') {
    return (
      <ButtonLink to="/meetings/$meetingId/prep" params={{ meetingId }} size="sm" variant={variant} leftSection={taskIcon[task]}>
        {t(`home.task.${task}`)}
      </ButtonLink>
    );
  }
  return (
    <ButtonLink to="/meetings/$meetingId" params={{ meetingId }} hash={taskHash[task]} size="sm" variant={variant} leftSection={taskIcon[task]}>
      {t(`home.task.${task}`)}
    </ButtonLink>
  );
}

function PrepStatus({ item }: { item: UpcomingMeeting }) {
  const { t } = useTranslation();
  const { prep } = item;
  return (
    <SimpleGrid cols={3} spacing="xs" component="dl" m={0}>
      <Stack gap={0}>
        <Text component="dt" size="xs" c="gray.7">
          {t('home.prep.reportTopics')}
        </Text>
        <Text component="dd" m={0} fw={700}>
          {t('home.prep.count', { count: prep.reportTopics })}
        </Text>
      </Stack>
      <Stack gap={0}>
        <Text component="dt" size="xs" c="gray.7">
          {t('home.prep.preQuestions')}
        </Text>
        <Text component="dd" m={0} fw={700}>
          {prep.preQuestions === 0 ? '—' : `${prep.preQuestionsAnswered}/${prep.preQuestions}`}
          {prep.preQuestions === 0 ? <VisuallyHidden>{t('home.prep.noPreQuestions')}</VisuallyHidden> : null}
        </Text>
      </Stack>
      <Stack gap={0}>
        <Text component="dt" size="xs" c="gray.7">
          {t('home.prep.condition')}
        </Text>
        <Text component="dd" m={0} fw={700}>
          {prep.checkedIn ? (
            <Group gap={4} component="span" c="teal.8">
              <IconCheck size={16} aria-hidden />
              {t('home.prep.checkedIn')}
            </Group>
          ) : (
            <>
              <span aria-hidden>—</span>
              <VisuallyHidden>{t('home.prep.notCheckedIn')}</VisuallyHidden>
            </>
          )}
        </Text>
      </Stack>
    </SimpleGrid>
  );
}

function UpcomingCard({ item }: { item: UpcomingMeeting }) {
  const { t } = useTranslation();
  const me = useMe();
  const headingId = `upcoming-${item.meeting.id}`;
  // On the day (or once it runs) the room is the next place to go.
  const roomNow = item.meeting.status === 'inProgress' || isToday(item.meeting, me.timeZone);
  return (
    <Card withBorder radius="md" padding="md" component="article" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
          <Avatar color="teal" radius="xl" aria-hidden>
            {item.partner.familyName.slice(0, 1)}
          </Avatar>
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Title order={3} size="h4" id={headingId}>
              {t('home.withPartner', { name: fullName(item.partner) })}
            </Title>
            <Text size="sm" fw={600}>
              {formatDateTime(new Date(item.meeting.startsAt), currentLocale(), me.timeZone)}
            </Text>
          </Stack>
        </Group>
        <Group gap={6}>
          <Badge variant="light" color={item.myRole === 'manager' ? 'indigo' : 'teal'} style={{ textTransform: 'none' }}>
            {t(`home.myRole.${item.myRole}`)}
          </Badge>
          <MeetingFlags meeting={item.meeting} />
        </Group>
        <PrepStatus item={item} />
        <Group gap="xs">
          {roomNow ? <RoomButton meeting={item.meeting} label="open" size="sm" /> : null}
          {item.tasks.map((task, i) => (
            <TaskButton key={task} task={task} meetingId={item.meeting.id} primary={!roomNow && i === 0} />
          ))}
          <ButtonLink to="/meetings/$meetingId" params={{ meetingId: item.meeting.id }} size="sm" variant="default">
            {t('home.openMeeting')}
          </ButtonLink>
        </Group>
        {item.tasks.length === 0 ? (
          <Text size="sm" c="teal.8">
            {t('home.allPrepared')}
          </Text>
        ) : null}
      </Stack>
    </Card>
  );
}

/** 「次の1on1」: the next meeting of each series with what is prepared and what the user is asked to do. */
export function UpcomingMeetings() {
  const { t } = useTranslation();
  const home = useQuery(homeQuery);

  let body: ReactNode;
  if (home.isPending) {
    body = (
      <SimpleGrid cols={{ base: 1, md: 2 }} aria-busy="true">
        <VisuallyHidden role="status">{t('status.loading')}</VisuallyHidden>
        <Skeleton height={200} />
        <Skeleton height={200} />
      </SimpleGrid>
    );
  } else if (home.isError) {
    body = <QueryError error={home.error} onRetry={() => void home.refetch()} />;
  } else {
    const { upcoming, reportsWithoutSeries, canCreateSeries } = home.data;
    body = (
      <Stack gap="md">
        {upcoming.length === 0 ? (
          <Card withBorder radius="md" padding="lg">
            <EmptyState
              icon={<IconCalendarEvent aria-hidden />}
              title={t('home.noUpcomingTitle')}
              description={canCreateSeries ? t('home.noUpcomingManagerBody') : t('home.noUpcomingBody')}
            >
              {canCreateSeries ? (
                <ButtonLink to="/one-on-ones" leftSection={<IconCalendarPlus size={18} aria-hidden />}>
                  {t('series.setUp')}
                </ButtonLink>
              ) : null}
            </EmptyState>
          </Card>
        ) : (
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            {upcoming.map((item) => (
              <UpcomingCard key={item.meeting.id} item={item} />
            ))}
          </SimpleGrid>
        )}
        {reportsWithoutSeries.length > 0 ? (
          <Card withBorder radius="md" padding="md" bg="orange.0" component="section" aria-labelledby="home-without-series">
            <Stack gap="sm">
              <Title order={3} size="h5" id="home-without-series">
                {t('home.withoutSeriesTitle', { count: reportsWithoutSeries.length })}
              </Title>
              <Text size="sm">{t('home.withoutSeriesLead')}</Text>
              <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
                {reportsWithoutSeries.map((person) => (
                  <Group key={person.id} component="li" justify="space-between" gap="sm" wrap="wrap">
                    <Text fw={600}>{fullName(person)}</Text>
                    <ButtonLink
                      to="/one-on-ones"
                      search={{ setUp: person.id }}
                      size="xs"
                      leftSection={<IconCalendarPlus size={16} aria-hidden />}
                      aria-label={t('home.setUpWith', { name: fullName(person) })}
                    >
                      {t('series.setUp')}
                    </ButtonLink>
                  </Group>
                ))}
              </Stack>
            </Stack>
          </Card>
        ) : null}
      </Stack>
    );
  }

  return (
    <Stack gap="sm" component="section" aria-labelledby="home-upcoming">
      <Title order={2} size="h3" id="home-upcoming">
        {t('home.upcomingTitle')}
      </Title>
      {body}
    </Stack>
  );
}
