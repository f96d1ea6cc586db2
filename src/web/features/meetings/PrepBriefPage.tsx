import { Alert, Badge, Card, Group, List, Paper, SimpleGrid, Skeleton, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { IconArrowLeft, IconCheck, IconEar, IconMinus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Topic } from '../../../domain/agenda.js';
import { ActionItemBadges } from '../../components/ActionItemBadges.js';
import { AnchorLink } from '../../components/links.js';
import { MeetingFlags } from '../../components/MeetingBadges.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryError } from '../../components/QueryError.js';
import { Sparkline } from '../../components/Sparkline.js';
import { currentLocale } from '../../i18n/index.js';
import { formatDate, formatDateTime, fullName } from '../../lib/format.js';
import { prepBriefQuery, type PrepBrief } from '../../lib/oneOnOne.js';
import { useMe } from '../../lib/session.js';
import { TopicBadges, WantedResponseBadge } from './TopicBadges.js';
import { GoalCard } from '../../components/GoalCard.js';
import { TopicGoal } from '../../components/TopicGoal.js';

function Block({ id, title, children, tint }: { id: string; title: string; children: ReactNode; tint?: string }) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={id} bg={tint}>
      <Stack gap="sm">
        <Title order={2} size="h4" id={id}>
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

function Empty({ children }: { children: ReactNode }) {
  return (
    <Text size="sm" c="gray.7">
      {children}
    </Text>
  );
}

/** The report's goals with their progress and what was posted since the last meeting. */
function PrepGoals({ brief }: { brief: PrepBrief }) {
  const { t } = useTranslation();
  const me = useMe();
  if (brief.goals.length === 0) return <Empty>{t('prep.goalsEmpty', { name: brief.report.familyName })}</Empty>;
  const since = brief.goalsSince ? formatDate(new Date(brief.goalsSince), currentLocale(), me.timeZone) : null;
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
      {brief.goals.map((g) => (
        <Stack key={g.id} gap={4}>
          <GoalCard goal={g} compact headingLevel={3} entriesTitle={since ? t('prep.goalUpdatesSince', { date: since }) : t('prep.goalUpdatesLatest')} />
          {g.entries.length === 0 ? <Empty>{since ? t('prep.goalNoUpdatesSince', { date: since }) : t('prep.goalNoUpdates')}</Empty> : null}
        </Stack>
      ))}
    </SimpleGrid>
  );
}

function ReportTopics({ topics }: { topics: Topic[] }) {
  const { t } = useTranslation();
  if (topics.length === 0) return <Empty>{t('prep.noReportTopics')}</Empty>;
  const wantsListening = topics.some((x) => x.wantedResponse === 'listen');
  return (
    <Stack gap="sm">
      {wantsListening ? (
        <Alert color="teal" variant="light" icon={<IconEar aria-hidden />} title={t('prep.listenReminderTitle')}>
          {t('prep.listenReminder')}
        </Alert>
      ) : null}
      <Stack gap="xs" component="ol" p={0} m={0} style={{ listStyle: 'none' }}>
        {topics.map((topic) => (
          <Card key={topic.id} component="li" withBorder padding="sm" radius="md">
            <Stack gap={6}>
              <Group gap="sm" wrap="wrap" align="center">
                <WantedResponseBadge value={topic.wantedResponse} size="lg" />
                <Text fw={700} style={{ minWidth: 0 }}>
                  {topic.title}
                </Text>
              </Group>
              {topic.note ? (
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {topic.note}
                </Text>
              ) : null}
              <TopicGoal goal={topic.goal} />
              <Group gap={6}>
                <Badge color="gray.8" variant="outline" style={{ textTransform: 'none' }}>
                  {t(`topicCategory.${topic.category}`)}
                </Badge>
                {topic.carried ? (
                  <Badge color="blue" variant="light" style={{ textTransform: 'none' }}>
                    {t('agenda.carried')}
                  </Badge>
                ) : null}
              </Group>
            </Stack>
          </Card>
        ))}
      </Stack>
    </Stack>
  );
}

