import {
  Button,
  Card,
  EmptyState,
  Group,
  NumberInput,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconCalendarCog, IconCalendarOff, IconCalendarPlus, IconEdit, IconPlayerPause, IconPlayerPlay, IconSquareX } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { extraMeetingSchema, purposeMax, reasonMax, seriesUpdateSchema, type Meeting, type Series } from '../../../domain/series.js';
import { AnchorLink } from '../../components/links.js';
import { AppModal } from '../../components/AppModal.js';
import { MeetingChangeActions, useRefreshOneOnOnes } from '../../components/MeetingChangeActions.js';
import { MeetingFlags, MeetingStatusBadge } from '../../components/MeetingBadges.js';
import { SeriesSignals } from './SeriesSignals.js';
import { ScheduleEditForm } from './ScheduleEditForm.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryError } from '../../components/QueryError.js';
import { currentLocale } from '../../i18n/index.js';
import { formatDateTime, fullName, zonedParts, zonedToIso } from '../../lib/format.js';
import { asRequest, schemaErrors } from '../../lib/formSchema.js';
import { changeSeriesStatus, oneOnOneKeys, requestExtraMeeting, seriesMeetingsQuery, seriesQuery, updateSeries } from '../../lib/oneOnOne.js';
import { describeCadence } from '../../lib/schedule.js';
import { useMe } from '../../lib/session.js';
import { HistorySection } from './HistorySection.js';
import { ReportGoalsSection } from '../../components/GoalList.js';
import { SeriesStatusBadge } from './SeriesStatusBadge.js';
import { useApiMutation } from '../../lib/useApiMutation.js';
import { ListPagination } from '../../components/ListPagination.js';
import { FormError } from '../../components/FormError.js';

const upcomingPageSize = 5;

