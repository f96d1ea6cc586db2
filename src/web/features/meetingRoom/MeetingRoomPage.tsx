import { Alert, Button, Grid, Group, Paper, Skeleton, Spoiler, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconBook, IconFileText } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AppModal } from '../../components/AppModal.js';
import { AnchorLink, ButtonLink } from '../../components/links.js';
import { MeetingStatusBadge } from '../../components/MeetingBadges.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryError } from '../../components/QueryError.js';
import { RoomButton } from '../../components/RoomButton.js';
import { currentLocale } from '../../i18n/index.js';
import { formatDateTime, fullName } from '../../lib/format.js';
import { finishMeeting, flowQuery, followUpKeys, hasMinutes, openActionItemsQuery } from '../../lib/followUp.js';
import { meetingQuery } from '../../lib/oneOnOne.js';
import { useMe } from '../../lib/session.js';
import { useApiMutation } from '../../lib/useApiMutation.js';
import { FeedbackSection } from './FeedbackSection.js';
import { GuidanceDrawer } from './GuidanceDrawer.js';
import classes from './MeetingRoom.module.css';
import { NextStepsSection } from './NextStepsSection.js';
import { PrivateNoteSection } from './PrivateNoteSection.js';
import { RoomAgenda } from './RoomAgenda.js';
import { RoomPresence } from './RoomPresence.js';
import { RoomTimer } from './RoomTimer.js';
import { TalkBalancePanel } from './TalkBalancePanel.js';
import { useRoomLive } from './useRoomLive.js';
import type { SharedNotesLabels } from './SharedNotesEditor.js';
import { FormError } from '../../components/FormError.js';

/** The real-time editor (Tiptap, Yjs, Hocuspocus) is loaded with the room only, not with every page. */
const SharedNotesEditor = lazy(() => import('./SharedNotesEditor.js').then((m) => ({ default: m.SharedNotesEditor })));

/**
 * When this browser first saw the meeting running: the timer's start. The API has no start time
 * of its own yet, so each side counts from when they joined (kept across reloads).
 */
