import { Accordion, Alert, Badge, Button, EmptyState, Group, Input, Paper, Skeleton, Stack, Text, Textarea, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconCheck, IconDownload, IconEdit, IconFileOff, IconPrinter, IconShare } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { acknowledgeCommentMax, acknowledgeSchema, correctionReasonMax, correctionSchema } from '../../../domain/followUp.js';
import type { MinutesNode } from '../../../domain/minutesDocument.js';
import { AppModal } from '../../components/AppModal.js';
import { AnchorLink, ButtonLink } from '../../components/links.js';
import { MeetingStatusBadge } from '../../components/MeetingBadges.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryError } from '../../components/QueryError.js';
import { RoomButton } from '../../components/RoomButton.js';
import { currentLocale } from '../../i18n/index.js';
import { ApiError } from '../../lib/api.js';
import { formatDateTime, fullName } from '../../lib/format.js';
import { schemaErrors } from '../../lib/formSchema.js';
import {
  acknowledgeMinutes,
  correctMinutes,
  downloadMinutesMarkdown,
  followUpKeys,
  minutesQuery,
  minutesRevisionsQuery,
  shareMinutes,
  type Minutes,
} from '../../lib/followUp.js';
import { meetingQuery } from '../../lib/oneOnOne.js';
import { useMe } from '../../lib/session.js';
import { CorrectionEditor } from './CorrectionEditor.js';
import { LiveMinutesEditor, type LiveStatus } from './LiveMinutesEditor.js';
import { MinutesDocumentView } from './MinutesDocumentView.js';
import { MinutesTalkFigure } from './MinutesTalkFigure.js';
import { ReflectionSection } from './ReflectionSection.js';
import { useApiMutation } from '../../lib/useApiMutation.js';
import { FormError } from '../../components/FormError.js';

function useRefresh() {
  const queryClient = useQueryClient();
  return () => Promise.all(followUpKeys.map((queryKey) => queryClient.invalidateQueries({ queryKey: [...queryKey] })));
}

function DraftEditor({ meetingId, minutes }: { meetingId: string; minutes: Minutes }) {
  const { t } = useTranslation();
  const refresh = useRefresh();
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const [confirm, setConfirm] = useState(false);
  const share = useApiMutation(() => shareMinutes(meetingId), {
    invalidate: followUpKeys,
    onSuccess: () => {
      setConfirm(false);
      notifications.show({ color: 'teal', message: t('minutes.sharedDone') });
    },
    // Whatever stopped the share (the partner shared first, say), show the minutes as they are now.
    onError: () => {
      setConfirm(false);
      void refresh();
    },
  });
  // Share only what the server has stored: nothing typed here may be left out of the shared version.
  const stored = status === 'saved' || status === 'connected';
  const onDenied = useCallback(() => {
    // The partner shared the minutes (or access ended): show what the server has now.
    void refresh();
  }, [refresh]);

  return (
    <Stack gap="sm">
      <Alert color="grape" variant="light" title={t('minutes.draftTitle')}>
        {t('minutes.draftLead')}
      </Alert>
      <FormError message={share.formError} />
      <LiveMinutesEditor meetingId={meetingId} onStatus={setStatus} onDenied={onDenied} />
      <Group justify="flex-end" gap="sm">
        {minutes.abilities.share && !stored ? (
          <Text size="xs" c="gray.7" mr="auto">
            {t('minutesDoc.shareWaiting')}
          </Text>
        ) : null}
        {minutes.abilities.share ? (
          <Button leftSection={<IconShare size={18} aria-hidden />} disabled={!stored} onClick={() => setConfirm(true)}>
            {t('minutes.share')}
          </Button>
        ) : null}
      </Group>
      <AppModal opened={confirm} onClose={() => setConfirm(false)} title={t('minutes.shareTitle')}>
        <Stack gap="md">
          <Text size="sm">{t('minutes.shareBody')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirm(false)}>
              {t('actions.cancel')}
            </Button>
            <Button loading={share.isPending} disabled={!stored} onClick={() => share.mutate()}>
              {t('minutes.share')}
            </Button>
          </Group>
        </Stack>
      </AppModal>
    </Stack>
  );
}

