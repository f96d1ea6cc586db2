import { Badge, Card, Group, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconBulb } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from './links.js';
import { fullName } from '../lib/format.js';
import { NudgeText } from './NudgeText.js';
import { homeQuery } from '../lib/oneOnOne.js';

/**
 * The manager's nudges on their home (SPEC §5): for each series they hold, the signals that cross
 * their threshold, with the figures and a link to the series; the team's felt-heard trend only as
 * an average over 3 or more reports. Never shown for the series where the person is the report:
 * the server sends only the series they hold as manager. On the member home and on the home of
 * hr and admin (who may hold 1on1s as managers too); renders nothing for someone who holds none.
 */
export function FormalityNudges() {
  const { t } = useTranslation();
  const home = useQuery(homeQuery);
  const signals = home.data?.signals;
  if (!signals) return null;
  const withNudges = signals.series.filter((s) => s.nudges.length > 0);
  return (
    <Stack gap="sm" component="section" aria-labelledby="home-signals">
      <Title order={2} size="h3" id="home-signals">
        {t('formality.homeTitle')}
      </Title>
      <Text size="sm" c="gray.7">
        {t('formality.homeLead', { days: signals.window.days, meetings: signals.window.meetings })}
      </Text>
      {withNudges.length === 0 && signals.teamNudges.length === 0 ? (
        <Card withBorder radius="md" padding="md">
          <Text size="sm">{t('formality.noNudges')}</Text>
        </Card>
      ) : null}
      {signals.teamNudges.map((n) => (
        <Card key={n.kind} withBorder radius="md" padding="md">
          <Group gap="sm" wrap="nowrap" align="flex-start">
            <ThemeIcon variant="light" color="yellow" radius="xl" aria-hidden>
              <IconBulb size={18} />
            </ThemeIcon>
            <Stack gap={4} style={{ minWidth: 0 }}>
              <Badge variant="light" color="gray">
                {t('formality.team')}
              </Badge>
              <NudgeText nudge={n} />
            </Stack>
          </Group>
        </Card>
      ))}
      {withNudges.map((s) => (
        <Card key={s.seriesId} withBorder radius="md" padding="md">
          <Group gap="sm" wrap="nowrap" align="flex-start">
            <ThemeIcon variant="light" color="yellow" radius="xl" aria-hidden>
              <IconBulb size={18} />
            </ThemeIcon>
            <Stack gap="xs" style={{ minWidth: 0 }}>
              <AnchorLink to="/one-on-ones/$seriesId" params={{ seriesId: s.seriesId }} fw={600}>
                {t('formality.withReport', { name: fullName(s.report) })}
              </AnchorLink>
              {s.nudges.map((n) => (
                <NudgeText key={n.kind} nudge={n} />
              ))}
            </Stack>
          </Group>
        </Card>
      ))}
    </Stack>
  );
}
