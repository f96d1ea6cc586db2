import { Paper, Progress, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { managerShare } from '../../../domain/talkBalance.js';
import { talkQuery } from '../../lib/talk.js';

/** The meeting's talk balance with its minutes, when the pair measured it (nothing otherwise). */
export function MinutesTalkFigure({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const talk = useQuery(talkQuery(meetingId));
  const share = talk.data ? managerShare(talk.data) : null;
  if (!talk.data || share === null) return null;
  return (
    <Paper withBorder p="sm" radius="md" component="section" aria-labelledby="minutes-talk">
      <Title order={2} size="h5" id="minutes-talk" mb={4}>
        {t('talk.minutesTitle')}
      </Title>
      <Progress.Root size="lg" aria-hidden mb={4}>
        <Progress.Section value={share} color="teal" />
        <Progress.Section value={100 - share} color="blue" />
      </Progress.Root>
      <Text size="sm" data-testid="minutes-talk-figure">
        {t('talk.minutesFigure', {
          manager: Math.round(share),
          report: 100 - Math.round(share),
          seconds: Math.round((talk.data.managerMs + talk.data.reportMs) / 1000),
        })}
      </Text>
    </Paper>
  );
}
