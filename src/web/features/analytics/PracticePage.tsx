import { Badge, Box, Group, Paper, Select, SimpleGrid, Skeleton, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconSelector } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ListPagination } from '../../components/ListPagination.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryError } from '../../components/QueryError.js';
import { currentLocale } from '../../i18n/index.js';
import { formatDateTime } from '../../lib/format.js';
import { practiceDepartmentsQuery, practicePageSize, practiceQuery, type PracticeRow, type PracticeSearch, type PracticeSort } from '../../lib/formality.js';

/** A share as a percentage with the counts behind it ("75% · 6/8"), or a dash when nothing was counted. */
function Share({ n, of }: { n: number; of: number }) {
  const { t, i18n } = useTranslation();
  if (of === 0)
    return (
      <Text size="sm" c="gray.7">
        —
      </Text>
    );
  const pct = new Intl.NumberFormat(i18n.language, {
    style: 'percent',
    maximumFractionDigits: 0,
  }).format(n / of);
  return (
    <Stack gap={0}>
      <Text size="sm" fw={600}>
        {pct}
      </Text>
      <Text size="xs" c="gray.7" style={{ whiteSpace: 'nowrap' }}>
        {t('formality.nOf', { n, of })}
      </Text>
    </Stack>
  );
}

const columns: {
  key: PracticeSort;
  label: string;
  cell: (r: PracticeRow) => React.ReactNode;
}[] = [
  {
    key: 'implementation',
    label: 'formality.figure.held',
    cell: (r) => <Share n={Math.min(r.figures.held, r.figures.planned)} of={r.figures.planned} />,
  },
  {
    key: 'cancelled',
    label: 'formality.figure.cancelled',
    cell: (r) => <Share n={r.figures.cancelled} of={r.figures.planned} />,
  },
  {
    key: 'prepared',
    label: 'formality.figure.prepared',
    cell: (r) => <Share n={r.figures.prepared} of={r.figures.held} />,
  },
  {
    key: 'reportTopics',
    label: 'formality.figure.reportTopics',
    cell: (r) => <Share n={r.figures.reportTopics} of={r.figures.topics} />,
  },
  {
    key: 'statusMeetings',
    label: 'formality.figure.statusMeetings',
    cell: (r) => <Share n={r.figures.statusMeetings} of={r.figures.meetingsWithTopics} />,
  },
  {
    key: 'actionItems',
    label: 'formality.figure.actionItems',
    cell: (r) => <Share n={r.figures.actionItemsDone} of={r.figures.actionItems} />,
  },
];

/** The signals a manager's sums cross (orange), and those crossed by some of their series alone (grey, with how many). */
function SignalBadges({ row: r }: { row: PracticeRow }) {
  const { t } = useTranslation();
  if (r.signals.length === 0 && r.seriesSignals.length === 0)
    return (
      <Text size="sm" c="gray.7">
        {t('practice.noSignals')}
      </Text>
    );
  return (
    <Group gap={4}>
      {r.signals.map((k) => (
        <Badge key={k} color="orange" variant="light" style={{ textTransform: 'none' }} styles={{ label: { color: 'var(--mantine-color-dark-7)' } }}>
          {t(`formality.kind.${k}`)}
        </Badge>
      ))}
      {r.seriesSignals
        .filter((x) => !r.signals.includes(x.kind))
        .map((x) => (
          <Badge key={x.kind} color="gray" variant="light" style={{ textTransform: 'none' }}>
            {t('practice.inSeries', {
              kind: t(`formality.kind.${x.kind}`),
              count: x.series,
            })}
          </Badge>
        ))}
    </Group>
  );
}

/** At phone width: one card per manager, the same figures as a list. */
function PracticeCard({ row: r }: { row: PracticeRow }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" p="sm" component="li">
      <Stack gap="xs">
        <div>
          <Text fw={600}>{r.manager.name}</Text>
          <Text size="xs" c="gray.7">
            {[r.manager.department, t('practice.seriesCount', { count: r.figures.series })].filter(Boolean).join(' · ')}
          </Text>
        </div>
        <SimpleGrid cols={2} spacing="xs" verticalSpacing={6} component="dl" m={0}>
          {columns.map((c) => (
            <div key={c.key}>
              <Text component="dt" size="xs" c="gray.7">
                {t(c.label)}
              </Text>
              <Box component="dd" m={0}>
                {c.cell(r)}
              </Box>
            </div>
          ))}
        </SimpleGrid>
        <SignalBadges row={r} />
      </Stack>
    </Paper>
  );
}

/** A column header that sorts by its column; the current order is told to screen readers with aria-sort. */
function SortHeader({
  column,
  label,
  search,
  onSearchChange,
}: {
  column: PracticeSort;
  label: string;
  search: PracticeSearch;
  onSearchChange: (s: PracticeSearch) => void;
}) {
  const { t } = useTranslation();
  const sort = search.sort ?? 'signals';
  const order = search.order ?? 'desc';
  const active = sort === column;
  const Icon = !active ? IconSelector : order === 'asc' ? IconArrowUp : IconArrowDown;
  return (
    <Table.Th scope="col" aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <UnstyledButton
        onClick={() =>
          onSearchChange({
            ...search,
            sort: column,
            order: active && order === 'desc' ? 'asc' : 'desc',
            page: undefined,
          })
        }
        aria-label={t('practice.sortBy', { column: label })}
        style={{
          display: 'inline-flex',
          gap: 4,
          alignItems: 'center',
          fontWeight: 700,
          fontSize: 'var(--mantine-font-size-sm)',
        }}
      >
        {label}
        <Icon size={14} aria-hidden />
      </UnstyledButton>
    </Table.Th>
  );
}

