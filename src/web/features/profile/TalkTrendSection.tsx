import { List, Progress, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { QuerySection } from '../../components/QuerySection.js';
import { currentLocale } from '../../i18n/index.js';
import { formatDate } from '../../lib/format.js';
import { useMe } from '../../lib/session.js';
import { talkTrendQuery } from '../../lib/talk.js';

/** The manager's own talk balance over their measured 1on1s, newest first (nobody else sees it per manager). */
export function TalkTrendSection() {
  const { t } = useTranslation();
  const me = useMe();
  const trend = useQuery(talkTrendQuery());
  return (
    <QuerySection id="profile-talk" title={t('talk.trendTitle')} query={trend}>
      {trend.data && trend.data.items.length === 0 ? (
        <Text size="sm" c="gray.7">
          {t('talk.trendEmpty')}
        </Text>
      ) : null}
      {trend.data && trend.data.items.length > 0 ? (
        <List listStyleType="none" spacing="sm" data-testid="talk-trend">
          {trend.data.items.map((i) => (
            <List.Item key={i.meetingId}>
              <Stack gap={4}>
                <Text size="sm">
                  {t('talk.trendRow', {
                    date: formatDate(new Date(i.startsAt), currentLocale(), me.timeZone),
                    name: i.reportName,
                    share: Math.round(i.managerShare),
                    cue: i.cueShare,
                  })}
                </Text>
                <Progress value={i.managerShare} color={i.managerShare > i.cueShare ? 'orange' : 'teal'} aria-hidden />
              </Stack>
            </List.Item>
          ))}
        </List>
      ) : null}
    </QuerySection>
  );
}
