import { Badge, Group } from '@mantine/core';
import { IconEyeOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Topic, WantedResponse } from '../../../domain/agenda.js';
import { wantedResponseColour } from './labels.js';

/** The wanted response as a clear label: 話を聞いてほしい, アドバイスがほしい … */
export function WantedResponseBadge({ value, size = 'md' }: { value: WantedResponse; size?: 'sm' | 'md' | 'lg' }) {
  const { t } = useTranslation();
  return (
    <Badge color={wantedResponseColour[value]} variant="filled" size={size} style={{ textTransform: 'none' }}>
      {t(`wantedResponse.${value}`)}
    </Badge>
  );
}

/** Category, author side, draft, carried over and discussed, as small badges. */
export function TopicBadges({ topic, showAuthor = true }: { topic: Topic; showAuthor?: boolean }) {
  const { t } = useTranslation();
  return (
    <Group gap={6}>
      <WantedResponseBadge value={topic.wantedResponse} />
      <Badge color="gray.8" variant="outline" style={{ textTransform: 'none' }}>
        {t(`topicCategory.${topic.category}`)}
      </Badge>
      {showAuthor ? (
        <Badge color={topic.authorRole === 'manager' ? 'indigo.9' : 'teal'} variant="outline" style={{ textTransform: 'none' }}>
          {t(`agenda.by.${topic.authorRole}`)}
        </Badge>
      ) : null}
      {topic.visibility === 'private' ? (
        <Badge color="grape" variant="light" leftSection={<IconEyeOff size={12} aria-hidden />} style={{ textTransform: 'none' }}>
          {t('agenda.draftBadge')}
        </Badge>
      ) : null}
      {topic.carried ? (
        <Badge color="blue" variant="light" style={{ textTransform: 'none' }}>
          {t('agenda.carried')}
        </Badge>
      ) : null}
      {topic.discussed ? (
        <Badge color="gray.8" variant="outline" style={{ textTransform: 'none' }}>
          {t('agenda.discussed')}
        </Badge>
      ) : null}
    </Group>
  );
}