function PurposeSection({ series }: { series: Series }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(series.purpose ?? t('series.defaultPurpose'));
  const update = useApiMutation((purpose: string | null) => updateSeries(series.id, { purpose }), {
    invalidate: oneOnOneKeys,
    onSuccess: () => {
      setEditing(false);
      notifications.show({ color: 'teal', message: t('series.purposeSaved') });
    },
  });
  const error = update.fields.purpose ?? update.formError;

  const save = (reset = false) => {
    const purpose = reset ? null : value.trim();
    const problems = schemaErrors(seriesUpdateSchema, { purpose });
    update.setFields(problems);
    if (Object.keys(problems).length === 0) update.mutate(purpose);
  };

  return (
    <Paper withBorder p="md" radius="md" bg="teal.0" component="section" aria-labelledby="series-purpose">
      <Stack gap="xs">
        <Group justify="space-between" gap="sm">
          <Title order={2} size="h4" id="series-purpose">
            {t('series.purpose')}
          </Title>
          {series.abilities.update && !editing ? (
            <Button
              size="xs"
              variant="default"
              leftSection={<IconEdit size={14} aria-hidden />}
              onClick={() => {
                setValue(series.purpose ?? t('series.defaultPurpose'));
                update.reset();
                setEditing(true);
              }}
            >
              {t('series.editPurpose')}
            </Button>
          ) : null}
        </Group>
        {editing ? (
          <Stack gap="sm">
            <Textarea
              label={t('series.purpose')}
              description={t('series.purposeEditHint')}
              autosize
              minRows={3}
              maxLength={purposeMax}
              value={value}
              onChange={(e) => setValue(e.currentTarget.value)}
              error={error}
              data-autofocus
            />
            <Group justify="flex-end" gap="sm">
              {series.purpose !== null ? (
                <Button variant="subtle" onClick={() => save(true)} disabled={update.isPending}>
                  {t('series.resetPurpose')}
                </Button>
              ) : null}
              <Button variant="default" onClick={() => setEditing(false)}>
                {t('actions.cancel')}
              </Button>
              <Button loading={update.isPending} onClick={() => save()}>
                {t('actions.save')}
              </Button>
            </Group>
          </Stack>
        ) : (
          <Stack gap={4}>
            <Text style={{ whiteSpace: 'pre-wrap' }}>{series.purpose ?? t('series.defaultPurpose')}</Text>
            {series.purpose === null ? (
              <Text size="xs" c="gray.7">
                {t('series.defaultPurposeNote')}
              </Text>
            ) : null}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

function MeetingRow({ meeting, past }: { meeting: Meeting; past: boolean }) {
  const { t } = useTranslation();
  const me = useMe();
  const when = formatDateTime(new Date(meeting.startsAt), currentLocale(), me.timeZone);
  const cancelled = meeting.status === 'cancelled';
  return (
    <Card withBorder radius="md" padding="sm" component="li">
      <Stack gap={6}>
        <Group justify="space-between" gap="sm" wrap="wrap">
          <Group gap="sm" wrap="wrap">
            {cancelled ? (
              <Text fw={600} td="line-through">
                {when}
              </Text>
            ) : (
              <AnchorLink to="/meetings/$meetingId" params={{ meetingId: meeting.id }} fw={600}>
                {when}
              </AnchorLink>
            )}
            <MeetingStatusBadge status={meeting.status} />
          </Group>
          {!past ? <MeetingChangeActions meeting={meeting} size="xs" /> : null}
        </Group>
        <MeetingFlags meeting={meeting} />
        {meeting.reason && (cancelled || meeting.rescheduled) ? (
          <Text size="sm" c="gray.8">
            {cancelled ? t('meeting.cancelReason', { reason: meeting.reason }) : t('meeting.rescheduleReason', { reason: meeting.reason })}
          </Text>
        ) : null}
      </Stack>
    </Card>
  );
}

function MeetingList({
  seriesId,
  when,
  page,
  onPage,
  pageSize,
  title,
  empty,
}: {
  seriesId: string;
  when: 'upcoming' | 'past';
  page: number;
  onPage: (p: number) => void;
  pageSize: number;
  title: string;
  empty: string;
}) {
  const { t } = useTranslation();
  const query = useQuery(seriesMeetingsQuery(seriesId, when, page, pageSize));
  const id = `series-${when}`;
  let body: ReactNode;
  if (query.isPending) {
    body = (
      <Stack gap="xs" aria-busy="true">
        <VisuallyHidden role="status">{t('status.loading')}</VisuallyHidden>
        <Skeleton height={64} />
        <Skeleton height={64} />
      </Stack>
    );
  } else if (query.isError) {
    body = <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  } else if (query.data.items.length === 0) {
    body = (
      <Text size="sm" c="gray.7">
        {empty}
      </Text>
    );
  } else {
    const total = Math.max(1, Math.ceil(query.data.total / pageSize));
    body = (
      <Stack gap="sm">
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {query.data.items.map((m) => (
            <MeetingRow key={m.id} meeting={m} past={when === 'past'} />
          ))}
        </Stack>
        <ListPagination total={total} value={page} onChange={onPage} label={t('series.pagination', { list: title })} />
      </Stack>
    );
  }
  return (
    <Stack gap="sm" component="section" aria-labelledby={id}>
      <Title order={2} size="h3" id={id}>
        {title}
      </Title>
      {body}
    </Stack>
  );
}

function ExtraRequestForm({ series, onDone, onCancel }: { series: Series; onDone: () => Promise<void>; onCancel: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const today = zonedParts(new Date(Date.now() + 24 * 3600_000), me.timeZone);
  const [date, setDate] = useState(today.date);
  const [time, setTime] = useState(series.schedule.startTime);
  const [duration, setDuration] = useState<number | string>(series.schedule.durationMinutes);
  const [reason, setReason] = useState('');
  const request = useApiMutation((body: Parameters<typeof requestExtraMeeting>[1]) => requestExtraMeeting(series.id, body), { onSuccess: onDone });
  const { fields } = request;

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const body = {
          startsAt: date && time ? zonedToIso(date, time, me.timeZone) : undefined,
          durationMinutes: duration === '' ? undefined : Number(duration),
          ...(reason.trim() ? { reason: reason.trim() } : {}),
        };
        const problems = schemaErrors(extraMeetingSchema, body);
        request.setFields(problems);
        if (Object.keys(problems).length === 0) request.mutate(asRequest(extraMeetingSchema, body));
      }}
    >
      <Stack gap="md">
        <Text size="sm">{t('series.extraLead')}</Text>
        <FormError message={request.formError} />
        <SimpleGrid cols={{ base: 1, xs: 3 }}>
          <TextInput type="date" label={t('fields.date')} required value={date} onChange={(e) => setDate(e.currentTarget.value)} error={fields.startsAt} />
          <TextInput type="time" label={t('fields.time')} required value={time} onChange={(e) => setTime(e.currentTarget.value)} />
          <NumberInput
            label={t('schedule.duration')}
            min={10}
            max={240}
            step={5}
            allowDecimal={false}
            suffix={t('schedule.minutesSuffix')}
            value={duration}
            onChange={setDuration}
            error={fields.durationMinutes}
          />
        </SimpleGrid>
        <Textarea
          label={t('series.extraReason')}
          description={t('series.extraReasonHint')}
          autosize
          minRows={2}
          maxLength={reasonMax}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={fields.reason}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            {t('actions.cancel')}
          </Button>
          <Button type="submit" loading={request.isPending}>
            {t('series.extraSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

type StatusAction = 'pause' | 'resume' | 'end';

/** One series: its purpose, cadence and status, extra requests, and its meetings ahead and behind. */
export function SeriesPage({ id, pastPage, onPastPageChange }: { id: string; pastPage: number; onPastPageChange: (page: number) => void }) {
  const { t } = useTranslation();
  const query = useQuery(seriesQuery(id));
  const refresh = useRefreshOneOnOnes();
  const [upcomingPage, setUpcomingPage] = useState(1);
  const [confirm, setConfirm] = useState<StatusAction | null>(null);
  const [extra, setExtra] = useState(false);
  const [editingSchedule, setEditingSchedule] = useState(false);
  const status = useApiMutation((action: StatusAction) => changeSeriesStatus(id, action), {
    invalidate: oneOnOneKeys,
    onSuccess: (_series, action) => {
      setConfirm(null);
      notifications.show({ color: 'teal', message: t(`series.statusDone.${action}`) });
    },
  });

  const back = (
    <AnchorLink to="/one-on-ones" size="sm">
      <Group gap={4} component="span">
        <IconArrowLeft size={16} aria-hidden />
        {t('series.backToList')}
      </Group>
    </AnchorLink>
  );

  if (query.isPending) {
    return (
      <Stack gap="md" aria-busy="true">
        <VisuallyHidden role="status">{t('status.loading')}</VisuallyHidden>
        <Skeleton height={36} width="50%" />
        <Skeleton height={120} />
        <Skeleton height={200} />
      </Stack>
    );
  }
  if (query.isError) {
    return (
      <Stack gap="md">
        {back}
        <PageHeader title={t('series.detailTitle')} />
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      </Stack>
    );
  }
  const s = query.data;
  const partner = s.myRole === 'manager' ? s.report : s.manager;

  const ask = (action: StatusAction) => {
    status.reset();
    setConfirm(action);
  };

  return (
    <Stack gap="lg">
      {back}
      <PageHeader
        title={t('series.withPartner', { name: fullName(partner) })}
        description={
          <Group gap="xs" component="span" wrap="wrap">
            <SeriesStatusBadge status={s.status} />
            <span>
              {describeCadence(s.schedule, t)} · {t('series.minutes', { count: s.schedule.durationMinutes })} · {s.schedule.timeZone}
            </span>
          </Group>
        }
        actions={
          <>
            {s.abilities.requestExtra ? (
              <Button leftSection={<IconCalendarPlus size={18} aria-hidden />} onClick={() => setExtra(true)}>
                {t('series.requestExtra')}
              </Button>
            ) : null}
            {s.abilities.update && s.myRole === 'manager' ? (
              <Button variant="default" leftSection={<IconCalendarCog size={18} aria-hidden />} onClick={() => setEditingSchedule(true)}>
                {t('series.editSchedule')}
              </Button>
            ) : null}
            {s.abilities.pause ? (
              <Button variant="default" leftSection={<IconPlayerPause size={18} aria-hidden />} onClick={() => ask('pause')}>
                {t('series.pause')}
              </Button>
            ) : null}
            {s.abilities.resume ? (
              <Button variant="default" leftSection={<IconPlayerPlay size={18} aria-hidden />} onClick={() => ask('resume')}>
                {t('series.resume')}
              </Button>
            ) : null}
            {s.abilities.end ? (
              <Button variant="outline" color="red.9" leftSection={<IconSquareX size={18} aria-hidden />} onClick={() => ask('end')}>
                {t('series.end')}
              </Button>
            ) : null}
          </>
        }
      />

      <PurposeSection key={s.purpose} series={s} />

      {s.myRole === 'manager' && s.status !== 'pending' && s.status !== 'declined' ? <SeriesSignals seriesId={s.id} /> : null}

      {s.status === 'active' ? (
        <MeetingList
          seriesId={s.id}
          when="upcoming"
          page={upcomingPage}
          onPage={setUpcomingPage}
          pageSize={upcomingPageSize}
          title={t('series.upcoming')}
          empty={t('series.upcomingEmpty')}
        />
      ) : (
        <Card withBorder radius="md" padding="lg">
          <EmptyState
            icon={<IconCalendarOff aria-hidden />}
            title={
              s.status === 'pending' ? t('seriesStatus.pending') : s.status === 'paused' ? t('series.pausedTitle') : t('series.endedTitle')
            }
            description={
              s.status === 'pending'
                ? s.abilities.accept
                  ? t('seriesOffer.offeredBody')
                  : t('seriesOffer.waiting', { name: fullName(s.report) })
                : s.status === 'paused'
                  ? t('series.pausedBody')
                  : t('series.endedBody')
            }
          />
        </Card>
      )}

      {s.status === 'active' && s.myRole === 'manager' ? <ReportGoalsSection report={s.report} /> : null}

      {s.abilities.readContent ? <HistorySection seriesId={s.id} page={pastPage} onPage={onPastPageChange} /> : null}

      <AppModal opened={confirm !== null} onClose={() => setConfirm(null)} title={confirm ? t(`series.confirm.${confirm}.title`) : ''}>
        <Stack gap="md">
          <Text size="sm">{confirm ? t(`series.confirm.${confirm}.body`) : null}</Text>
          <FormError message={status.formError} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirm(null)}>
              {t('actions.cancel')}
            </Button>
            <Button color={confirm === 'end' ? 'red.9' : 'teal'} loading={status.isPending} onClick={() => confirm && status.mutate(confirm)}>
              {confirm ? t(`series.${confirm}`) : null}
            </Button>
          </Group>
        </Stack>
      </AppModal>

      <AppModal opened={editingSchedule} onClose={() => setEditingSchedule(false)} title={t('series.editSchedule')} size="lg">
        {editingSchedule ? (
          <ScheduleEditForm
            series={s}
            onCancel={() => setEditingSchedule(false)}
            onDone={async () => {
              await refresh();
              setEditingSchedule(false);
              notifications.show({ color: 'teal', message: t('series.scheduleSaved') });
            }}
          />
        ) : null}
      </AppModal>

      <AppModal opened={extra} onClose={() => setExtra(false)} title={t('series.requestExtra')}>
        {extra ? (
          <ExtraRequestForm
            series={s}
            onCancel={() => setExtra(false)}
            onDone={async () => {
              await refresh();
              setExtra(false);
              notifications.show({ color: 'teal', message: t('series.extraDone') });
            }}
          />
        ) : null}
      </AppModal>
    </Stack>
  );
}