/** The meeting room (実施): both people at once — agenda, coaching tips, shared and private notes, next steps, feedback. */
export function MeetingRoomPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const flow = useQuery(flowQuery(id));
  const live = flow.data?.meeting.status === 'inProgress' || flow.data?.meeting.status === 'scheduled';
  const detail = useQuery(meetingQuery(id));
  const open = useQuery(openActionItemsQuery(id));
  // What the partner marks and adds arrives over the room's event stream; nothing polls.
  const roomLive = useRoomLive(id, live);
  const [guide, setGuide] = useState(false);
  const [confirm, setConfirm] = useState(false);
  const finish = useApiMutation(() => finishMeeting(id), {
    invalidate: followUpKeys,
    onSuccess: async () => {
      setConfirm(false);
      notifications.show({ color: 'teal', message: t('room.finished') });
      await navigate({ to: '/meetings/$meetingId/minutes', params: { meetingId: id } });
    },
  });
  const started = flow.data?.meeting.startedAt;
  const startedAt = useMemo(() => (started ? Date.parse(started) : Date.now()), [started]);

  const refresh = () => Promise.all(followUpKeys.map((queryKey) => queryClient.invalidateQueries({ queryKey: [...queryKey] })));

  const labels: SharedNotesLabels = {
    region: t('room.sharedNotes'),
    placeholder: t('room.sharedNotesPlaceholder'),
    connecting: t('room.notes.connecting'),
    connected: t('room.notes.connected'),
    saving: t('room.notes.saving'),
    saved: t('room.notes.saved'),
    offline: t('room.notes.offline'),
    denied: t('room.notes.denied'),
  };

  if (flow.isPending || detail.isPending) {
    return (
      <Stack gap="md" aria-busy="true">
        <VisuallyHidden role="status">{t('status.loading')}</VisuallyHidden>
        <Skeleton height={36} width="50%" />
        <Skeleton height={80} />
        <Skeleton height={320} />
      </Stack>
    );
  }
  if (flow.isError || detail.isError) {
    const error = flow.error ?? detail.error;
    return (
      <Stack gap="md">
        <AnchorLink to="/one-on-ones" size="sm">
          {t('series.backToList')}
        </AnchorLink>
        <PageHeader title={t('room.titleShort')} />
        <QueryError
          error={error}
          onRetry={() => {
            void flow.refetch();
            void detail.refetch();
          }}
        />
      </Stack>
    );
  }

  const { meeting, abilities } = flow.data;
  const { series, topics } = detail.data;
  const partner = series.myRole === 'manager' ? series.report : series.manager;
  const shared = topics.filter((x) => x.visibility === 'pair');
  const drafts = topics.length - shared.length;
  const openItems = open.data?.items ?? [];
  const carried = openItems.filter((x) => x.meetingId !== id);
  const made = openItems.filter((x) => x.meetingId === id);
  const running = meeting.status === 'inProgress';
  const editable = meeting.status === 'inProgress' || meeting.status === 'scheduled';
  const undiscussed = shared.filter((x) => !x.discussed).length;

  return (
    <Stack gap="md">
      <AnchorLink to="/meetings/$meetingId" params={{ meetingId: id }} size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={16} aria-hidden />
          {t('room.backToMeeting')}
        </Group>
      </AnchorLink>
      <PageHeader
        title={t('room.title', { name: fullName(partner) })}
        description={
          <Group gap="xs" component="span" wrap="wrap">
            <span>{formatDateTime(new Date(meeting.startsAt), currentLocale(), me.timeZone)}</span>
            <MeetingStatusBadge status={meeting.status} />
          </Group>
        }
        actions={
          <>
            <Button variant="default" leftSection={<IconBook size={18} aria-hidden />} onClick={() => setGuide(true)}>
              {t('room.openGuidance')}
            </Button>
            {abilities.finish ? (
              <Button
                leftSection={<IconFileText size={18} aria-hidden />}
                onClick={() => {
                  finish.reset();
                  setConfirm(true);
                }}
              >
                {t('room.finish')}
              </Button>
            ) : null}
          </>
        }
      />

      {live ? <RoomPresence live={roomLive} name={partner.familyName} /> : null}

      {meeting.status === 'scheduled' ? (
        <Alert color="blue" variant="light" title={t('room.notStartedTitle')}>
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{t('room.notStartedBody')}</Text>
            {abilities.start ? <RoomButton meeting={meeting} size="sm" /> : null}
          </Stack>
        </Alert>
      ) : null}
      {hasMinutes(meeting.status) ? (
        <Alert color="teal" variant="light" title={t('room.endedTitle')}>
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{t('room.endedBody')}</Text>
            <ButtonLink to="/meetings/$meetingId/minutes" params={{ meetingId: id }} size="sm">
              {t('room.toMinutes')}
            </ButtonLink>
          </Stack>
        </Alert>
      ) : null}
      {meeting.status === 'cancelled' ? (
        <Alert color="red" variant="light" title={t('room.cancelledTitle')}>
          {meeting.reason ? t('meeting.cancelReason', { reason: meeting.reason }) : null}
        </Alert>
      ) : null}

      <Paper withBorder p="sm" radius="md" bg="teal.0" className={classes.bar} component="section" aria-labelledby="room-purpose">
        <Group justify="space-between" align="flex-start" gap="md" wrap="wrap">
          <Stack gap={2} style={{ flex: '1 1 14rem', minWidth: 0 }}>
            <Title order={2} size="h5" id="room-purpose">
              {t('series.purpose')}
            </Title>
            <Spoiler maxHeight={48} showLabel={t('room.purposeMore')} hideLabel={t('room.purposeLess')}>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {series.purpose ?? t('series.defaultPurpose')}
              </Text>
            </Spoiler>
          </Stack>
          {running ? <RoomTimer startedAt={startedAt} plannedMinutes={meeting.durationMinutes} /> : null}
        </Group>
      </Paper>

      {editable ? <TalkBalancePanel meetingId={id} myRole={series.myRole === 'manager' ? 'manager' : 'report'} running={running} /> : null}

      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="lg">
            <RoomAgenda
              key={shared.length === 0 ? 'empty' : 'topics'}
              meetingId={id}
              topics={shared}
              draftCount={drafts}
              carriedItems={carried}
              canMark={abilities.markDiscussed}
              onChanged={refresh}
            />
            <Stack gap="xs" component="section" aria-labelledby="room-shared-notes">
              <Title order={2} size="h3" id="room-shared-notes">
                {t('room.sharedNotes')}
              </Title>
              <Text size="sm" c="gray.7">
                {t('room.sharedNotesLead', { name: partner.familyName })}
              </Text>
              <Suspense fallback={<Skeleton height={160} aria-label={labels.connecting} />}>
                <SharedNotesEditor meetingId={id} labels={labels} editable={editable} />
              </Suspense>
            </Stack>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="md">
            <PrivateNoteSection meetingId={id} />
            <NextStepsSection
              meetingId={id}
              manager={series.manager}
              report={series.report}
              myId={me.id}
              items={made}
              canAdd={abilities.addActionItem && editable}
              onChanged={refresh}
            />
            <FeedbackSection meetingId={id} partner={partner} canAdd={abilities.addFeedback && editable} />
          </Stack>
        </Grid.Col>
      </Grid>

      {abilities.finish ? (
        <Group justify="flex-end">
          <Button
            w={{ base: '100%', xs: 'auto' }}
            leftSection={<IconFileText size={18} aria-hidden />}
            onClick={() => {
              finish.reset();
              setConfirm(true);
            }}
          >
            {t('room.finish')}
          </Button>
        </Group>
      ) : null}

      <GuidanceDrawer meetingId={id} opened={guide} onClose={() => setGuide(false)} />

      <AppModal opened={confirm} onClose={() => setConfirm(false)} title={t('room.finishTitle')}>
        <Stack gap="md">
          <Text size="sm">{t('room.finishBody')}</Text>
          {undiscussed > 0 ? (
            <Text size="sm" fw={600}>
              {t('room.finishCarry', { count: undiscussed })}
            </Text>
          ) : null}
          <FormError message={finish.formError} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirm(false)}>
              {t('room.keepGoing')}
            </Button>
            <Button loading={finish.isPending} onClick={() => finish.mutate()}>
              {t('room.finishSubmit')}
            </Button>
          </Group>
        </Stack>
      </AppModal>
    </Stack>
  );
}
