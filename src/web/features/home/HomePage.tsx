import { Avatar, Card, Group, List, Paper, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconHeartHandshake, IconPlant2, IconRadar2 } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../components/links.js';
import type { PersonRef } from '../../../domain/employees.js';
import { PageHeader } from '../../components/PageHeader.js';
import { currentLocale } from '../../i18n/index.js';
import { formatDate, fullName, hourIn } from '../../lib/format.js';
import { useMe } from '../../lib/session.js';
import { FormalityNudges } from '../../components/FormalityNudges.js';
import { UpcomingMeetings } from './UpcomingMeetings.js';

function greetingKey(hour: number): 'home.greetingMorning' | 'home.greetingDay' | 'home.greetingEvening' {
  if (hour >= 4 && hour < 11) return 'home.greetingMorning';
  if (hour >= 11 && hour < 18) return 'home.greetingDay';
  return 'home.greetingEvening';
}

function PersonCard({ person }: { person: PersonRef }) {
  return (
    <Card withBorder padding="sm" radius="md">
      <Group wrap="nowrap" gap="sm">
        <Avatar color="teal" radius="xl" size="md" aria-hidden>
          {person.familyName.slice(0, 1)}
        </Avatar>
        <Stack gap={0} style={{ minWidth: 0 }}>
          <AnchorLink to="/employees/$id" params={{ id: person.id }} fw={600}>
            {fullName(person)}
          </AnchorLink>
          {person.title ? (
            <Text size="sm" c="gray.7">
              {person.title}
            </Text>
          ) : null}
        </Stack>
      </Group>
    </Card>
  );
}

function Pillar({ icon, title, body }: { icon: ReactNode; title: string; body: string }) {
  return (
    <Stack gap="xs">
      <Group gap="xs" wrap="nowrap">
        <ThemeIcon variant="light" size="lg" radius="md" aria-hidden>
          {icon}
        </ThemeIcon>
        <Title order={3} size="h5">
          {title}
        </Title>
      </Group>
      <Text size="sm">{body}</Text>
    </Stack>
  );
}

/** Home: a greeting, the next 1on1s and what to prepare for them, the people the user works with most closely, and what 1on1s here are for. */
export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const now = new Date();
  const locale = currentLocale();
  return (
    <Stack gap="xl">
      <PageHeader
        title={t(greetingKey(hourIn(now, me.timeZone)), { name: fullName(me) })}
        description={t('home.today', { date: formatDate(now, locale, me.timeZone) })}
      />

      <UpcomingMeetings />

      <FormalityNudges />

      {me.directReports.length > 0 ? (
        <Stack gap="sm" component="section" aria-labelledby="home-reports">
          <Title order={2} size="h3" id="home-reports">
            {t('home.reportsTitle', { count: me.directReports.length })}
          </Title>
          <Text size="sm" c="gray.7">
            {t('home.reportsLead')}
          </Text>
          <SimpleGrid cols={{ base: 1, xs: 2, lg: 4 }} spacing="sm">
            {me.directReports.map((person) => (
              <PersonCard key={person.id} person={person} />
            ))}
          </SimpleGrid>
        </Stack>
      ) : null}

      <Stack gap="sm" component="section" aria-labelledby="home-me">
        <Title order={2} size="h3" id="home-me">
          {t('home.myPlace')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Paper withBorder p="md" radius="md">
            <Text size="sm" fw={600} c="gray.8" mb={6}>
              {t('fields.manager')}
            </Text>
            {me.manager ? (
              <Stack gap={0}>
                <AnchorLink to="/employees/$id" params={{ id: me.manager.id }} fw={600}>
                  {fullName(me.manager)}
                </AnchorLink>
                {me.manager.title ? (
                  <Text size="sm" c="gray.7">
                    {me.manager.title}
                  </Text>
                ) : null}
              </Stack>
            ) : (
              <Text size="sm">{t('home.noManager')}</Text>
            )}
          </Paper>
          <Paper withBorder p="md" radius="md">
            <Text size="sm" fw={600} c="gray.8" mb={6}>
              {t('fields.department')}
            </Text>
            {me.department ? (
              <AnchorLink to="/departments" fw={600}>
                {me.department.name}
              </AnchorLink>
            ) : (
              <Text size="sm">{t('home.noDepartment')}</Text>
            )}
          </Paper>
        </SimpleGrid>
      </Stack>

      <Paper component="section" aria-labelledby="home-about" withBorder p={{ base: 'md', sm: 'xl' }} radius="lg" bg="teal.0">
        <Stack gap="md">
          <Title order={2} size="h3" id="home-about">
            {t('home.aboutTitle')}
          </Title>
          <Text>{t('home.aboutLead')}</Text>
          <SimpleGrid cols={{ base: 1, md: 3 }} spacing="lg">
            <Pillar icon={<IconPlant2 size={20} />} title={t('home.pillarGrowthTitle')} body={t('home.pillarGrowthBody')} />
            <Pillar icon={<IconHeartHandshake size={20} />} title={t('home.pillarTrustTitle')} body={t('home.pillarTrustBody')} />
            <Pillar icon={<IconRadar2 size={20} />} title={t('home.pillarIssuesTitle')} body={t('home.pillarIssuesBody')} />
          </SimpleGrid>
          <List size="sm" spacing={4}>
            <List.Item>{t('home.principleReportOwns')}</List.Item>
            <List.Item>{t('home.principlePrivate')}</List.Item>
            <List.Item>{t('home.principleNotEvaluation')}</List.Item>
          </List>
        </Stack>
      </Paper>
    </Stack>
  );
}
