import { Alert, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconBooks, IconBuildingCommunity, IconChartLine, IconClipboardCheck, IconMessages, IconUsers } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FormalityNudges } from '../../components/FormalityNudges.js';
import { AnchorLink } from '../../components/links.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryError } from '../../components/QueryError.js';
import { currentLocale } from '../../i18n/index.js';
import { analyticsQuery } from '../../lib/analytics.js';
import { formatMonth } from '../../lib/format.js';
import { useMe } from '../../lib/session.js';
import { SummaryFigures } from './Figures.js';

function Destination({ to, icon, title, body }: { to: '/analytics' | '/analytics/practice' | '/employees' | '/departments' | '/question-bank' | '/one-on-ones'; icon: ReactNode; title: string; body: string }) {
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap={4}>
        <AnchorLink to={to} fw={600} style={{ display: 'inline-flex', gap: 8, alignItems: 'center' }}>
          {icon}
          {title}
        </AnchorLink>
        <Text size="sm" c="gray.7">
          {body}
        </Text>
      </Stack>
    </Paper>
  );
}

/**
 * The home of hr and admin: how 1on1s go across the organisation (aggregates only, the last six
 * closed months) and the pages that are theirs. Their own 1on1s, if they have any, stay one link away.
 */
export function OrganisationHomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const locale = currentLocale();
  const query = useQuery(analyticsQuery({}));
  const data = query.data;
  const empty = data?.months.every((m) => !m.practice.shown && m.practice.reason === 'noData');
  return (
    <Stack gap="lg">
      <PageHeader title={t('orgHome.title')} description={t('orgHome.description', { organisation: me.organisationName })} />
      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="org-home-figures">
        <Stack gap="sm">
          <Title order={2} size="h4" id="org-home-figures">
            {data ? t('analytics.summaryTitle', { from: formatMonth(data.from, locale), to: formatMonth(data.to, locale) }) : t('orgHome.figures')}
          </Title>
          {query.isError ? <QueryError error={query.error} onRetry={() => void query.refetch()} /> : null}
          {!data ? (
            query.isPending ? <Skeleton height={160} /> : null
          ) : empty ? (
            <Alert color="gray" title={t('analytics.emptyTitle')}>
              {t('analytics.empty', { month: formatMonth(data.latestClosed, locale) })}
            </Alert>
          ) : (
            <SummaryFigures cell={data.summary} minimum={data.minimum} />
          )}
          <Text size="sm" c="gray.7">
            {t('orgHome.privacy', { minimum: data?.minimum ?? 5 })}
          </Text>
        </Stack>
      </Paper>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <Destination to="/analytics" icon={<IconChartLine size={20} aria-hidden />} title={t('nav.analytics')} body={t('orgHome.analytics')} />
        <Destination to="/analytics/practice" icon={<IconClipboardCheck size={20} aria-hidden />} title={t('nav.practice')} body={t('orgHome.practice')} />
        {me.abilities.viewDirectory ? <Destination to="/employees" icon={<IconUsers size={20} aria-hidden />} title={t('nav.employees')} body={t('orgHome.employees')} /> : null}
        <Destination to="/departments" icon={<IconBuildingCommunity size={20} aria-hidden />} title={t('nav.departments')} body={t('orgHome.departments')} />
        {me.abilities.manageGuidance ? <Destination to="/question-bank" icon={<IconBooks size={20} aria-hidden />} title={t('nav.questionBank')} body={t('orgHome.questionBank')} /> : null}
        <Destination to="/one-on-ones" icon={<IconMessages size={20} aria-hidden />} title={t('nav.ownOneOnOnes')} body={t('orgHome.ownOneOnOnes')} />
      </SimpleGrid>
      <FormalityNudges />
    </Stack>
  );
}
