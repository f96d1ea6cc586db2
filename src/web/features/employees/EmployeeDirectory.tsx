import { Badge, Box, Button, Card, EmptyState, Group, Select, SimpleGrid, Skeleton, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconSearch, IconUserPlus, IconUsers } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../components/links.js';
import type { Employee } from '../../../domain/employees.js';
import { AppModal } from '../../components/AppModal.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryError } from '../../components/QueryError.js';
import { fullName } from '../../lib/format.js';
import { useMe } from '../../lib/session.js';
import { createEmployee, departmentOptionsQuery, employeeListQuery } from './api.js';
import { EmployeeForm } from './EmployeeForm.js';
import { ListPagination } from '../../components/ListPagination.js';

export interface DirectorySearch {
  q?: string;
  departmentId?: string;
  status?: 'active' | 'inactive' | 'all';
  page?: number;
}

const pageSize = 20;

function StatusBadge({ employee }: { employee: Employee }) {
  const { t } = useTranslation();
  return employee.active ? (
    <Badge color="teal" variant="light">
      {t('employees.statusActive')}
    </Badge>
  ) : (
    <Badge color="gray.9" variant="light">
      {t('employees.statusInactive')}
    </Badge>
  );
}

function EmployeeLink({ employee }: { employee: Employee }) {
  return (
    <AnchorLink to="/employees/$id" params={{ id: employee.id }} fw={600}>
      {fullName(employee)}
    </AnchorLink>
  );
}

