import { Badge, EmptyState, Group, Paper, Stack, Text } from '@mantine/core';
import { IconArrowLeft, IconHistory } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WebhookAttempt, WebhookDelivery, WebhookEvent } from '../../../domain/notifications.js';
import { AnchorLink } from '../../components/links.js';
import { ListPagination } from '../../components/ListPagination.js';
import { PageHeader } from '../../components/PageHeader.js';
import { PageLoader } from '../../components/PageLoader.js';
import { currentLocale } from '../../i18n/index.js';
import { formatDateTime } from '../../lib/format.js';
import { useMe } from '../../lib/session.js';
import { deliveriesQuery, webhooksQuery } from './api.js';
import { deliveryState, shortenUrl, type DeliveryState } from './display.js';
import { WebhookLoadError } from './WebhookStates.js';

/** Colours whose badge text passes WCAG AA on its tint (see theme.ts). */
const stateBadge: Record<DeliveryState, { color: string; variant: 'light' | 'outline' }> = {
  waiting: { color: 'gray.8', variant: 'outline' },
  retrying: { color: 'blue', variant: 'light' },
  delivered: { color: 'teal', variant: 'light' },
  failed: { color: 'red', variant: 'light' },
};

/** One webhook's delivery log, newest first: every event and each attempt with its HTTP status, in the admin's time zone. */
export function WebhookLogPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const hooks = useQuery(webhooksQuery);
  const [page, setPage] = useState(1);
  const log = useQuery(deliveriesQuery(id, page));
  const hook = hooks.data?.items.find((h) => h.id === id);
  const title = hook ? t('webhooks.logPage.title', { name: hook.name }) : t('webhooks.logPage.fallbackTitle');

  const failed = log.isError ? log : hooks.isError ? hooks : null;
  if (failed) return <WebhookLoadError title={title} error={failed.error} onRetry={() => void failed.refetch()} />;
  return (
    <Stack gap="md">
      <AnchorLink to="/admin/webhooks" size="sm">
        <Group gap={4} component="span" wrap="nowrap">
          <IconArrowLeft size={16} aria-hidden />
          {t('webhooks.logPage.back')}
        </Group>
      </AnchorLink>
      <PageHeader
        title={title}
        description={
          hook ? (
            <>
              {t(`webhooks.formats.${hook.format}`)} · {shortenUrl(hook.url)}
              <br />
              {t('webhooks.logPage.description')}
            </>
          ) : (
            t('webhooks.logPage.description')
          )
        }
      />
      {!log.data ? (
        <PageLoader />
      ) : log.data.items.length === 0 ? (
        <EmptyState icon={<IconHistory aria-hidden />} title={t('webhooks.logPage.emptyTitle')} description={t('webhooks.logPage.emptyBody')} />
      ) : (
        <Stack gap="sm" component="ol" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('webhooks.logPage.listLabel')}>
          {log.data.items.map((d) => (
            <DeliveryRow key={d.id} delivery={d} />
          ))}
        </Stack>
      )}
      {log.data ? <ListPagination total={Math.ceil(log.data.total / log.data.pageSize)} value={page} onChange={setPage} /> : null}
    </Stack>
  );
}

function DeliveryRow({ delivery }: { delivery: WebhookDelivery }) {
  const { t } = useTranslation();
  const me = useMe();
  const locale = currentLocale();
  const state = deliveryState(delivery);
  const event = t(`webhooks.events.${delivery.event as WebhookEvent}`, { defaultValue: delivery.event });
  return (
    <Paper component="li" withBorder radius="md" p="md">
      <Stack gap="xs">
        <Group justify="space-between" gap="sm" wrap="wrap">
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Text fw={700}>{event}</Text>
            <Text size="sm" c="gray.7">
              <time dateTime={delivery.createdAt}>{formatDateTime(new Date(delivery.createdAt), locale, me.timeZone)}</time>
            </Text>
          </Stack>
          <Badge {...stateBadge[state]} style={{ flexShrink: 0 }}>
            {t(`webhooks.logPage.states.${state}`)}
          </Badge>
        </Group>
        {delivery.attempts.length > 0 ? (
          <Stack gap={2} component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('webhooks.logPage.attemptsOf', { event })}>
            {delivery.attempts.map((a) => (
              <Text key={a.attempt} component="li" size="sm" style={{ overflowWrap: 'anywhere' }}>
                {t('webhooks.logPage.attempt', { n: a.attempt })} · <time dateTime={a.at}>{clock(new Date(a.at), me.timeZone)}</time> · {outcome(a, t)}
              </Text>
            ))}
          </Stack>
        ) : (
          <Text size="sm" c="gray.7">
            {t('webhooks.logPage.noAttempt')}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

/** An attempt's clock time with seconds (retries follow within seconds of each other). */
function clock(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZone }).format(date);
}

function outcome(a: WebhookAttempt, t: (key: string, options?: Record<string, unknown>) => string): string {
  if (a.statusCode !== null) return t('webhooks.logPage.http', { status: a.statusCode });
  return t('webhooks.logPage.noAnswer', { error: a.error ?? '' });
}
