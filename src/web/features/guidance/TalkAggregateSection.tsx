import { Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { QuerySection } from '../../components/QuerySection.js';
import { talkAggregateQuery } from '../../lib/talk.js';

/** hr's view of talk balance: an average over five managers or more, or why it is withheld (SPEC §2). */
export function TalkAggregateSection() {
  const { t } = useTranslation();
  const agg = useQuery(talkAggregateQuery());
  return (
    <QuerySection id="talk-aggregate" title={t('talk.aggregateTitle')} query={agg}>
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
    </QuerySection>
  );
}
