import { Alert, Breadcrumbs, Button, Group, Paper, Select, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../components/links.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryError } from '../../components/QueryError.js';
import { currentLocale } from '../../i18n/index.js';
import { analyticsCsvUrl, analyticsQuery, type AnalyticsDepartments, type AnalyticsSearch } from '../../lib/analytics.js';
import { formatDateTime, formatMonth } from '../../lib/format.js';
import { DistributionFigures } from './Distributions.js';
import { SummaryFigures, useFormat } from './Figures.js';
import { TrendCharts } from './TrendCharts.js';

type Cell = AnalyticsDepartments['summary'];

/** The months one may choose: the newest closed month and the 35 before it. */
function monthOptions(latest: string): { value: string; label: string }[] {
  const locale = currentLocale();
  const out: { value: string; label: string }[] = [];
  let [y, m] = latest.split('-').map(Number) as [number, number];
  for (let i = 0; i < 36; i++) {
    const value = `${y}-${String(m).padStart(2, '0')}`;
    out.push({ value, label: formatMonth(value, locale) });
    m -= 1;
    if (m === 0) {
      m = 12;
      y -= 1;
    }
  }
  return out;
}

/** One row of figures in a table: a hidden figure shows as a dash with its reason for screen readers and on hover. */
function FigureCells({ cell, minimum }: { cell: Cell | AnalyticsDepartments['months'][number]; minimum: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  const hidden = (reason: string, span: number) => (
    <Table.Td colSpan={span} c="gray.7">
      <Text size="sm">{t(`analytics.hiddenShort.${reason}`, { minimum })}</Text>
    </Table.Td>
  );
  return (
    <>
      {cell.practice.shown ? (
        <>
          <Table.Td>{f.percent(cell.practice.implementationRate)}</Table.Td>
          <Table.Td>{f.percent(cell.practice.cadenceAdherence)}</Table.Td>
          <Table.Td>{cell.practice.cancelled}</Table.Td>
        </>
      ) : (
        hidden(cell.practice.reason, 3)
      )}
      {cell.quality.shown ? (
        <>
          <Table.Td>{f.score(cell.quality.feltHeard)}</Table.Td>
          <Table.Td>{f.score(cell.quality.useful)}</Table.Td>
        </>
      ) : (
        hidden(cell.quality.reason, 2)
      )}
    </>
  );
}

function FigureTable({ caption, first, rows, minimum }: { caption: string; first: string; minimum: number; rows: { key: string; label: ReactNode; cell: Cell | AnalyticsDepartments['months'][number] }[] }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={620}>
      <Table striped withTableBorder verticalSpacing="xs">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{first}</Table.Th>
            <Table.Th scope="col">{t('analytics.implementationRate')}</Table.Th>
            <Table.Th scope="col">{t('analytics.cadenceAdherence')}</Table.Th>
            <Table.Th scope="col">{t('analytics.cancellations')}</Table.Th>
            <Table.Th scope="col">{t('analytics.feltHeard')}</Table.Th>
            <Table.Th scope="col">{t('analytics.useful')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.key}>
              <Table.Th scope="row" fw={500}>
                {r.label}
              </Table.Th>
              <FigureCells cell={r.cell} minimum={minimum} />
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/**
 * Organisation analytics for hr and admin (SPEC §8): whether 1on1s happen and how they feel, per
 * department and closed month, with drill-down through the department tree. Every figure comes
 * suppressed from the server; this page only lays them out.
 */
export function AnalyticsPage({ search, onSearchChange }: { search: AnalyticsSearch; onSearchChange: (next: AnalyticsSearch) => void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const query = useQuery(analyticsQuery(search));
  const data = query.data;
  const orgName = t('analytics.wholeOrganisation');
  const empty = data && data.months.every((m) => !m.practice.shown && m.practice.reason === 'noData') && data.group.id === null;

  return (
    <Stack gap="lg">
      <PageHeader title={t('analytics.title')} description={t('analytics.description')} />
      {query.isError ? <QueryError error={query.error} onRetry={() => void query.refetch()} /> : null}
      {!data ? (
        query.isPending ? <Skeleton height={320} /> : null
      ) : (
        <>
          <Paper withBorder p="md" radius="md">
            <Stack gap="sm">
              <Group gap="sm" align="flex-end" wrap="wrap">
                <Select
                  label={t('analytics.from')}
                  data={monthOptions(data.latestClosed)}
                  value={data.from}
                  allowDeselect={false}
                  onChange={(v) => v && onSearchChange({ ...search, from: v, to: v > data.to ? v : data.to })}
                  w={{ base: '100%', xs: 180 }}
                />
                <Select
                  label={t('analytics.to')}
                  data={monthOptions(data.latestClosed)}
                  value={data.to}
                  allowDeselect={false}
                  onChange={(v) => v && onSearchChange({ ...search, to: v, from: v < data.from ? v : data.from })}
                  w={{ base: '100%', xs: 180 }}
                />
              </Group>
              <Text size="sm" c="gray.7">
                {t('analytics.periodNote', { inProgress: formatMonth(data.inProgress, locale), minimum: data.minimum })}
              </Text>
              <Text size="sm" c="gray.7" data-testid="analytics-rollups">
                {data.rollups.rolledUpAt
                  ? t(data.rollups.months.length === data.months.length ? 'analytics.rollupsAll' : 'analytics.rollupsSome', {
                      rolled: data.rollups.months.length,
                      total: data.months.length,
                      at: formatDateTime(new Date(data.rollups.rolledUpAt), locale, data.timeZone),
                    })
                  : t('analytics.rollupsNone')}
              </Text>
              <Group gap="xs" wrap="wrap">
                <Button component="a" href={analyticsCsvUrl(data, 'utf-8', locale)} download size="xs" variant="default" leftSection={<IconDownload size={16} aria-hidden />}>
                  {t('analytics.csvUtf8')}
                </Button>
                <Button component="a" href={analyticsCsvUrl(data, 'shift_jis', locale)} download size="xs" variant="default" leftSection={<IconDownload size={16} aria-hidden />}>
                  {t('analytics.csvSjis')}
                </Button>
              </Group>
            </Stack>
          </Paper>

          <Breadcrumbs aria-label={t('analytics.path')} separatorMargin={6} style={{ flexWrap: 'wrap' }}>
            {data.path.map((p) => (
              <AnchorLink key={p.id ?? 'organisation'} to="/analytics" search={{ from: search.from, to: search.to, department: p.id ?? undefined }}>
                {p.name ?? orgName}
              </AnchorLink>
            ))}
            <Text fw={600} aria-current="page">
              {data.group.name ?? orgName}
            </Text>
          </Breadcrumbs>

          {empty ? (
            <Alert color="gray" title={t('analytics.emptyTitle')}>
              {t('analytics.empty', { month: formatMonth(data.latestClosed, locale) })}
            </Alert>
          ) : (
            <>
              <Stack gap="xs" component="section" aria-labelledby="analytics-summary">
                <Title order={2} size="h4" id="analytics-summary">
                  {t('analytics.summaryTitle', { from: formatMonth(data.from, locale), to: formatMonth(data.to, locale) })}
                </Title>
                <SummaryFigures cell={data.summary} minimum={data.minimum} />
              </Stack>

              <Paper withBorder p="md" radius="md" component="section" aria-labelledby="analytics-trend">
                <Title order={2} size="h4" id="analytics-trend" mb="sm">
                  {t('analytics.trendTitle')}
                </Title>
                <TrendCharts data={data} />
                <FigureTable
                  minimum={data.minimum}
                  caption={t('analytics.monthsCaption')}
                  first={t('analytics.month')}
                  rows={data.months.map((m) => ({ key: m.month, label: formatMonth(m.month, locale), cell: m }))}
                />
              </Paper>

              <Paper withBorder p="md" radius="md" component="section" aria-labelledby="analytics-distributions">
                <Title order={2} size="h4" id="analytics-distributions" mb="sm">
                  {t('analytics.distributionsTitle')}
                </Title>
                <DistributionFigures data={data.distributions} minimum={data.minimum} />
              </Paper>

              <Paper withBorder p="md" radius="md" component="section" aria-labelledby="analytics-children">
                <Title order={2} size="h4" id="analytics-children" mb="sm">
                  {t('analytics.childrenTitle')}
                </Title>
                {data.children.length === 0 ? (
                  <Text size="sm" c="gray.7">
                    {t('analytics.noChildren')}
                  </Text>
                ) : (
                  <FigureTable
                    minimum={data.minimum}
                    caption={t('analytics.childrenCaption')}
                    first={t('analytics.department')}
                    rows={data.children.map((c) => ({
                      key: c.id,
                      label: (
                        <AnchorLink to="/analytics" search={{ from: search.from, to: search.to, department: c.id }}>
                          {c.name}
                        </AnchorLink>
                      ),
                      cell: c,
                    }))}
                  />
                )}
              </Paper>
            </>
          )}
        </>
      )}
    </Stack>
  );
}
