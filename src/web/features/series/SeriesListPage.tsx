import { Alert, Avatar, Button, Card, EmptyState, Group, SimpleGrid, Skeleton, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBuildingCommunity, IconCalendarPlus, IconMessages } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Series } from '../../../domain/series.js';
import { AnchorLink } from '../../components/links.js';
import { AppModal } from '../../components/AppModal.js';
import { useRefreshOneOnOnes } from '../../components/MeetingChangeActions.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryError } from '../../components/QueryError.js';
import { currentLocale } from '../../i18n/index.js';
import { formatDateTime, fullName } from '../../lib/format.js';
import { answerSeries, homeQuery, oneOnOneKeys, seriesListQuery, type UpcomingMeeting } from '../../lib/oneOnOne.js';
import { describeCadence } from '../../lib/schedule.js';
import { useApiMutation } from '../../lib/useApiMutation.js';
import { useMe } from '../../lib/session.js';
import { BulkSeriesForm } from './BulkSeriesForm.js';
import { SeriesForm } from './SeriesForm.js';
import { SeriesStatusBadge } from './SeriesStatusBadge.js';

/**
 * A series offered by someone other than the report's primary manager (SPEC §1): the report accepts
 * or declines; the partner sees that it waits.
 */
function PendingOffer({ series, partnerName }: { series: Series; partnerName: string }) {
  const { t } = useTranslation();
  const answer = useApiMutation((a: 'accept' | 'decline') => answerSeries(series.id, a), {
    invalidate: oneOnOneKeys,
    onSuccess: (_series, a) => notifications.show({ color: 'teal', message: t(a === 'accept' ? 'seriesOffer.accepted' : 'seriesOffer.declined') }),
    onError: ({ message }) => notifications.show({ color: 'red', title: t('seriesOffer.failed'), message }),
  });
  const busy = answer.variables ?? null;
  if (series.status !== 'pending') return null;
  if (!series.abilities.accept) {
    return (
      <Text size="sm" c="gray.8">
        {t('seriesOffer.waiting', { name: partnerName })}
      </Text>
    );
  }
  return (
    <Alert color="indigo" variant="light" title={t('seriesOffer.offeredTitle', { name: partnerName })} p="sm">
      <Stack gap="xs">
        <Text size="sm">{t('seriesOffer.offeredBody')}</Text>
        <Group gap="xs">
          <Button size="xs" loading={busy === 'accept'} disabled={busy !== null} onClick={() => answer.mutate('accept')}>
            {t('seriesOffer.accept')}
          </Button>
          <Button size="xs" variant="default" loading={busy === 'decline'} disabled={busy !== null} onClick={() => answer.mutate('decline')}>
            {t('seriesOffer.decline')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

function SeriesCard({ series, next }: { series: Series; next: UpcomingMeeting | undefined }) {
  const { t } = useTranslation();
  const me = useMe();
  const partner = series.myRole === 'manager' ? series.report : series.manager;
  return (
    <Card withBorder radius="md" padding="md" component="li">
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
          <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
            <Avatar color="teal" radius="xl" aria-hidden>
              {partner.familyName.slice(0, 1)}
            </Avatar>
            <Stack gap={0} style={{ minWidth: 0 }}>
              <AnchorLink to="/one-on-ones/$seriesId" params={{ seriesId: series.id }} fw={700}>
                {t('series.withPartner', { name: fullName(partner) })}
              </AnchorLink>
              {partner.title ? (
                <Text size="xs" c="gray.7">
                  {partner.title}
                </Text>
              ) : null}
            </Stack>
          </Group>
          <SeriesStatusBadge status={series.status} />
        </Group>
        <Text size="sm">{describeCadence(series.schedule, t)}</Text>
        <PendingOffer series={series} partnerName={fullName(partner)} />
        <Text size="sm" c="gray.8" hidden={series.status === 'pending'}>
          {series.status !== 'active'
            ? t('series.noNextInactive')
            : next
              ? t('series.nextMeeting', { when: formatDateTime(new Date(next.meeting.startsAt), currentLocale(), me.timeZone) })
              : t('series.noNext')}
        </Text>
      </Stack>
    </Card>
  );
}

function SeriesGroup({ id, title, items, upcoming }: { id: string; title: string; items: Series[]; upcoming: UpcomingMeeting[] }) {
  if (items.length === 0) return null;
  return (
    <Stack gap="sm" component="section" aria-labelledby={id}>
      <Title order={2} size="h3" id={id}>
        {title}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {items.map((s) => (
          <SeriesCard key={s.id} series={s} next={upcoming.find((u) => u.seriesId === s.id)} />
        ))}
      </SimpleGrid>
    </Stack>
  );
}

/** 1on1: every series I am part of, as manager and as report, and setting new ones up. */
export function SeriesListPage({ setUpFor, onSetUpDone }: { setUpFor?: string; onSetUpDone: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const refresh = useRefreshOneOnOnes();
  const list = useQuery(seriesListQuery);
  const home = useQuery(homeQuery);
  const privileged = me.roles.includes('hr') || me.roles.includes('admin');
  const canCreate = privileged || me.directReports.length > 0;
  const [creating, setCreating] = useState(Boolean(setUpFor) && canCreate);
  const [bulk, setBulk] = useState(false);

  const closeCreate = () => {
    setCreating(false);
    if (setUpFor) onSetUpDone();
  };

  const upcoming = home.data?.upcoming ?? [];
  const asManager = (list.data?.items ?? []).filter((s) => s.myRole === 'manager');
  const asReport = (list.data?.items ?? []).filter((s) => s.myRole === 'report');

  return (
    <Stack gap="lg">
      <PageHeader
        title={t('series.title')}
        description={t('series.description')}
        actions={
          canCreate ? (
            <>
              <Button leftSection={<IconCalendarPlus size={18} aria-hidden />} onClick={() => setCreating(true)}>
                {t('series.setUp')}
              </Button>
              {privileged ? (
                <Button variant="default" leftSection={<IconBuildingCommunity size={18} aria-hidden />} onClick={() => setBulk(true)}>
                  {t('series.bulk')}
                </Button>
              ) : null}
            </>
          ) : null
        }
      />

      {list.isPending ? (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} aria-busy="true">
          <VisuallyHidden role="status">{t('status.loading')}</VisuallyHidden>
          {Array.from({ length: 3 }, (_, i) => (
            <Skeleton key={i} height={120} />
          ))}
        </SimpleGrid>
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <Card withBorder radius="md" padding="lg">
          <EmptyState
            icon={<IconMessages aria-hidden />}
            title={t('series.emptyTitle')}
            description={canCreate ? t('series.emptyManagerBody') : t('series.emptyBody')}
          >
            {canCreate ? (
              <Button leftSection={<IconCalendarPlus size={18} aria-hidden />} onClick={() => setCreating(true)}>
                {t('series.setUp')}
              </Button>
            ) : null}
          </EmptyState>
        </Card>
      ) : (
        <>
          <SeriesGroup id="series-as-manager" title={t('series.asManager', { count: asManager.length })} items={asManager} upcoming={upcoming} />
          <SeriesGroup id="series-as-report" title={t('series.asReport')} items={asReport} upcoming={upcoming} />
        </>
      )}

      <AppModal opened={creating} onClose={closeCreate} title={t('series.setUpTitle')} size="lg">
        {creating ? (
          <SeriesForm
            reportId={setUpFor}
            onCancel={closeCreate}
            onCreated={async (created) => {
              await refresh();
              setCreating(false);
              notifications.show({ color: 'teal', message: t('series.created', { name: fullName(created.report) }) });
              await navigate({ to: '/one-on-ones/$seriesId', params: { seriesId: created.id } });
            }}
          />
        ) : null}
      </AppModal>

      <AppModal opened={bulk} onClose={() => setBulk(false)} title={t('series.bulkTitle')} size="lg">
        {bulk ? (
          <BulkSeriesForm
            onCancel={() => setBulk(false)}
            onDone={async (result) => {
              await refresh();
              setBulk(false);
              notifications.show({ color: 'teal', message: t('series.bulkDone', { created: result.created, skipped: result.skipped }) });
            }}
          />
        ) : null}
      </AppModal>
    </Stack>
  );
}