/**
 * hr's manager practice table (issue 10 item 3): per manager, practice metadata of SPEC §2 and the
 * formality signals over their active series, counts and shares only. No topic or note text, no
 * rating, no condition: the server sends none. Sortable by each column, paged, filtered by department.
 */
export function PracticePage({ search, onSearchChange }: { search: PracticeSearch; onSearchChange: (next: PracticeSearch) => void }) {
  const { t } = useTranslation();
  const query = useQuery(practiceQuery(search));
  const departments = useQuery(practiceDepartmentsQuery);
  const departmentData = (departments.data?.items ?? []).map((d) => ({
    value: d.id,
    label: d.path.join(' / '),
  }));
  const data = query.data;
  const page = search.page ?? 1;
  return (
    <Stack gap="lg">
      <PageHeader title={t('practice.title')} description={t('practice.description')} />
      <Paper withBorder p="md" radius="md" component="search" aria-label={t('practice.filters')}>
        <Stack gap="sm">
          <Select
            label={t('fields.department')}
            placeholder={t('practice.allDepartments')}
            data={departmentData}
            value={search.department ?? null}
            onChange={(v) =>
              onSearchChange({
                ...search,
                department: v ?? undefined,
                page: undefined,
              })
            }
            searchable
            clearable
            clearButtonProps={{ 'aria-label': t('actions.clear') }}
            nothingFoundMessage={t('employees.noMatches')}
            maw={{ base: '100%', sm: 420 }}
          />
          <Text size="sm" c="gray.7">
            {t('practice.note', {
              days: data?.window.days ?? 90,
              meetings: data?.window.meetings ?? 8,
            })}
          </Text>
          {data ? (
            <Text size="sm" c="gray.7" data-testid="practice-taken-at">
              {t('practice.takenAt', { at: formatDateTime(new Date(data.takenAt), currentLocale(), data.timeZone) })}
            </Text>
          ) : null}
        </Stack>
      </Paper>
      {query.isError ? <QueryError error={query.error} onRetry={() => void query.refetch()} /> : null}
      {!data ? (
        query.isPending ? (
          <Skeleton height={320} />
        ) : null
      ) : data.total === 0 ? (
        <Paper withBorder p="lg" radius="md">
          <Text fw={600}>{t('practice.emptyTitle')}</Text>
          <Text size="sm">{search.department ? t('practice.emptyDepartment') : t('practice.empty')}</Text>
        </Paper>
      ) : (
        <Stack gap="sm">
          <Select
            hiddenFrom="md"
            label={t('practice.sort')}
            data={[{ key: 'signals' as PracticeSort, label: 'practice.signals' }, { key: 'name' as PracticeSort, label: 'practice.manager' }, ...columns].map(
              (c) => ({ value: c.key, label: t(c.label) }),
            )}
            value={search.sort ?? 'signals'}
            allowDeselect={false}
            onChange={(v) =>
              v &&
              onSearchChange({
                ...search,
                sort: v as PracticeSort,
                order: v === 'name' ? 'asc' : 'desc',
                page: undefined,
              })
            }
          />
          <Stack gap="xs" hiddenFrom="md" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('practice.caption', { total: data.total })}>
            {data.items.map((r) => (
              <PracticeCard key={r.manager.id} row={r} />
            ))}
          </Stack>
          <Box visibleFrom="md">
            <Table.ScrollContainer minWidth={960}>
              <Table striped withTableBorder verticalSpacing="xs">
                <Table.Caption>{t('practice.caption', { total: data.total })}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <SortHeader column="name" label={t('practice.manager')} search={search} onSearchChange={onSearchChange} />
                    {columns.map((c) => (
                      <SortHeader key={c.key} column={c.key} label={t(c.label)} search={search} onSearchChange={onSearchChange} />
                    ))}
                    <SortHeader column="signals" label={t('practice.signals')} search={search} onSearchChange={onSearchChange} />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((r) => (
                    <Table.Tr key={r.manager.id}>
                      <Table.Th scope="row" fw={500}>
                        <Text size="sm" fw={600}>
                          {r.manager.name}
                        </Text>
                        <Text size="xs" c="gray.7">
                          {[
                            r.manager.department,
                            t('practice.seriesCount', {
                              count: r.figures.series,
                            }),
                          ]
                            .filter(Boolean)
                            .join(' · ')}
                        </Text>
                      </Table.Th>
                      {columns.map((c) => (
                        <Table.Td key={c.key}>{c.cell(r)}</Table.Td>
                      ))}
                      <Table.Td>
                        <SignalBadges row={r} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Box>
          <ListPagination
            total={Math.ceil(data.total / practicePageSize)}
            value={page}
            onChange={(p) => onSearchChange({ ...search, page: p })}
            label={t('practice.pages')}
          />
        </Stack>
      )}
    </Stack>
  );
}
