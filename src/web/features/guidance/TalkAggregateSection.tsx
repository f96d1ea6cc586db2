import { Paper, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../components/QueryError.js';
import { talkAggregateQuery } from '../../lib/talk.js';

/** hr's view of talk balance: an average over five managers or more, or why it is withheld (SPEC §2). */
export function TalkAggregateSection() {
  const { t } = useTranslation();
  const agg = useQuery(talkAggregateQuery());
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="talk-aggregate">
      <Title order={2} size="h4" id="talk-aggregate" mb="xs">
        {t('talk.aggregateTitle')}
      </Title>
      {agg.isError ? <QueryError error={agg.error} onRetry={() => void agg.refetch()} /> : null}
      {agg.data?.status === 'withheld' ? (
        <Text size="sm" c="gray.7" data-testid="talk-aggregate">
          {t('talk.aggregateWithheld', { minimum: agg.data.minimum })}
        </Text>
      ) : null}
      {agg.data?.status === 'shown' ? (
        <Text size="sm" data-testid="talk-aggregate">
          {t('talk.aggregateShown', { managers: agg.data.managers, meetings: agg.data.meetings, share: agg.data.averageManagerShare, within: agg.data.withinCue })}
        </Text>
      ) : null}
    </Paper>
  );
}
