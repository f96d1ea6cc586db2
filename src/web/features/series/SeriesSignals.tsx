import { Paper, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../components/QueryError.js';
import { seriesSignalsQuery, type FormalityFigures } from '../../lib/formality.js';
import { NudgeText } from '../../components/NudgeText.js';

/** The figures of one series' window as "n of m" pairs, each with its label. */
export function figureItems(f: FormalityFigures, t: (key: string, values?: Record<string, unknown>) => string): { label: string; value: string }[] {
  const ofm = (n: number, of: number) => t('formality.nOf', { n, of });
  return [
    { label: t('formality.figure.held'), value: ofm(Math.min(f.held, f.planned), f.planned) },
    { label: t('formality.figure.cancelled'), value: ofm(f.cancelled, f.planned) },
    { label: t('formality.figure.rescheduled'), value: ofm(f.rescheduled, f.planned) },
    { label: t('formality.figure.prepared'), value: ofm(f.prepared, f.held) },
    { label: t('formality.figure.reportTopics'), value: ofm(f.reportTopics, f.topics) },
    { label: t('formality.figure.statusMeetings'), value: ofm(f.statusMeetings, f.meetingsWithTopics) },
    { label: t('formality.figure.actionItems'), value: ofm(f.actionItemsDone, f.actionItems) },
  ];
}

/**
 * The manager's view of one series' formality signals (SPEC §5): the counts of its window and the
 * nudges they produce. Shown to the series' manager only (the server refuses the report).
 */
export function SeriesSignals({ seriesId }: { seriesId: string }) {
  const { t } = useTranslation();
  const query = useQuery(seriesSignalsQuery(seriesId));
  const data = query.data;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="series-signals">
      <Stack gap="sm">
        <Title order={2} size="h4" id="series-signals">
          {t('formality.seriesTitle')}
        </Title>
        {query.isError ? <QueryError error={query.error} onRetry={() => void query.refetch()} /> : null}
        {!data ? (
          query.isPending ? <Skeleton height={120} /> : null
        ) : (
          <>
            <Text size="sm" c="gray.7">
              {t('formality.seriesLead', { days: data.window.days, meetings: data.window.meetings })}
            </Text>
            {data.figures.planned === 0 && data.figures.held === 0 ? (
              <Text size="sm">{t('formality.seriesEmpty')}</Text>
            ) : (
              <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs" component="dl" m={0}>
                {figureItems(data.figures, t).map((item) => (
                  <Stack key={item.label} gap={0}>
                    <Text component="dt" size="xs" c="gray.7">
                      {item.label}
                    </Text>
                    <Text component="dd" m={0} fw={600}>
                      {item.value}
                    </Text>
                  </Stack>
                ))}
                <Stack gap={0}>
                  <Text component="dt" size="xs" c="gray.7">
                    {t('formality.figure.purpose')}
                  </Text>
                  <Text component="dd" m={0} fw={600}>
                    {t('formality.daysAgo', { count: data.figures.purposeAgeDays ?? 0 })}
                  </Text>
                </Stack>
              </SimpleGrid>
            )}
            {data.nudges.length === 0 ? (
              <Text size="sm">{t('formality.noSeriesNudges')}</Text>
            ) : (
              data.nudges.map((n) => <NudgeText key={n.kind} nudge={n} />)
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}
