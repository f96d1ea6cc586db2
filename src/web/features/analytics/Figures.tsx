import { Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { cancelCategories } from '../../../domain/series.js';
import type { AnalyticsDepartments } from '../../lib/analytics.js';

type Cell = AnalyticsDepartments['summary'];
type Hidden = { shown: false; reason: 'tooFew' | 'complementary' | 'noData' };

/** Numbers in the reader's language: percentages and 1–5 averages with one decimal. */
export function useFormat() {
  const { i18n } = useTranslation();
  const nf = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1, minimumFractionDigits: 1 });
  return {
    percent: (n: number | null) => (n === null ? '—' : `${nf.format(n)}%`),
    score: (n: number | null) => (n === null ? '—' : nf.format(n)),
  };
}

/** Why a figure is hidden, in one short sentence. */
export function HiddenReason({ figure, minimum }: { figure: Hidden; minimum: number }) {
  const { t } = useTranslation();
  return (
    <Text size="sm" c="gray.7">
      {t(`analytics.hidden.${figure.reason}`, { minimum })}
    </Text>
  );
}

function Stat({ label, value, detail }: { label: string; value: string; detail?: ReactNode }) {
  return (
    <Paper withBorder p="sm" radius="md">
      <Stack gap={2}>
        <Text size="sm" c="gray.7">
          {label}
        </Text>
        <Text fw={700} size="xl">
          {value}
        </Text>
        {detail ? (
          <Text size="xs" c="gray.7">
            {detail}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}

/** The group's figures over the whole period: practice (whether 1on1s happen) and quality (how they felt). */
export function SummaryFigures({ cell, minimum }: { cell: Cell; minimum: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { practice, quality } = cell;
  return (
    <Stack gap="sm">
      {practice.shown ? (
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
          <Stat label={t('analytics.implementationRate')} value={f.percent(practice.implementationRate)} detail={t('analytics.heldOfPlanned', { held: practice.held, planned: practice.planned })} />
          <Stat label={t('analytics.cadenceAdherence')} value={f.percent(practice.cadenceAdherence)} detail={t('analytics.cadenceDetail', { count: practice.seriesMonths })} />
          <Stat
            label={t('analytics.cancellations')}
            value={String(practice.cancelled)}
            detail={
              <>
                {t('analytics.cancelledBy', { manager: practice.cancelledByManager, report: practice.cancelledByReport, other: practice.cancelled - practice.cancelledByManager - practice.cancelledByReport })}
                {practice.cancelled > 0 ? (
                  <>
                    <br />
                    {t('analytics.cancelledByCategory', {
                      list: cancelCategories
                        .filter((c) => practice.cancelledByCategory[c] > 0)
                        .map((c) => `${t(`cancelCategory.${c}`)} ${practice.cancelledByCategory[c]}`)
                        .join(t('analytics.listSeparator')),
                    })}
                  </>
                ) : null}
              </>
            }
          />
        </SimpleGrid>
      ) : (
        <HiddenReason figure={practice} minimum={minimum} />
      )}
      {quality.shown ? (
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
          <Stat label={t('analytics.feltHeard')} value={`${f.score(quality.feltHeard)} / 5`} detail={t('analytics.responses', { count: quality.responses })} />
          <Stat label={t('analytics.useful')} value={`${f.score(quality.useful)} / 5`} detail={t('analytics.responses', { count: quality.responses })} />
        </SimpleGrid>
      ) : (
        <HiddenReason figure={quality} minimum={minimum} />
      )}
    </Stack>
  );
}
