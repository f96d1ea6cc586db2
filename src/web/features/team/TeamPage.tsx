import { Alert, Badge, Card, EmptyState, Group, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconUsersGroup } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Team, TeamMember, TeamSeries } from '../../../domain/team.js';
import { AnchorLink, ButtonLink } from '../../components/links.js';
import { NudgeText } from '../../components/NudgeText.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryError } from '../../components/QueryError.js';
import { Sparkline } from '../../components/Sparkline.js';
import { currentLocale } from '../../i18n/index.js';
import { api, ApiError, client } from '../../lib/api.js';
import { formatDate, formatDateTime, fullName } from '../../lib/format.js';
import { useMe } from '../../lib/session.js';
import { ReflectionSummaryCard } from './ReflectionSummaryCard.js';

/**
 * The manager's team view (issue 10 item 4): one card per report with the next 1on1's preparation,
 * the cadence, the condition trend against the report's own baseline and the early warnings.
 * Cards rather than a table, so it reads the same at 375 px.
 */
export function TeamPage() {
  const { t } = useTranslation();
  const me = useMe();
  const team = useQuery({
    queryKey: ['team'],
    queryFn: ({ signal }) => api<Team>(client.GET('/api/team', { signal })),
    // Someone who manages nobody is refused (403): the page shows its empty state, not an error.
    retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
  });

  return (
    <Stack gap="md">
      <PageHeader title={t('team.title')} description={t('team.description')} />
      {me.directReports.length > 0 ? <ReflectionSummaryCard /> : null}
      {team.isPending ? (
        <SimpleGrid cols={{ base: 1, md: 2 }} aria-busy="true">
          {Array.from({ length: 2 }, (_, i) => (
            <Skeleton key={i} height={280} />
          ))}
        </SimpleGrid>
      ) : team.isError && !(team.error instanceof ApiError && team.error.status === 403) ? (
        <QueryError error={team.error} onRetry={() => void team.refetch()} />
      ) : !team.data || team.data.members.length === 0 ? (
        <EmptyState icon={<IconUsersGroup aria-hidden />} title={t('team.emptyTitle')} description={t('team.emptyBody')} />
      ) : (
        <Stack gap="xs" component="section" aria-labelledby="team-list">
          <Title order={2} size="h4" id="team-list">
            {t('team.listLabel')}
          </Title>
          <Text size="sm" c="gray.7">
            {t('team.privacyNote')}
          </Text>
          <SimpleGrid cols={{ base: 1, md: 2 }} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {team.data.members.map((m) => (
              <MemberCard key={m.series?.id ?? m.person.id} member={m} days={team.data.window.days} />
            ))}
          </SimpleGrid>
        </Stack>
      )}
    </Stack>
  );
}

function MemberCard({ member, days }: { member: TeamMember; days: number }) {
  const { t } = useTranslation();
  const s = member.series;
  const headingId = `member-${member.person.id}`;
  return (
    <Card component="li" withBorder padding="md" radius="md" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs">
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Title order={3} size="h5" id={headingId}>
              <AnchorLink to="/employees/$id" params={{ id: member.person.id }}>
                {fullName(member.person)}
              </AnchorLink>
            </Title>
            {member.person.title ? (
              <Text size="sm" c="gray.7">
                {member.person.title}
              </Text>
            ) : null}
          </Stack>
          <Group gap={4}>
            {!member.direct ? <Badge variant="light" color="gray">{t('team.partnerOnly')}</Badge> : null}
            {s?.status === 'paused' ? <Badge variant="light" color="yellow">{t('team.paused')}</Badge> : null}
          </Group>
        </Group>
        {s ? (
          <SeriesDetails series={s} name={fullName(member.person)} days={days} />
        ) : (
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{t('team.noSeries')}</Text>
            <ButtonLink to="/one-on-ones" size="xs" variant="light">
              {t('team.startSeries')}
            </ButtonLink>
          </Stack>
        )}
      </Stack>
    </Card>
  );
}

