import { SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { currentLocale } from '../../i18n/index.js';
import type { AnalyticsDepartments } from '../../lib/analytics.js';
import { formatMonth } from '../../lib/format.js';

/**
 * Month-by-month lines of the group's shown figures; a hidden month is a gap, never a guess. The
 * figures are also in the page's table, so the charts add a picture, not information.
 */
export function TrendCharts({ data }: { data: AnalyticsDepartments }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const rows = data.months.map((m) => ({
    month: formatMonth(m.month, locale, 'short'),
    implementationRate: m.practice.shown ? m.practice.implementationRate : null,
    cadenceAdherence: m.practice.shown ? m.practice.cadenceAdherence : null,
    feltHeard: m.quality.shown ? m.quality.feltHeard : null,
    useful: m.quality.shown ? m.quality.useful : null,
  }));
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      <Stack gap="xs">
        <Title order={3} size="h5">
          {t('analytics.chartPractice')}
        </Title>
        <div style={{ width: '100%', height: 220 }} role="img" aria-label={t('analytics.chartPractice')}>
          <ResponsiveContainer>
            <LineChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: -16 }} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="month" fontSize={12} />
              <YAxis domain={[0, 100]} fontSize={12} />
              <Tooltip />
              <Legend />
              <Line dataKey="implementationRate" name={t('analytics.implementationRate')} stroke="#0b7285" strokeWidth={2} connectNulls={false} isAnimationActive={false} />
              <Line dataKey="cadenceAdherence" name={t('analytics.cadenceAdherence')} stroke="#e8590c" strokeWidth={2} connectNulls={false} isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        </div>
      </Stack>
      <Stack gap="xs">
        <Title order={3} size="h5">
          {t('analytics.chartQuality')}
        </Title>
        <div style={{ width: '100%', height: 220 }} role="img" aria-label={t('analytics.chartQuality')}>
          <ResponsiveContainer>
            <LineChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: -16 }} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="month" fontSize={12} />
              <YAxis domain={[1, 5]} ticks={[1, 2, 3, 4, 5]} fontSize={12} />
              <Tooltip />
              <Legend />
              <Line dataKey="feltHeard" name={t('analytics.feltHeard')} stroke="#2f9e44" strokeWidth={2} connectNulls={false} isAnimationActive={false} />
              <Line dataKey="useful" name={t('analytics.useful')} stroke="#5f3dc4" strokeWidth={2} connectNulls={false} isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        </div>
      </Stack>
      <Text size="xs" c="gray.7" style={{ gridColumn: '1 / -1' }}>
        {t('analytics.chartNote')}
      </Text>
    </SimpleGrid>
  );
}