function Acknowledge({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const [comment, setComment] = useState('');
  const acknowledge = useApiMutation((text: string) => acknowledgeMinutes(meetingId, text), {
    invalidate: followUpKeys,
    onSuccess: () => notifications.show({ color: 'teal', message: t('minutes.acknowledgedDone') }),
  });
  return (
    <Paper withBorder p="md" radius="md" bg="blue.0" component="section" aria-labelledby="minutes-ack">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const problems = schemaErrors(acknowledgeSchema, { comment: comment.trim() });
          acknowledge.setFields(problems);
          if (Object.keys(problems).length === 0) acknowledge.mutate(comment);
        }}
      >
        <Stack gap="sm">
          <Title order={2} size="h4" id="minutes-ack">
            {t('minutes.ackTitle')}
          </Title>
          <Text size="sm">{t('minutes.ackLead')}</Text>
          <FormError message={acknowledge.formError} />
          <Textarea
            label={t('minutes.ackComment')}
            autosize
            minRows={2}
            maxLength={acknowledgeCommentMax}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
            error={acknowledge.fields.comment}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={acknowledge.isPending} leftSection={<IconCheck size={18} aria-hidden />}>
              {t('minutes.acknowledge')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function CorrectionModal({ meetingId, minutes, opened, onClose }: { meetingId: string; minutes: Minutes; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const correct = useApiMutation(({ content, reason }: { content: MinutesNode; reason: string }) => correctMinutes(meetingId, content, reason), {
    invalidate: followUpKeys,
    onSuccess: () => {
      notifications.show({ color: 'teal', message: t('minutes.correctedDone') });
      onClose();
    },
  });
  const { fields } = correct;
  // The correction editor hands back its current document on submit.
  const current = useRef<(() => MinutesNode | null) | null>(null);
  return (
    <AppModal opened={opened} onClose={onClose} title={t('minutes.correctTitle')} size="xl">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const content = current.current?.() ?? undefined;
          const problems = schemaErrors(correctionSchema, { content, reason: reason.trim() });
          correct.setFields(problems);
          if (content && Object.keys(problems).length === 0) correct.mutate({ content, reason: reason.trim() });
        }}
      >
        <Stack gap="md">
          <Text size="sm">{t('minutes.correctLead')}</Text>
          <FormError message={correct.formError} />
          <TextInput
            label={t('minutes.correctReason')}
            required
            maxLength={correctionReasonMax}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={fields.reason}
            data-autofocus
          />
          <Input.Wrapper label={t('minutesDoc.editor')} required error={fields.content} labelElement="div" labelProps={{ id: 'minutes-correction-label' }}>
            <CorrectionEditor content={minutes.content} labelledBy="minutes-correction-label" onReady={(read) => (current.current = read)} />
          </Input.Wrapper>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('actions.cancel')}
            </Button>
            <Button type="submit" loading={correct.isPending}>
              {t('minutes.correctSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}

function Revisions({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const query = useQuery(minutesRevisionsQuery(meetingId));
  let body;
  if (query.isPending) body = <Skeleton height={48} />;
  else if (query.isError) body = <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  else if (query.data.items.length <= 1) body = <Text size="sm" c="gray.7">{t('minutes.noCorrections')}</Text>;
  else
    body = (
      <Accordion variant="separated" chevronPosition="left">
        {[...query.data.items].reverse().map((r) => (
          <Accordion.Item key={r.version} value={String(r.version)}>
            <Accordion.Control>
              <Stack gap={0}>
                <Text size="sm" fw={700}>
                  {t('minutes.versionLine', {
                    version: r.version,
                    when: formatDateTime(new Date(r.createdAt), currentLocale(), me.timeZone),
                    name: fullName(r.author),
                  })}
                </Text>
                <Text size="sm" c="gray.8">
                  {r.reason ? t('minutes.reasonLine', { reason: r.reason }) : t('minutes.firstShared')}
                </Text>
              </Stack>
            </Accordion.Control>
            <Accordion.Panel>
              <MinutesDocumentView content={r.content} />
            </Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
    );
  return (
    <Stack gap="xs" component="section" aria-labelledby="minutes-history">
      <Title order={2} size="h4" id="minutes-history">
        {t('minutes.history')}
      </Title>
      {body}
    </Stack>
  );
}

/** 議事録: the draft either side edits and shares; then read-only, acknowledged by the report, corrected with a reason; then the reflection. */
export function MinutesPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const detail = useQuery(meetingQuery(id));
  const minutes = useQuery(minutesQuery(id));
  const [correcting, setCorrecting] = useState(false);
  const download = useApiMutation(() => downloadMinutesMarkdown(id), {
    onError: ({ message }) => notifications.show({ color: 'red', title: t('minutes.downloadFailed'), message }),
  });

  const back = (
    <AnchorLink to="/meetings/$meetingId" params={{ meetingId: id }} size="sm">
      <Group gap={4} component="span">
        <IconArrowLeft size={16} aria-hidden />
        {t('room.backToMeeting')}
      </Group>
    </AnchorLink>
  );

  if (detail.isPending || minutes.isPending) {
    return (
      <Stack gap="md" aria-busy="true">
        <VisuallyHidden role="status">{t('status.loading')}</VisuallyHidden>
        <Skeleton height={36} width="50%" />
        <Skeleton height={320} />
      </Stack>
    );
  }
  if (detail.isError) {
    return (
      <Stack gap="md">
        {back}
        <PageHeader title={t('minutes.titleShort')} />
        <QueryError error={detail.error} onRetry={() => void detail.refetch()} />
      </Stack>
    );
  }
  const { meeting, series } = detail.data;
  const partner = series.myRole === 'manager' ? series.report : series.manager;
  const header = (
    <PageHeader
      title={t('minutes.title', { name: fullName(partner) })}
      description={
        <Group gap="xs" component="span" wrap="wrap">
          <span>{formatDateTime(new Date(meeting.startsAt), currentLocale(), me.timeZone)}</span>
          <MeetingStatusBadge status={meeting.status} />
        </Group>
      }
    />
  );

  if (minutes.isError) {
    const notYet = minutes.error instanceof ApiError && minutes.error.status === 404;
    return (
      <Stack gap="md">
        {back}
        {header}
        {notYet ? (
          <Paper withBorder p="lg" radius="md">
            <EmptyState icon={<IconFileOff aria-hidden />} title={t('minutes.notYetTitle')} description={t('minutes.notYetBody')}>
              {meeting.status === 'scheduled' || meeting.status === 'inProgress' ? <RoomButton meeting={meeting} /> : null}
            </EmptyState>
          </Paper>
        ) : (
          <QueryError error={minutes.error} onRetry={() => void minutes.refetch()} />
        )}
      </Stack>
    );
  }

  const m = minutes.data;
  const isShared = m.status !== 'draft';

  return (
    <Stack gap="lg">
      {back}
      {header}
      {m.abilities.edit ? (
        <DraftEditor meetingId={id} minutes={m} />
      ) : (
        <Stack gap="sm">
          <Group justify="space-between" gap="sm" wrap="wrap">
            <Group gap="xs" wrap="wrap">
              <Badge variant="light" color={m.status === 'acknowledged' ? 'cyan' : 'blue'} style={{ textTransform: 'none' }}>
                {t(`minutes.status.${m.status}`)}
              </Badge>
              <Text size="sm" c="gray.8">
                {t('minutes.versionShort', { version: m.version })}
                {m.sharedAt && m.sharedBy
                  ? ` · ${t('minutes.sharedBy', { name: fullName(m.sharedBy), when: formatDateTime(new Date(m.sharedAt), currentLocale(), me.timeZone) })}`
                  : ''}
              </Text>
            </Group>
            <Group gap="xs">
              <Button variant="default" size="sm" leftSection={<IconDownload size={16} aria-hidden />} loading={download.isPending} onClick={() => download.mutate()}>
                {t('minutes.download')}
              </Button>
              <ButtonLink to="/meetings/$meetingId/minutes/print" params={{ meetingId: id }} variant="default" size="sm" leftSection={<IconPrinter size={16} aria-hidden />}>
                {t('minutes.print')}
              </ButtonLink>
              {m.abilities.correct ? (
                <Button variant="default" size="sm" leftSection={<IconEdit size={16} aria-hidden />} onClick={() => setCorrecting(true)}>
                  {t('minutes.correct')}
                </Button>
              ) : null}
            </Group>
          </Group>
          <Paper withBorder p="md" radius="md" component="article" aria-label={t('minutes.titleShort')}>
            <MinutesDocumentView content={m.content} />
          </Paper>
          {m.status === 'acknowledged' ? (
            <Alert color="cyan" variant="light" icon={<IconCheck aria-hidden />} title={t('minutes.acknowledgedTitle')}>
              {m.acknowledgedAt ? t('minutes.acknowledgedAt', { when: formatDateTime(new Date(m.acknowledgedAt), currentLocale(), me.timeZone) }) : null}
              {m.reportComment ? (
                <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
                  {t('minutes.reportComment', { comment: m.reportComment })}
                </Text>
              ) : null}
            </Alert>
          ) : null}
          {m.abilities.acknowledge ? <Acknowledge meetingId={id} /> : null}
          {m.status === 'shared' && series.myRole === 'manager' ? (
            <Text size="sm" c="gray.7">
              {t('minutes.waitingAck', { name: partner.familyName })}
            </Text>
          ) : null}
          {isShared ? <Revisions meetingId={id} /> : null}
          {correcting ? <CorrectionModal meetingId={id} minutes={m} opened={correcting} onClose={() => setCorrecting(false)} /> : null}
        </Stack>
      )}

      <MinutesTalkFigure meetingId={id} />
      <ReflectionSection meetingId={id} role={series.myRole} partnerName={fullName(partner)} enabled={isShared} />
    </Stack>
  );
}