/** A label and its value, as one row of a definition list. */
function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group justify="space-between" gap="xs" wrap="nowrap">
      <Text component="dt" size="sm" c="gray.7">
        {label}
      </Text>
      <Text component="dd" size="sm" fw={600} m={0} ta="right">
        {children}
      </Text>
    </Group>
  );
}

function SeriesDetails({ series: s, name, days }: { series: TeamSeries; name: string; days: number }) {
  const { t } = useTranslation();
  const me = useMe();
  const locale = currentLocale();
  const warnings = (['sustainedDrop', 'repeatedCancellations'] as const).filter((k) => s.warnings[k]);
  const scores = s.condition.points.map((p) => p.score);
  return (
    <Stack gap="sm">
      {warnings.map((k) => (
        <Alert key={k} color="orange" variant="light" p="xs" icon={<IconAlertTriangle size={18} aria-hidden />}>
          <Text size="sm">{t(`team.warning.${k}`)}</Text>
        </Alert>
      ))}
      <Stack gap={4}>
        <Text fw={600} size="sm">
          {t('team.nextTitle')}
          {s.next ? `: ${formatDateTime(new Date(s.next.startsAt), locale, me.timeZone)}` : null}
        </Text>
        {s.next ? (
          <>
            <Stack component="dl" gap={2} m={0}>
              <Item label={t('team.prepReportTopics')}>{t('team.count', { count: s.next.prep.reportTopics })}</Item>
              <Item label={t('team.prepManagerTopics')}>{t('team.count', { count: s.next.prep.managerTopics })}</Item>
              <Item label={t('team.prepQuestions')}>
                {s.next.prep.preQuestions === 0 ? t('team.noQuestions') : t('team.answered', { n: s.next.prep.preQuestionsAnswered, of: s.next.prep.preQuestions })}
              </Item>
              <Item label={t('team.prepCheckIn')}>{s.next.prep.checkedIn ? t('team.checkedIn') : t('team.notCheckedIn')}</Item>
            </Stack>
            <ButtonLink to="/meetings/$meetingId/prep" params={{ meetingId: s.next.meetingId }} size="xs" variant="light" style={{ alignSelf: 'flex-start' }}>
              {t('team.prepBrief')}
            </ButtonLink>
          </>
        ) : (
          <Text size="sm">{t('team.noNext')}</Text>
        )}
      </Stack>
      <Stack gap={4}>
        <Text fw={600} size="sm">
          {t('team.cadenceTitle')}
        </Text>
        <Stack component="dl" gap={2} m={0}>
          <Item label={t('team.lastHeld')}>{s.lastHeldAt ? formatDate(new Date(s.lastHeldAt), locale, me.timeZone) : t('team.neverHeld')}</Item>
          <Item label={t('team.cancelled', { days })}>{t('formality.nOf', { n: s.figures.cancelled, of: s.figures.planned })}</Item>
          <Item label={t('team.missed', { days })}>{t('team.times', { count: s.missed })}</Item>
        </Stack>
      </Stack>
      <Stack gap={4}>
        <Text fw={600} size="sm">
          {t('team.conditionTitle')}
        </Text>
        {scores.length > 0 ? (
          <>
            <Sparkline
              values={scores}
              min={1}
              max={5}
              reference={s.condition.baseline}
              label={t('team.conditionLabel', { name, count: scores.length })}
              description={s.condition.points
                .map((p) => t('prep.trendPoint', { date: formatDate(new Date(p.date), locale, me.timeZone), score: p.score }))
                .join(locale === 'ja' ? '、' : ', ')}
            />
            <Text size="xs" c="gray.7">
              {t('team.conditionCaption', { count: scores.length })}
            </Text>
          </>
        ) : (
          <Text size="sm">{t('team.conditionEmpty')}</Text>
        )}
      </Stack>
      <Stack gap={4}>
        <Text fw={600} size="sm">
          {t('team.signalsTitle')}
        </Text>
        {s.nudges.length > 0 ? s.nudges.map((n) => <NudgeText key={n.kind} nudge={n} />) : <Text size="sm">{t('team.noSignals')}</Text>}
      </Stack>
    </Stack>
  );
}
