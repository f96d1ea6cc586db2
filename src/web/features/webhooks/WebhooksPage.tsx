import { Badge, Button, EmptyState, Group, Paper, Stack, Switch, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconListDetails, IconPlus, IconTrash, IconWebhook } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Webhook } from '../../../domain/notifications.js';
import { AppModal } from '../../components/AppModal.js';
import { FormError } from '../../components/FormError.js';
import { ButtonLink } from '../../components/links.js';
import { PageHeader } from '../../components/PageHeader.js';
import { PageLoader } from '../../components/PageLoader.js';
import { currentLocale } from '../../i18n/index.js';
import { formatDate } from '../../lib/format.js';
import { useMe } from '../../lib/session.js';
import { useApiMutation } from '../../lib/useApiMutation.js';
import { removeWebhook, setWebhookActive, webhooksKey, webhooksQuery } from './api.js';
import { shortenUrl } from './display.js';
import { AddWebhookModal } from './WebhookForm.js';
import { WebhookLoadError } from './WebhookStates.js';

/** The admins' list of outgoing webhooks (SPEC §7): add one, switch it off or on, remove it, open its log. */
export function WebhooksPage() {
  const { t } = useTranslation();
  const query = useQuery(webhooksQuery);
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<Webhook | null>(null);

  if (query.isError) return <WebhookLoadError title={t('webhooks.title')} error={query.error} onRetry={() => void query.refetch()} />;
  return (
    <Stack gap="md">
      <PageHeader
        title={t('webhooks.title')}
        description={t('webhooks.description')}
        actions={
          <Button leftSection={<IconPlus size={18} aria-hidden />} onClick={() => setAdding(true)} disabled={query.isPending}>
            {t('webhooks.add')}
          </Button>
        }
      />
      {query.isPending ? (
        <PageLoader />
      ) : query.data.items.length === 0 ? (
        <EmptyState icon={<IconWebhook aria-hidden />} title={t('webhooks.emptyTitle')} description={t('webhooks.emptyBody')} />
      ) : (
        <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('webhooks.listLabel')}>
          {query.data.items.map((hook) => (
            <WebhookRow key={hook.id} hook={hook} onRemove={() => setRemoving(hook)} />
          ))}
        </Stack>
      )}
      <Text size="sm" c="gray.7">
        {t('webhooks.privacy')}
      </Text>
      <AddWebhookModal opened={adding} onClose={() => setAdding(false)} />
      <RemoveWebhookModal hook={removing} onClose={() => setRemoving(null)} />
    </Stack>
  );
}

function WebhookRow({ hook, onRemove }: { hook: Webhook; onRemove: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const toggle = useApiMutation((active: boolean) => setWebhookActive(hook.id, active), {
    invalidate: [webhooksKey],
    onSuccess: (updated) => notifications.show({ color: 'teal', message: t(updated.active ? 'webhooks.switchedOn' : 'webhooks.switchedOff', { name: updated.name }) }),
    onError: ({ message }) => notifications.show({ color: 'red', message }),
  });
  const headingId = `webhook-${hook.id}`;
  return (
    <Paper component="li" withBorder radius="md" p="md" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" gap="sm" wrap="wrap">
          <Stack gap={2} style={{ minWidth: 0, flex: '1 1 14rem' }}>
            <Group gap="xs" wrap="wrap">
              <Text component="h2" fw={700} fz="md" m={0} id={headingId} style={{ overflowWrap: 'anywhere' }}>
                {hook.name}
              </Text>
              <Badge variant="light" color="blue" tt="none">
                {t(`webhooks.formats.${hook.format}`)}
              </Badge>
              {!hook.active ? (
                <Badge variant="outline" color="gray.8">
                  {t('webhooks.off')}
                </Badge>
              ) : null}
            </Group>
            <Text size="sm" c="gray.7" style={{ overflowWrap: 'anywhere' }}>
              {shortenUrl(hook.url)}
            </Text>
          </Stack>
          <Switch
            checked={hook.active}
            disabled={toggle.isPending}
            onChange={(e) => toggle.mutate(e.currentTarget.checked)}
            label={t('webhooks.active')}
            aria-label={t('webhooks.activeFor', { name: hook.name })}
          />
        </Group>
        <Group gap={6} wrap="wrap" aria-label={t('webhooks.eventsOf', { name: hook.name })} role="list">
          {hook.events.map((ev) => (
            <Badge key={ev} role="listitem" variant="outline" color="teal.9" tt="none" fw={500}>
              {t(`webhooks.events.${ev}`)}
            </Badge>
          ))}
        </Group>
        <Group justify="space-between" align="center" gap="sm" wrap="wrap">
          <Text size="xs" c="gray.7">
            {t('webhooks.createdOn', { date: formatDate(new Date(hook.createdAt), currentLocale(), me.timeZone) })}
          </Text>
          <Group gap="xs" wrap="wrap">
            <ButtonLink
              to="/admin/webhooks/$id"
              params={{ id: hook.id }}
              variant="light"
              size="xs"
              leftSection={<IconListDetails size={16} aria-hidden />}
              aria-label={t('webhooks.logFor', { name: hook.name })}
            >
              {t('webhooks.log')}
            </ButtonLink>
            <Button
              variant="default"
              size="xs"
              leftSection={<IconTrash size={16} aria-hidden color="var(--mantine-color-red-9)" />}
              onClick={onRemove}
              aria-label={t('webhooks.removeFor', { name: hook.name })}
            >
              {t('webhooks.remove')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Paper>
  );
}

function RemoveWebhookModal({ hook, onClose }: { hook: Webhook | null; onClose: () => void }) {
  const { t } = useTranslation();
  const remove = useApiMutation(removeWebhook, {
    invalidate: [webhooksKey],
    onSuccess: () => {
      notifications.show({ color: 'teal', message: t('webhooks.removed', { name: hook?.name ?? '' }) });
      close();
    },
  });
  const close = () => {
    remove.reset();
    onClose();
  };
  return (
    <AppModal opened={hook !== null} onClose={close} title={t('webhooks.removeTitle')}>
      <Stack gap="sm">
        <Text>{t('webhooks.removeBody', { name: hook?.name ?? '' })}</Text>
        <FormError message={remove.formError} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={close} data-autofocus>
            {t('actions.cancel')}
          </Button>
          <Button
            color="red.9"
            loading={remove.isPending}
            onClick={() =>
              hook &&
              remove.mutate(hook.id)
            }
          >
            {t('webhooks.removeConfirm')}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}
