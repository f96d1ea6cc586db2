import { ActionIcon, Alert, Button, Card, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowDown, IconArrowUp, IconEdit, IconPencilPlus, IconShare, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Topic } from '../../../domain/agenda.js';
import { AppModal } from '../../components/AppModal.js';
import { useRefreshOneOnOnes } from '../../components/MeetingChangeActions.js';
import { addTopic, meetingQuery, oneOnOneKeys, removeTopic, reorderTopics, updateTopic, type MeetingDetail } from '../../lib/oneOnOne.js';
import { useApiMutation } from '../../lib/useApiMutation.js';
import { TopicBadges } from './TopicBadges.js';
import { TemplateMenu } from './TemplateMenu.js';
import { TopicForm } from './TopicForm.js';
import { TopicGoal } from '../../components/TopicGoal.js';
import { FormError } from '../../components/FormError.js';

/** アジェンダ: the topics in order; the report is invited first; drafts stay private until shared. */
export function AgendaSection({ detail }: { detail: MeetingDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const refresh = useRefreshOneOnOnes();
  const { meeting, topics, series } = detail;
  const isReport = series.myRole === 'report';
  const mine = topics.filter((x) => x.abilities.update || x.abilities.remove);
  const reportHasNone = isReport && !topics.some((x) => x.authorRole === 'report');
  const [adding, setAdding] = useState(reportHasNone && meeting.abilities.addTopic);
  const [editing, setEditing] = useState<Topic | null>(null);
  const [removing, setRemoving] = useState<Topic | null>(null);
  const canReorder = meeting.abilities.addTopic && topics.length > 1;

  const change = useApiMutation(({ action }: { key: string; action: () => Promise<unknown>; done: string }) => action(), {
    invalidate: oneOnOneKeys,
    onSuccess: (_result, { key, done }) => {
      notifications.show({ color: 'teal', message: done });
      if (key === 'remove') setRemoving(null);
    },
  });
  const act = (key: string, action: () => Promise<unknown>, done: string) => change.mutate({ key, action, done });
  const busy = change.variables?.key ?? null;

  const move = (index: number, delta: -1 | 1) => {
    const ids = topics.map((x) => x.id);
    const [id] = ids.splice(index, 1);
    if (!id) return;
    ids.splice(index + delta, 0, id);
    act(`move-${id}`, async () => {
      const result = await reorderTopics(meeting.id, ids);
      queryClient.setQueryData(meetingQuery(meeting.id).queryKey, (old) => (old ? { ...old, topics: result.topics } : old));
    }, t('agenda.moved'));
  };

  return (
    <Stack gap="sm" component="section" aria-labelledby="agenda-title" id="agenda" style={{ scrollMarginTop: 72 }}>
      <Group justify="space-between" gap="sm">
        <Title order={2} size="h3" id="agenda-title">
          {t('agenda.title')}
        </Title>
        {meeting.abilities.addTopic && !adding ? (
          <Group gap="xs">
            <TemplateMenu meetingId={meeting.id} />
            <Button leftSection={<IconPencilPlus size={18} aria-hidden />} onClick={() => setAdding(true)}>
              {t('agenda.add')}
            </Button>
          </Group>
        ) : null}
      </Group>
      <Text size="sm" c="gray.7">
        {t('agenda.lead')}
      </Text>

      {reportHasNone && meeting.abilities.addTopic ? (
        <Alert color="teal" variant="light" title={t('agenda.inviteTitle')}>
          {t('agenda.inviteBody')}
        </Alert>
      ) : null}

      <FormError message={change.formError} onClose={change.clearErrors} />

      {adding ? (
        <Paper withBorder p="md" radius="md">
          <Stack gap="sm">
            <Title order={3} size="h5">
              {t('agenda.addTitle')}
            </Title>
            <TopicForm
              reportId={series.report.id}
              submitLabel={t('agenda.addSubmit')}
              onCancel={() => setAdding(false)}
              onSubmit={async (body) => {
                await addTopic(meeting.id, body);
                await refresh();
                notifications.show({ color: 'teal', message: body.visibility === 'private' ? t('agenda.addedDraft') : t('agenda.added') });
              }}
            />
          </Stack>
        </Paper>
      ) : null}

      {topics.length === 0 ? (
        <Text size="sm" c="gray.7">
          {meeting.abilities.addTopic ? t('agenda.empty') : t('agenda.emptyClosed')}
        </Text>
      ) : (
        <Stack gap="xs" component="ol" p={0} m={0} style={{ listStyle: 'none' }}>
          {topics.map((topic, i) => {
            const own = mine.includes(topic);
            return (
              <Card key={topic.id} component="li" withBorder radius="md" padding="sm">
                <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
                  <Stack gap={6} style={{ minWidth: 0, flex: 1 }}>
                    <Text fw={700}>
                      <Text span c="gray.7" fw={600} mr={6}>
                        {i + 1}.
                      </Text>
                      {topic.title}
                    </Text>
                    {topic.note ? (
                      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                        {topic.note}
                      </Text>
                    ) : null}
                    <TopicBadges topic={topic} />
                    <TopicGoal goal={topic.goal} />
                    {own || topic.abilities.share ? (
                      <Group gap="xs">
                        {topic.abilities.share ? (
                          <Button
                            size="xs"
                            leftSection={<IconShare size={14} aria-hidden />}
                            loading={busy === `share-${topic.id}`}
                            onClick={() => act(`share-${topic.id}`, () => updateTopic(topic.id, { visibility: 'pair' }), t('agenda.shared'))}
                            aria-label={t('agenda.shareNamed', { title: topic.title })}
                          >
                            {t('agenda.share')}
                          </Button>
                        ) : null}
                        {topic.abilities.update ? (
                          <Button
                            size="xs"
                            variant="default"
                            leftSection={<IconEdit size={14} aria-hidden />}
                            onClick={() => setEditing(topic)}
                            aria-label={t('agenda.editNamed', { title: topic.title })}
                          >
                            {t('actions.edit')}
                          </Button>
                        ) : null}
                        {topic.abilities.remove ? (
                          <Button
                            size="xs"
                            variant="outline"
                            color="red.9"
                            leftSection={<IconTrash size={14} aria-hidden />}
                            onClick={() => {
                              change.clearErrors();
                              setRemoving(topic);
                            }}
                            aria-label={t('agenda.removeNamed', { title: topic.title })}
                          >
                            {t('agenda.remove')}
                          </Button>
                        ) : null}
                      </Group>
                    ) : null}
                  </Stack>
                  {canReorder ? (
                    <Stack gap={4}>
                      <ActionIcon
                        variant="default"
                        aria-label={t('agenda.moveUp', { title: topic.title })}
                        disabled={i === 0 || busy !== null}
                        onClick={() => move(i, -1)}
                      >
                        <IconArrowUp size={16} aria-hidden />
                      </ActionIcon>
                      <ActionIcon
                        variant="default"
                        aria-label={t('agenda.moveDown', { title: topic.title })}
                        disabled={i === topics.length - 1 || busy !== null}
                        onClick={() => move(i, 1)}
                      >
                        <IconArrowDown size={16} aria-hidden />
                      </ActionIcon>
                    </Stack>
                  ) : null}
                </Group>
              </Card>
            );
          })}
        </Stack>
      )}

      <AppModal opened={editing !== null} onClose={() => setEditing(null)} title={t('agenda.editTitle')} size="lg">
        {editing ? (
          <TopicForm
            reportId={series.report.id}
            topic={editing}
            submitLabel={t('actions.save')}
            onCancel={() => setEditing(null)}
            onSubmit={async (body) => {
              await updateTopic(editing.id, body);
              await refresh();
              setEditing(null);
              notifications.show({ color: 'teal', message: t('agenda.saved') });
            }}
          />
        ) : null}
      </AppModal>

      <AppModal opened={removing !== null} onClose={() => setRemoving(null)} title={t('agenda.removeTitle')}>
        <Stack gap="md">
          <Text size="sm">{t('agenda.removeBody', { title: removing?.title ?? '' })}</Text>
          <FormError message={change.formError} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRemoving(null)}>
              {t('actions.cancel')}
            </Button>
            <Button
              color="red.9"
              loading={busy === 'remove'}
              onClick={() => {
                const target = removing;
                if (!target) return;
                act('remove', () => removeTopic(target.id), t('agenda.removed'));
              }}
            >
              {t('agenda.remove')}
            </Button>
          </Group>
        </Stack>
      </AppModal>
    </Stack>
  );
}
