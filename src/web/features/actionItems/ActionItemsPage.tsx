import { Button, Card, EmptyState, Group, SegmentedControl, Skeleton, Stack, Tabs, Text, VisuallyHidden } from '@mantine/core';
import { IconCheck, IconListCheck, IconRotate } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionItemBadges } from '../../components/ActionItemBadges.js';
import { EditActionItem } from '../../components/EditActionItem.js';
import { AnchorLink } from '../../components/links.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryError } from '../../components/QueryError.js';
import { FormError } from '../../components/FormError.js';
import { fullName } from '../../lib/format.js';
import { actionItemsQuery, updateActionItem, type ActionItem } from '../../lib/followUp.js';
import { useMe } from '../../lib/session.js';
import { useApiMutation } from '../../lib/useApiMutation.js';
import { ListPagination } from '../../components/ListPagination.js';

export type ActionItemScope = 'mine' | 'support' | 'team';
export type ActionItemStatusFilter = 'open' | 'done' | 'all';

const pageSize = 20;

function ItemRow({
  item,
  scope,
  onToggle,
  onSaved,
  busy,
}: {
  item: ActionItem;
  scope: ActionItemScope;
  onToggle: () => void;
  onSaved: () => Promise<unknown>;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const done = item.status === 'done';
  return (
    <Card component="li" withBorder radius="md" padding="sm" bg={item.overdue ? 'red.0' : undefined}>
      <Group justify="space-between" align="flex-start" gap="sm" wrap="wrap">
        <Stack gap={4} style={{ minWidth: 0, flex: '1 1 16rem' }}>
          <Text fw={700} td={done ? 'line-through' : undefined}>
            {item.title}
          </Text>
          <ActionItemBadges item={item} showOwner={scope === 'team' || item.ownerRole === 'manager'} />
          <Text size="sm" c="gray.7">
            {item.meetingId ? (
              <AnchorLink to="/meetings/$meetingId" params={{ meetingId: item.meetingId }} size="sm">
                {t('actionItems.fromMeeting', { name: fullName(item.partner) })}
              </AnchorLink>
            ) : (
              t('actionItems.withPartner', { name: fullName(item.partner) })
            )}
          </Text>
        </Stack>
        {item.abilities.update ? (
          <Group gap={6} wrap="nowrap">
            <EditActionItem item={item} onSaved={onSaved} />
            <Button
            size="xs"
            variant={done ? 'default' : 'light'}
            leftSection={done ? <IconRotate size={14} aria-hidden /> : <IconCheck size={14} aria-hidden />}
            loading={busy}
            onClick={onToggle}
            aria-label={done ? t('actionItems.reopenNamed', { title: item.title }) : t('actionItems.markDoneNamed', { title: item.title })}
          >
            {done ? t('actionItems.reopen') : t('actionItems.markDone')}
            </Button>
          </Group>
        ) : null}
      </Group>
    </Card>
  );
}

function ItemList({ scope, status, page, onPage }: { scope: ActionItemScope; status: ActionItemStatusFilter; page: number; onPage: (p: number) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const query = useQuery(actionItemsQuery(scope, status, page, pageSize));

  const toggle = useApiMutation((item: ActionItem) => updateActionItem(item.id, { status: item.status === 'done' ? 'open' : 'done' }), {
    invalidate: [['actionItems'], ['home']],
  });
  const busy = toggle.variables?.id ?? null;

  if (query.isPending) {
    return (
      <Stack gap="xs" aria-busy="true">
        <VisuallyHidden role="status">{t('status.loading')}</VisuallyHidden>
        <Skeleton height={72} />
        <Skeleton height={72} />
      </Stack>
    );
  }
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const { items, total } = query.data;
  if (items.length === 0) {
    return (
      <Card withBorder radius="md" padding="lg">
        <EmptyState icon={<IconListCheck aria-hidden />} title={t(`actionItems.empty.${status}`)} description={t(`actionItems.emptyBody.${scope}`)} />
      </Card>
    );
  }
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <Stack gap="sm">
      <FormError message={toggle.formError} onClose={toggle.clearErrors} />
      <Text size="sm" c="gray.7">
        {t('actionItems.total', { count: total })}
      </Text>
      <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {items.map((item) => (
          <ItemRow
            key={item.id}
            item={item}
            scope={scope}
            busy={busy === item.id}
            onToggle={() => toggle.mutate(item)}
            onSaved={() => queryClient.invalidateQueries({ queryKey: ['actionItems'] })}
          />
        ))}
      </Stack>
      <ListPagination total={pages} value={page} onChange={onPage} />
    </Stack>
  );
}

interface ActionItemsPageProps {
  scope: ActionItemScope;
  status: ActionItemStatusFilter;
  page: number;
  onChange: (next: { scope?: ActionItemScope; status?: ActionItemStatusFilter; page?: number }) => void;
}

/** アクションアイテム: my own next steps and, for managers, those of their team; overdue first. */
export function ActionItemsPage({ scope, status, page, onChange }: ActionItemsPageProps) {
  const { t } = useTranslation();
  const me = useMe();
  const statusLabel = useId();
  const isManager = me.directReports.length > 0;
  const scopes: ActionItemScope[] = isManager ? ['mine', 'support', 'team'] : ['mine', 'support'];
  const current: ActionItemScope = scopes.includes(scope) ? scope : 'mine';
  const filter: ReactNode = (
    <Stack gap={4}>
      <Text id={statusLabel} size="sm" fw={500}>
        {t('actionItems.statusFilter')}
      </Text>
      <SegmentedControl
        aria-labelledby={statusLabel}
        value={status}
        onChange={(v) => onChange({ status: v as ActionItemStatusFilter, page: 1 })}
        data={(['open', 'done', 'all'] as const).map((s) => ({ value: s, label: t(`actionItems.filter.${s}`) }))}
      />
    </Stack>
  );
  const list = <ItemList scope={current} status={status} page={page} onPage={(p) => onChange({ page: p })} />;

  return (
    <Stack gap="md">
      <PageHeader title={t('actionItems.title')} description={t('actionItems.lead')} />
      <Tabs value={current} onChange={(v) => onChange({ scope: (v as ActionItemScope) ?? 'mine', page: 1 })} keepMounted={false}>
        <Tabs.List>
          {scopes.map((sc) => (
            <Tabs.Tab key={sc} value={sc}>
              {t(`actionItems.tab.${sc}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {scopes.map((sc) => (
          <Tabs.Panel key={sc} value={sc} pt="md">
            <Stack gap="md">
              {sc === 'support' ? (
                <Text size="sm" c="gray.7">
                  {t('actionItems.supportLead')}
                </Text>
              ) : null}
              {filter}
              {current === sc ? list : null}
            </Stack>
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}