function Condition({ brief }: { brief: PrepBrief }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const me = useMe();
  const { current, baseline, trend } = brief.condition;
  let summary: string;
  let colour = 'dark';
  if (!current) summary = baseline === null ? t('prep.conditionMissing') : t('prep.conditionMissingWithBaseline', { baseline: String(baseline) });
  else if (baseline === null) summary = t('prep.conditionNoBaseline', { score: current.score });
  else {
    const diff = current.score - baseline;
    const key = diff <= -1 ? 'prep.conditionLower' : diff >= 1 ? 'prep.conditionHigher' : 'prep.conditionUsual';
    if (diff <= -1) colour = 'red.9';
    summary = t(key, { baseline: String(baseline), score: current.score });
  }
  const description = trend
    .map((p) => t('prep.trendPoint', { date: formatDate(new Date(p.date), locale, me.timeZone), score: p.score }))
    .join(locale === 'ja' ? '、' : ', ');
  return (
    <Stack gap="sm">
      <Text fw={700} c={colour} size="lg">
        {summary}
      </Text>
      {current?.comment ? (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {t('prep.conditionComment', { comment: current.comment })}
        </Text>
      ) : null}
      {trend.length > 1 ? (
        <Stack gap={4}>
          <Sparkline
            values={trend.map((p) => p.score)}
            min={1}
            max={5}
            reference={baseline}
            label={t('prep.trendLabel', { count: trend.length })}
            description={description}
          />
          <Text size="xs" c="gray.7">
            {t('prep.trendCaption', { count: trend.length })}
          </Text>
        </Stack>
      ) : (
        <Empty>{t('prep.trendEmpty')}</Empty>
      )}
    </Stack>
  );
}

