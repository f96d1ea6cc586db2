import { Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { AnalyticsDepartments } from '../../lib/analytics.js';
import { HiddenReason } from './Figures.js';

type Distributions = AnalyticsDepartments['distributions'];

/** Counts with their share of the whole, as a table (the chart above it is the same numbers drawn). */
function CountTable({ caption, first, rows }: { caption: string; first: string; rows: { key: string; label: string; count: number }[] }) {
  const { t, i18n } = useTranslation();
  const total = rows.reduce((sum, r) => sum + r.count, 0);
  const pf = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 0 });
  return (
    <Table withTableBorder verticalSpacing={4} fz="sm">
      <Table.Caption>{caption}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{first}</Table.Th>
          <Table.Th scope="col" ta="right">
            {t('analytics.count')}
          </Table.Th>
          <Table.Th scope="col" ta="right">
            {t('analytics.share')}
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.key}>
            <Table.Th scope="row" fw={400}>
              {r.label}
            </Table.Th>
            <Table.Td ta="right">{r.count}</Table.Td>
            <Table.Td ta="right">{total ? pf.format(r.count / total) : '—'}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Bars({ label, rows, color, horizontal }: { label: string; rows: { key: string; label: string; count: number }[]; color: string; horizontal?: boolean }) {
  // Long category names read best as rows (bars across); short scores as columns.
  return (
    <div style={{ width: '100%', height: horizontal ? 28 * rows.length + 40 : 200 }} role="img" aria-label={label}>
      <ResponsiveContainer>
        {horizontal ? (
          <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 16, bottom: 0, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" allowDecimals={false} fontSize={12} />
            <YAxis type="category" dataKey="label" width={112} fontSize={12} interval={0} />
            <Tooltip />
            <Bar dataKey="count" name={label} fill={color} isAnimationActive={false} />
          </BarChart>
        ) : (
          <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: -20 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" fontSize={12} />
            <YAxis allowDecimals={false} fontSize={12} />
            <Tooltip />
            <Bar dataKey="count" name={label} fill={color} isAnimationActive={false} />
          </BarChart>
        )}
      </ResponsiveContainer>
    </div>
  );
}

/**
 * What the group's 1on1s were about, how its people felt before them, and how many early warnings
 * there were, over the period (each summed over the months it may be shown for). Counts only: no
 * person, no topic's text, no single check-in.
 */
export function DistributionFigures({ data, minimum }: { data: Distributions; minimum: number }) {
  const { t } = useTranslation();
  const { topics, condition, warnings } = data;
  const topicRows = topics.shown
    ? Object.entries(topics.byCategory)
        .map(([key, count]) => ({ key, label: t(`topicCategory.${key}`), count }))
        .sort((a, b) => b.count - a.count)
    : [];
  const conditionRows = condition.shown ? condition.byScore.map((count, i) => ({ key: String(i + 1), label: t('analytics.score', { score: i + 1 }), count })) : [];
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      <Stack gap="xs">
        <Title order={3} size="h5">
          {t('analytics.topicsTitle')}
        </Title>
        {topics.shown ? (
          <>
            <Bars label={t('analytics.topicsTitle')} rows={topicRows} color="#1971c2" horizontal />
            <CountTable caption={t('analytics.topicsCaption')} first={t('analytics.topicCategory')} rows={topicRows} />
          </>
        ) : (
          <HiddenReason figure={topics} minimum={minimum} />
        )}
      </Stack>
      <Stack gap="xs">
        <Title order={3} size="h5">
          {t('analytics.conditionTitle')}
        </Title>
        {condition.shown ? (
          <>
            <Bars label={t('analytics.conditionTitle')} rows={conditionRows} color="#2f9e44" />
            <CountTable caption={t('analytics.conditionCaption')} first={t('analytics.conditionScore')} rows={conditionRows} />
          </>
        ) : (
          <HiddenReason figure={condition} minimum={minimum} />
        )}
      </Stack>
      <Stack gap="xs" style={{ gridColumn: '1 / -1' }}>
        <Title order={3} size="h5">
          {t('analytics.warningsTitle')}
        </Title>
        {warnings.shown ? (
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <Paper withBorder p="sm" radius="md">
              <Text size="sm" c="gray.7">
                {t('analytics.sustainedDrops')}
              </Text>
              <Text fw={700} size="xl">
                {t('analytics.peopleCount', { count: warnings.sustainedDrops })}
              </Text>
              <Text size="xs" c="gray.7">
                {t('analytics.sustainedDropsDetail')}
              </Text>
            </Paper>
            <Paper withBorder p="sm" radius="md">
              <Text size="sm" c="gray.7">
                {t('analytics.repeatedCancellations')}
              </Text>
              <Text fw={700} size="xl">
                {t('analytics.seriesCount', { count: warnings.repeatedCancellations })}
              </Text>
              <Text size="xs" c="gray.7">
                {t('analytics.repeatedCancellationsDetail')}
              </Text>
            </Paper>
          </SimpleGrid>
        ) : (
          <HiddenReason figure={warnings} minimum={minimum} />
        )}
        <Text size="xs" c="gray.7">
          {t('analytics.warningsNote')}
        </Text>
      </Stack>
    </SimpleGrid>
  );
}
