import { Group, Progress, Text } from '@mantine/core';
import { IconTarget } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { GoalRef } from '../lib/goals.js';

/** The goal a topic is about, with its progress, shown next to the topic (agenda, room, prep brief). */
export function TopicGoal({ goal }: { goal: GoalRef | null }) {
  const { t } = useTranslation();
  if (!goal) return null;
  return (
    <Group gap={6} wrap="nowrap" data-testid="topic-goal" style={{ minWidth: 0 }}>
      <IconTarget size={16} aria-hidden style={{ flexShrink: 0 }} />
      <Text size="sm" style={{ minWidth: 0 }} truncate="end">
        {t('goals.linked', { title: goal.title })}
      </Text>
      <Progress value={goal.progress} size="sm" radius="xl" w={72} style={{ flexShrink: 0 }} aria-label={t('goals.progressOf', { title: goal.title })} />
      <Text size="sm" fw={700} style={{ flexShrink: 0 }}>
        {goal.progress}%
      </Text>
    </Group>
  );
}
