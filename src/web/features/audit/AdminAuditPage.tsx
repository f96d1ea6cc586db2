import { Badge, Button, EmptyState, Group, NativeSelect, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconHistory, IconX } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { auditAdminActions, auditLimits, type AdminAuditEvent, type AuditAdminAction } from '../../../domain/audit.js';
import { ListPagination } from '../../components/ListPagination.js';
import { PageHeader } from '../../components/PageHeader.js';
import { PageLoader } from '../../components/PageLoader.js';
import { QueryError } from '../../components/QueryError.js';
import { currentLocale } from '../../i18n/index.js';
import { formatDateTime, fullName } from '../../lib/format.js';
import { useMe } from '../../lib/session.js';
import { adminAuditQuery } from './api.js';

/** Admins read the log of administrative actions, filtered by action, period and the person who acted (ADR 0210). */
export function AdminAuditPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [page, setPage] = useState(1);
  const [action, setAction] = useState<AuditAdminAction | ''>('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [actor, setActor] = useState<AdminAuditEvent['actor'] | null>(null);
  const query = useQuery(
    adminAuditQuery({ page, action: action || undefined, from: from || undefined, to: to || undefined, actorId: actor?.id }),
  );
  // A new filter starts again on the first page.
  const filtered =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setPage(1);
    };
  const when = (at: string) => formatDateTime(new Date(at), currentLocale(), me.timeZone);

  return (
    <Stack gap="md">
      <PageHeader title={t('audit.adminTitle')} description={t('audit.adminDescription')} />
      <Paper withBorder p="md" radius="md">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <NativeSelect
            label={t('audit.filterAction')}
            value={action}
            onChange={(e) => filtered(setAction)(e.currentTarget.value as AuditAdminAction | '')}
            data={[{ value: '', label: t('audit.filterAllActions') }, ...auditAdminActions.map((a) => ({ value: a, label: t(`audit.admin.${a}`) }))]}
            style={{ flex: '1 1 14rem' }}
          />
          <TextInput type="date" label={t('audit.filterFrom')} value={from} onChange={(e) => filtered(setFrom)(e.currentTarget.value)} style={{ flex: '1 1 9rem' }} />
          <TextInput type="date" label={t('audit.filterTo')} value={to} onChange={(e) => filtered(setTo)(e.currentTarget.value)} style={{ flex: '1 1 9rem' }} />
        </Group>
        {actor ? (
          <Group gap="xs" mt="sm">
            <Badge variant="light" size="lg" tt="none">
              {t('audit.filterActor', { name: fullName(actor) })}
            </Badge>
            <Button variant="subtle" size="compact-sm" leftSection={<IconX size={14} aria-hidden />} onClick={() => filtered(setActor)(null)}>
              {t('audit.clearActor')}
            </Button>
          </Group>
        ) : null}
      </Paper>
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.isPending ? (
        <PageLoader />
      ) : query.data.items.length === 0 ? (
        <EmptyState icon={<IconHistory aria-hidden />} title={t('audit.adminEmptyTitle')} description={t('audit.adminEmptyBody')} />
      ) : (
        <Stack gap="sm">
          <Text size="sm" c="gray.7">
            {t('audit.total', { count: query.data.total })}
          </Text>
          <Table.ScrollContainer minWidth={560} visibleFrom="sm">
            <Table striped verticalSpacing="xs" aria-label={t('audit.adminListLabel')} data-testid="admin-audit">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('audit.colWhen')}</Table.Th>
                  <Table.Th>{t('audit.colActor')}</Table.Th>
                  <Table.Th>{t('audit.colAction')}</Table.Th>
                  <Table.Th>{t('audit.colSubject')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {query.data.items.map((e) => (
                  <Table.Tr key={e.id}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <time dateTime={e.at}>{when(e.at)}</time>
                    </Table.Td>
                    <Table.Td>
                      <Button variant="subtle" size="compact-sm" px={4} onClick={() => filtered(setActor)(e.actor)} aria-label={t('audit.onlyActor', { name: fullName(e.actor) })}>
                        {fullName(e.actor)}
                      </Button>
                    </Table.Td>
                    <Table.Td>{t(`audit.admin.${e.action}`)}</Table.Td>
                    <Table.Td>{e.subject ? fullName(e.subject) : t('audit.noSubject')}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {/* At phone width, one card per action instead of a table that scrolls sideways. */}
          <Stack gap="xs" hiddenFrom="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('audit.adminListLabel')}>
            {query.data.items.map((e) => (
              <Paper key={e.id} component="li" withBorder p="sm" radius="md">
                <Text size="sm" fw={600}>
                  {e.subject ? t('audit.actionOn', { action: t(`audit.admin.${e.action}`), name: fullName(e.subject) }) : t(`audit.admin.${e.action}`)}
                </Text>
                <Group gap={4} wrap="wrap">
                  <Text size="xs" c="gray.7">
                    <time dateTime={e.at}>{when(e.at)}</time>
                  </Text>
                  <Button variant="subtle" size="compact-xs" px={4} onClick={() => filtered(setActor)(e.actor)} aria-label={t('audit.onlyActor', { name: fullName(e.actor) })}>
                    {fullName(e.actor)}
                  </Button>
                </Group>
              </Paper>
            ))}
          </Stack>
          <ListPagination total={Math.ceil(query.data.total / auditLimits.pageSize)} value={page} onChange={setPage} label={t('audit.adminListLabel')} />
        </Stack>
      )}
    </Stack>
  );
}