/** The directory: search, filters, a table on wide screens and cards on phones, pagination. */
export function EmployeeDirectory({ search, onSearchChange }: { search: DirectorySearch; onSearchChange: (next: DirectorySearch) => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const mayFilterStatus = me.roles.includes('hr') || me.roles.includes('admin');
  const [text, setText] = useState(search.q ?? '');
  const [debounced] = useDebouncedValue(text.trim(), 300);
  const [creating, setCreating] = useState(false);
  const page = search.page ?? 1;
  const status = mayFilterStatus ? (search.status ?? 'active') : 'active';

  useEffect(() => {
    if ((search.q ?? '') !== debounced) onSearchChange({ ...search, q: debounced || undefined, page: undefined });
    // Only the debounced text drives this; the rest of the search is read as it is now.
  }, [debounced]);

  const list = useQuery(
    employeeListQuery({ q: search.q, departmentId: search.departmentId, status, page, pageSize }),
  );
  const departments = useQuery(departmentOptionsQuery);
  const departmentData = (departments.data?.items ?? []).map((d) => ({ value: d.id, label: d.path.join(' / ') }));
  // The directory pages by number (pages can be jumped to), so its answers always carry the total;
  // only cursor requests leave it out (ADR 0222).
  const total = list.data?.total ?? 0;
  const totalPages = Math.max(1, Math.ceil(total / pageSize));
  const filtered = Boolean(search.q || search.departmentId || (search.status && search.status !== 'active'));
  const showStatus = mayFilterStatus && status !== 'active';

  return (
    <Stack gap="md">
      <PageHeader
        title={t('employees.title')}
        description={t('employees.description')}
        actions={
          list.data?.abilities.create ? (
            <Button leftSection={<IconUserPlus size={18} aria-hidden />} onClick={() => setCreating(true)}>
              {t('employees.add')}
            </Button>
          ) : null
        }
      />

      <Box component="search" aria-label={t('employees.filters')}>
        <SimpleGrid cols={{ base: 1, sm: mayFilterStatus ? 3 : 2 }}>
          <TextInput
            label={t('employees.search')}
            placeholder={t('employees.searchPlaceholder')}
            leftSection={<IconSearch size={16} aria-hidden />}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            type="search"
          />
          <Select
            label={t('fields.department')}
            placeholder={t('employees.allDepartments')}
            data={departmentData}
            value={search.departmentId ?? null}
            onChange={(v) => onSearchChange({ ...search, departmentId: v ?? undefined, page: undefined })}
            searchable
            clearable
            clearButtonProps={{ 'aria-label': t('actions.clear') }}
            nothingFoundMessage={t('employees.noMatches')}
            error={departments.isError ? t('errors.loadFailed') : undefined}
          />
          {mayFilterStatus ? (
            <Select
              label={t('employees.status')}
              data={[
                { value: 'active', label: t('employees.statusActive') },
                { value: 'inactive', label: t('employees.statusInactive') },
                { value: 'all', label: t('employees.statusAll') },
              ]}
              value={status}
              allowDeselect={false}
              onChange={(v) =>
                onSearchChange({ ...search, status: v === 'inactive' || v === 'all' ? v : undefined, page: undefined })
              }
            />
          ) : null}
        </SimpleGrid>
      </Box>

      {list.isPending ? (
        <Stack gap="xs" aria-busy="true">
          <VisuallyHidden role="status">{t('status.loading')}</VisuallyHidden>
          {Array.from({ length: 6 }, (_, i) => (
            <Skeleton key={i} height={44} />
          ))}
        </Stack>
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyState
          icon={<IconUsers aria-hidden />}
          title={filtered ? t('employees.emptyFilteredTitle') : t('employees.emptyTitle')}
          description={
            filtered
              ? t('employees.emptyFilteredBody')
              : list.data.abilities.create
                ? t('employees.emptyAdminBody')
                : t('employees.emptyBody')
          }
        >
          {filtered ? (
            <Button
              variant="default"
              onClick={() => {
                setText('');
                onSearchChange({});
              }}
            >
              {t('employees.clearFilters')}
            </Button>
          ) : null}
        </EmptyState>
      ) : (
        <>
          <Text size="sm" c="gray.7" aria-live="polite">
            {t('employees.count', { count: total })}
          </Text>
          <Table.ScrollContainer minWidth={640} visibleFrom="sm">
            <Table striped highlightOnHover verticalSpacing="sm">
              <Table.Caption>{t('employees.tableCaption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('fields.name')}</Table.Th>
                  <Table.Th scope="col">{t('fields.title')}</Table.Th>
                  <Table.Th scope="col">{t('fields.department')}</Table.Th>
                  <Table.Th scope="col">{t('fields.manager')}</Table.Th>
                  {showStatus ? <Table.Th scope="col">{t('employees.status')}</Table.Th> : null}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.map((e) => (
                  <Table.Tr key={e.id}>
                    <Table.Td>
                      <Stack gap={0}>
                        <EmployeeLink employee={e} />
                        <Text size="xs" c="gray.7">
                          {e.familyNameKana} {e.givenNameKana}
                        </Text>
                      </Stack>
                    </Table.Td>
                    <Table.Td>{e.title ?? '—'}</Table.Td>
                    <Table.Td>{e.department?.name ?? '—'}</Table.Td>
                    <Table.Td>{e.manager ? fullName(e.manager) : '—'}</Table.Td>
                    {showStatus ? (
                      <Table.Td>
                        <StatusBadge employee={e} />
                      </Table.Td>
                    ) : null}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Stack gap="sm" hiddenFrom="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {list.data.items.map((e) => (
              <Card key={e.id} component="li" withBorder padding="sm" radius="md">
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <Stack gap={2} style={{ minWidth: 0 }}>
                    <EmployeeLink employee={e} />
                    <Text size="sm">{[e.title, e.department?.name].filter(Boolean).join(' · ') || '—'}</Text>
                    {e.manager ? (
                      <Text size="xs" c="gray.7">
                        {t('employees.managerIs', { name: fullName(e.manager) })}
                      </Text>
                    ) : null}
                  </Stack>
                  {showStatus ? <StatusBadge employee={e} /> : null}
                </Group>
              </Card>
            ))}
          </Stack>
          <ListPagination total={totalPages} value={page} onChange={(p) => onSearchChange({ ...search, page: p === 1 ? undefined : p })} />
        </>
      )}

      <AppModal opened={creating} onClose={() => setCreating(false)} title={t('employees.add')} size="lg">
        {creating ? (
          <EmployeeForm
            mode="create"
            onCancel={() => setCreating(false)}
            onSubmit={async (body) => {
              const created = await createEmployee(body);
              await queryClient.invalidateQueries({ queryKey: ['employees'] });
              await queryClient.invalidateQueries({ queryKey: ['departments'] });
              setCreating(false);
              notifications.show({ color: 'teal', message: t('employees.created', { name: fullName(created) }) });
              await navigate({ to: '/employees/$id', params: { id: created.id } });
            }}
          />
        ) : null}
      </AppModal>
    </Stack>
  );
}
