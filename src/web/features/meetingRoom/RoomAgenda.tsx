import { Alert, Badge, Card, Group, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { IconBulb, IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Topic } from '../../../domain/agenda.js';
import { ActionItemBadges } from '../../components/ActionItemBadges.js';
import { FormError } from '../../components/FormError.js';
import { markDiscussed, type ActionItem } from '../../lib/followUp.js';
import { meetingQuery } from '../../lib/oneOnOne.js';
import { coachingQuery } from '../../lib/guidance.js';
import classes from './MeetingRoom.module.css';
import { TickBox } from './TickBox.js';
import { useItemsDoneHere } from './useItemsDoneHere.js';
import { TopicGoal } from '../../components/TopicGoal.js';

const wantedColour: Record<Topic['wantedResponse'], string> = {
  listen: 'teal',
  advice: 'blue.9',
  thinkTogether: 'indigo.9',
  decide: 'grape.9',
  feedback: 'cyan.9',
};

/** The tip for the topic's wanted response, written for the caller's side (the server picks it). */
function CoachingTip({ meetingId, topic, id }: { meetingId: string; topic: Topic; id: string }) {
  const { i18n } = useTranslation();
  const coaching = useQuery(coachingQuery(meetingId, i18n.language));
  const tip = coaching.data?.forTopic[topic.wantedResponse];
  if (!tip) return <div id={id} />;
  return (
    <Alert id={id} color="teal" variant="light" icon={<IconBulb aria-hidden />} title={tip.title}>
      <Stack gap={4}>
        <Text size="sm">{tip.body}</Text>
        {tip.examples.length ? (
          <Text size="sm" fw={600}>
            {tip.examples.join(' ')}
          </Text>
        ) : null}
      </Stack>
    </Alert>
  );
}

interface RoomAgendaProps {
  meetingId: string;
  topics: Topic[];
  draftCount: number;
  carriedItems: ActionItem[];
  canMark: boolean;
  onChanged: () => Promise<unknown>;
}

/**
 * The agenda walked through in order: the series' open action items first, then carried and new
 * topics, each with its wanted response and 「話し合った」; selecting a topic shows the coaching tip.
 */
export function RoomAgenda({ meetingId, topics, draftCount, carriedItems, canMark, onChanged }: RoomAgendaProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const ordered = [...topics.filter((x) => x.carried), ...topics.filter((x) => !x.carried)];
  const [selected, setSelected] = useState<string | null>(() => ordered.find((x) => !x.discussed)?.id ?? ordered[0]?.id ?? null);
  const { items, mark: markItem } = useItemsDoneHere(carriedItems, onChanged);

  const [tickError, setTickError] = useState<string | null>(null);

  // A ticked topic shows at once in the cached meeting; a failed tick reloads it to undo that.
  const markTopic = async (topic: Topic, discussed: boolean) => {
    const key = meetingQuery(meetingId).queryKey;
    queryClient.setQueryData(key, (old) => (old ? { ...old, topics: old.topics.map((x) => (x.id === topic.id ? { ...x, discussed } : x)) } : old));
    try {
      await markDiscussed(topic.id, discussed);
    } finally {
      await onChanged();
    }
  };

  return (
    <Stack gap="sm" component="section" aria-labelledby="room-agenda">
      <Title order={2} size="h3" id="room-agenda">
        {t('room.agenda')}
      </Title>
      <FormError message={tickError} onClose={() => setTickError(null)} />

      {items.length > 0 ? (
        <Stack gap="xs" component="section" aria-labelledby="room-open-items">
          <Title order={3} size="h5" id="room-open-items">
            {t('room.openItems', { count: items.length })}
          </Title>
          <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {items.map((item) => {
              const done = item.status === 'done';
              const titleId = `room-item-${item.id}`;
              return (
                <Card key={item.id} component="li" withBorder padding="sm" radius="md" bg={item.overdue ? 'red.0' : undefined}>
                  <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
                    <Stack gap={4} style={{ minWidth: 0, flex: 1 }}>
                      <Text fw={600} id={titleId} td={done ? 'line-through' : undefined}>
                        {item.title}
                      </Text>
                      <ActionItemBadges item={item} />
                    </Stack>
                    <TickBox
                      label={t('room.itemDone')}
                      describedBy={titleId}
                      checked={done}
                      disabled={!item.abilities.update}
                      save={(next) => markItem(item, next)}
                      onError={setTickError}
                    />
                  </Group>
                </Card>
              );
            })}
          </Stack>
        </Stack>
      ) : null}

      <Stack gap="xs" component="section" aria-labelledby="room-topics">
        <Title order={3} size="h5" id="room-topics">
          {t('room.topics', { count: ordered.length })}
        </Title>
        {ordered.length === 0 ? (
          <Text size="sm" c="gray.7">
            {t('room.noTopics')}
          </Text>
        ) : (
          <Stack gap="xs" component="ol" p={0} m={0} style={{ listStyle: 'none' }}>
            {ordered.map((topic, i) => {
              const isSelected = selected === topic.id;
              const titleId = `room-topic-${topic.id}`;
              const tipId = `room-tip-${topic.id}`;
              return (
                <Card key={topic.id} component="li" withBorder padding="sm" radius="md" className={isSelected ? classes.selected : undefined}>
                  <Stack gap="xs">
                    <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
                      <UnstyledButton
                        className={classes.topicButton}
                        aria-expanded={isSelected}
                        aria-controls={isSelected ? tipId : undefined}
                        onClick={() => setSelected(isSelected ? null : topic.id)}
                      >
                        <Group gap={6} wrap="nowrap" align="flex-start">
                          {isSelected ? <IconChevronDown size={18} aria-hidden /> : <IconChevronRight size={18} aria-hidden />}
                          <Stack gap={4} style={{ minWidth: 0 }}>
                            <Text fw={700} id={titleId} td={topic.discussed ? 'line-through' : undefined}>
                              <Text span c="gray.7" fw={600} mr={6}>
                                {i + 1}.
                              </Text>
                              {topic.title}
                            </Text>
                            <Group gap={6}>
                              <Badge color={wantedColour[topic.wantedResponse]} variant="filled" style={{ textTransform: 'none' }}>
                                {t(`wantedResponse.${topic.wantedResponse}`)}
                              </Badge>
                              <Badge color={topic.authorRole === 'manager' ? 'indigo.9' : 'teal'} variant="outline" style={{ textTransform: 'none' }}>
                                {t(`agenda.by.${topic.authorRole}`)}
                              </Badge>
                              {topic.carried ? (
                                <Badge color="blue" variant="light" style={{ textTransform: 'none' }}>
                                  {t('agenda.carried')}
                                </Badge>
                              ) : null}
                            </Group>
                          </Stack>
                        </Group>
                      </UnstyledButton>
                      <TickBox
                        label={t('room.discussed')}
                        describedBy={titleId}
                        checked={topic.discussed}
                        disabled={!canMark}
                        save={(next) => markTopic(topic, next)}
                        onError={setTickError}
                      />
                    </Group>
                    <TopicGoal goal={topic.goal} />
                    {isSelected ? (
                      <>
                        {topic.note ? (
                          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                            {topic.note}
                          </Text>
                        ) : null}
                        <CoachingTip meetingId={meetingId} topic={topic} id={tipId} />
                      </>
                    ) : null}
                  </Stack>
                </Card>
              );
            })}
          </Stack>
        )}
        {draftCount > 0 ? (
          <Text size="xs" c="gray.7">
            {t('room.draftsHidden', { count: draftCount })}
          </Text>
        ) : null}
      </Stack>
    </Stack>
  );
}