function LastMeeting({ brief }: { brief: PrepBrief }) {
  const { t } = useTranslation();
  const me = useMe();
  const last = brief.lastMeeting;
  if (!last) return <Empty>{t('prep.noLastMeeting')}</Empty>;
  return (
    <Stack gap="xs">
      <Group gap="sm" wrap="wrap">
        <AnchorLink to="/meetings/$meetingId" params={{ meetingId: last.meeting.id }} fw={600}>
          {formatDateTime(new Date(last.meeting.startsAt), currentLocale(), me.timeZone)}
        </AnchorLink>
        <Text size="sm">
          {last.checkInScore !== null ? t('prep.lastCondition', { score: last.checkInScore }) : t('prep.lastConditionNone')}
        </Text>
      </Group>
      {last.topics.length === 0 ? (
        <Empty>{t('prep.lastNoTopics')}</Empty>
      ) : (
        <List spacing={4} size="sm" listStyleType="none" p={0}>
          {last.topics.map((topic) => (
            <List.Item
              key={topic.id}
              icon={
                topic.discussed ? (
                  <IconCheck size={16} color="var(--mantine-color-teal-8)" aria-hidden />
                ) : (
                  <IconMinus size={16} color="var(--mantine-color-gray-7)" aria-hidden />
                )
              }
            >
              {topic.title}{' '}
              <Text span size="xs" c="gray.7">
                ({topic.discussed ? t('prep.discussed') : t('prep.notDiscussed')})
              </Text>
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}

function OpenActionItems({ brief }: { brief: PrepBrief }) {
  const { t } = useTranslation();
  if (brief.actionItems.length === 0) return <Empty>{t('prep.actionItemsEmpty')}</Empty>;
  const overdue = brief.actionItems.filter((a) => a.overdue).length;
  return (
    <Stack gap="xs">
      <Text size="sm" c={overdue ? 'red.9' : 'gray.8'} fw={overdue ? 700 : undefined}>
        {t('prep.actionItemsCount', { count: brief.actionItems.length, overdue })}
      </Text>
      <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {brief.actionItems.map((a) => (
          <Stack key={a.id} component="li" gap={2}>
            <Text size="sm" fw={600}>
              {a.title}
            </Text>
            <Group gap={6} wrap="wrap">
              <Badge color={a.ownerRole === 'manager' ? 'indigo.9' : 'gray.8'} variant="outline" style={{ textTransform: 'none' }}>
                {a.ownerRole === 'manager' ? t('prep.ownerYou') : t('prep.ownerReport', { name: a.owner.familyName })}
              </Badge>
              <ActionItemBadges item={a} showOwner={false} />
            </Group>
          </Stack>
        ))}
      </Stack>
    </Stack>
  );
}

function LastMinutes({ brief }: { brief: PrepBrief }) {
  const { t } = useTranslation();
  const me = useMe();
  const last = brief.lastMinutes;
  if (!last) return <Empty>{t('prep.noLastMinutes')}</Empty>;
  return (
    <Stack gap="xs">
      <Group gap="sm" wrap="wrap">
        <AnchorLink to="/meetings/$meetingId/minutes" params={{ meetingId: last.meeting.id }} fw={600}>
          {t('prep.minutesOf', { date: formatDate(new Date(last.meeting.startsAt), currentLocale(), me.timeZone) })}
        </AnchorLink>
        <Badge color={last.status === 'draft' ? 'gray.8' : 'teal.9'} variant="outline" style={{ textTransform: 'none' }}>
          {t(`prep.minutesStatus.${last.status}`)}
        </Badge>
      </Group>
      {last.summary.length ? (
        <Text size="sm" lineClamp={3}>
          {last.summary.join(currentLocale() === 'ja' ? '。' : '. ')}
        </Text>
      ) : null}
      {last.decisions.length ? (
        <Stack gap={2}>
          <Text size="sm" fw={700}>
            {t('prep.decisions')}
          </Text>
          <List size="sm" spacing={2}>
            {last.decisions.map((d, i) => (
              <List.Item key={i}>{d}</List.Item>
            ))}
          </List>
        </Stack>
      ) : null}
      {!last.summary.length && !last.decisions.length ? <Empty>{t('prep.minutesEmpty')}</Empty> : null}
    </Stack>
  );
}

function RecentFeedback({ brief }: { brief: PrepBrief }) {
  const { t } = useTranslation();
  const me = useMe();
  if (brief.recentFeedback.length === 0) return <Empty>{t('prep.feedbackEmpty', { days: brief.feedbackWindowDays })}</Empty>;
  return (
    <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {brief.recentFeedback.map((f) => (
        <Stack key={f.id} component="li" gap={2}>
          <Group gap={6} wrap="wrap">
            <Badge color={f.kind === 'positive' ? 'teal' : 'indigo'} variant="light" style={{ textTransform: 'none' }}>
              {t(`prep.feedbackKind.${f.kind}`)}
            </Badge>
            <Text size="xs" c="gray.7">
              {t(f.giver.id === brief.report.id ? 'prep.feedbackFromReport' : 'prep.feedbackToReport', { name: brief.report.familyName })}
              {' · '}
              {formatDate(new Date(f.createdAt), currentLocale(), me.timeZone)}
            </Text>
          </Group>
          <Text size="sm">{t('prep.feedbackLine', { situation: f.situation, behaviour: f.behaviour, impact: f.impact })}</Text>
        </Stack>
      ))}
    </Stack>
  );
}

/** The manager's prep brief (準備シート): everything to prepare in two minutes, on one page. */
export function PrepBriefPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const locale = currentLocale();
  const query = useQuery(prepBriefQuery(id));

  const back = (
    <AnchorLink to="/meetings/$meetingId" params={{ meetingId: id }} size="sm">
      <Group gap={4} component="span">
        <IconArrowLeft size={16} aria-hidden />
        {t('prep.backToMeeting')}
      </Group>
    </AnchorLink>
  );

  if (query.isPending) {
    return (
      <Stack gap="md" aria-busy="true">
        <VisuallyHidden role="status">{t('status.loading')}</VisuallyHidden>
        <Skeleton height={36} width="50%" />
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Skeleton height={200} />
          <Skeleton height={200} />
        </SimpleGrid>
      </Stack>
    );
  }
  if (query.isError) {
    return (
      <Stack gap="md">
        {back}
        <PageHeader title={t('prep.titleShort')} />
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      </Stack>
    );
  }
  const brief = query.data;

  return (
    <Stack gap="md">
      {back}
      <PageHeader
        title={t('prep.title', { name: fullName(brief.report) })}
        description={t('prep.lead', { when: formatDateTime(new Date(brief.meeting.startsAt), locale, me.timeZone) })}
      />
      <MeetingFlags meeting={brief.meeting} />

      <Paper withBorder p="md" radius="md" bg="teal.0" component="section" aria-labelledby="prep-purpose">
        <Title order={2} size="h5" id="prep-purpose" mb={4}>
          {t('series.purpose')}
        </Title>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {brief.purpose ?? t('series.defaultPurpose')}
        </Text>
      </Paper>

      <Block id="prep-goals" title={t('prep.goals', { name: brief.report.familyName })}>
        <PrepGoals brief={brief} />
      </Block>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Block id="prep-report-topics" title={t('prep.reportTopics', { name: brief.report.familyName })}>
          <ReportTopics topics={brief.reportTopics} />
        </Block>
        <Stack gap="md">
          <Block id="prep-condition" title={t('checkIn.title')}>
            <Condition brief={brief} />
          </Block>
          <Block id="prep-answers" title={t('prep.answers')}>
            {brief.preQuestions.length === 0 ? (
              <Empty>{t('prep.noPreQuestions')}</Empty>
            ) : (
              <Stack gap="sm" component="dl" m={0}>
                {brief.preQuestions.map((q) => (
                  <Stack key={q.id} gap={2}>
                    <Text component="dt" size="sm" fw={700}>
                      {q.text}
                    </Text>
                    <Text component="dd" m={0} size="sm" c={q.answer ? undefined : 'gray.7'} style={{ whiteSpace: 'pre-wrap' }}>
                      {q.answer ?? t('prep.notAnswered')}
                    </Text>
                  </Stack>
                ))}
              </Stack>
            )}
          </Block>
        </Stack>
      </SimpleGrid>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Stack gap="md">
          <Block id="prep-last" title={t('prep.lastMeeting')}>
            <LastMeeting brief={brief} />
          </Block>
          <Block id="prep-minutes" title={t('prep.lastMinutes')}>
            <LastMinutes brief={brief} />
          </Block>
        </Stack>
        <Block id="prep-my-topics" title={t('prep.myTopics')}>
          {brief.managerTopics.length === 0 ? (
            <Empty>{t('prep.noMyTopics')}</Empty>
          ) : (
            <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
              {brief.managerTopics.map((topic) => (
                <Stack key={topic.id} component="li" gap={4}>
                  <Text size="sm" fw={600}>
                    {topic.title}
                  </Text>
                  <TopicBadges topic={topic} showAuthor={false} />
                </Stack>
              ))}
            </Stack>
          )}
        </Block>
      </SimpleGrid>

      <Block id="prep-suggested" title={t('prep.suggested')}>
        <Text size="sm" c="gray.7">
          {t('prep.suggestedLead')}
        </Text>
        {brief.suggestedQuestions.length === 0 ? (
          <Empty>{t('prep.noSuggested')}</Empty>
        ) : (
          <List spacing={4} size="sm">
            {brief.suggestedQuestions.map((q) => (
              <List.Item key={q.id}>
                {locale === 'ja' ? q.ja : q.en}{' '}
                <Text span size="xs" c="gray.7">
                  ({t(`topicCategory.${q.category}`)})
                </Text>
              </List.Item>
            ))}
          </List>
        )}
      </Block>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Block id="prep-actions" title={t('prep.actionItems')}>
          <OpenActionItems brief={brief} />
        </Block>
        <Block id="prep-feedback" title={t('prep.feedback', { days: brief.feedbackWindowDays })}>
          <RecentFeedback brief={brief} />
        </Block>
      </SimpleGrid>
    </Stack>
  );
}
