import { ActionIcon, Badge, Button, EmptyState, Group, Menu, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBuilding, IconBuildingCommunity, IconDots, IconEdit, IconPlus, IconBuildingOff, IconRestore } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Department } from '../../../domain/departments.js';
import { AppModal } from '../../components/AppModal.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryError } from '../../components/QueryError.js';
import { useApiMutation } from '../../lib/useApiMutation.js';
import { createDepartment, departmentsQuery, toTreeRows, updateDepartment } from './api.js';
import { DepartmentForm } from './DepartmentForm.js';
import { FormError } from '../../components/FormError.js';

type Dialog = { kind: 'create' } | { kind: 'edit'; department: Department } | { kind: 'toggle'; department: Department } | null;

/** The department tree with head counts; admins add, rename, move and deactivate departments. */
export function DepartmentsPage() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const query = useQuery(departmentsQuery);
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);

  const refresh = async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ['departments'] }),
      queryClient.invalidateQueries({ queryKey: ['employees'] }),
      queryClient.invalidateQueries({ queryKey: ['me'] }),
    ]);
  };

  const toggle = useApiMutation((department: Department) => updateDepartment(department.id, { active: !department.active }), {
    onSuccess: async (_updated, department) => {
      await refresh();
      close();
      notifications.show({
        color: 'teal',
        message: department.active
          ? t('departments.deactivated', { name: department.name })
          : t('departments.reactivated', { name: department.name }),
      });
    },
  });

  const items = query.data?.items ?? [];
  const rows = toTreeRows(items, i18n.language);

  return (
    <Stack gap="md">
      <PageHeader
        title={t('departments.title')}
        description={t('departments.description')}
        actions={
          query.data?.abilities.create ? (
            <Button leftSection={<IconPlus size={18} aria-hidden />} onClick={() => setDialog({ kind: 'create' })}>
              {t('departments.add')}
            </Button>
          ) : null
        }
      />
      {query.isPending ? (
        <Stack gap="xs" aria-busy="true">
          {Array.from({ length: 6 }, (_, i) => (
            <Skeleton key={i} height={44} />
          ))}
        </Stack>
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState
          icon={<IconBuildingCommunity aria-hidden />}
          title={t('departments.emptyTitle')}
          description={query.data.abilities.create ? t('departments.emptyAdminBody') : t('departments.emptyBody')}
        />
      ) : (
        <Paper withBorder radius="md">
          <Stack gap={0} component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('departments.listLabel')}>
            {rows.map(({ department: d, depth }, index) => (
              <Group
                key={d.id}
                component="li"
                justify="space-between"
                wrap="nowrap"
                gap="sm"
                px="md"
                py="sm"
                style={{ borderTop: index === 0 ? undefined : '1px solid var(--mantine-color-gray-3)' }}
              >
                <Group gap="xs" wrap="nowrap" style={{ minWidth: 0, paddingInlineStart: `calc(${Math.min(depth, 6)} * 1.25rem)` }}>
                  <IconBuilding size={18} aria-hidden color="var(--mantine-color-teal-8)" style={{ flexShrink: 0 }} />
                  <Stack gap={0} style={{ minWidth: 0 }}>
                    <Text fw={depth === 0 ? 700 : 500} c={d.active ? undefined : 'gray.7'}>
                      {d.name}
                    </Text>
                    {depth > 0 ? (
                      <Text size="xs" c="gray.7" visibleFrom="sm">
                        {d.path.slice(0, -1).join(' / ')}
                      </Text>
                    ) : null}
                  </Stack>
                  {!d.active ? (
                    <Badge color="gray.9" variant="light" style={{ flexShrink: 0 }}>
                      {t('departments.inactive')}
                    </Badge>
                  ) : null}
                </Group>
                <Group gap="xs" wrap="nowrap" style={{ flexShrink: 0 }}>
                  <Text size="sm" c="gray.8" style={{ whiteSpace: 'nowrap' }}>
                    {t('departments.members', { count: d.employeeCount })}
                  </Text>
                  {d.abilities.update ? (
                    <Menu position="bottom-end" withinPortal>
                      <Menu.Target>
                        <ActionIcon variant="subtle" color="gray.8" aria-label={t('departments.actionsFor', { name: d.name })}>
                          <IconDots size={18} aria-hidden />
                        </ActionIcon>
                      </Menu.Target>
                      <Menu.Dropdown>
                        <Menu.Item leftSection={<IconEdit size={16} aria-hidden />} onClick={() => setDialog({ kind: 'edit', department: d })}>
                          {t('departments.edit')}
                        </Menu.Item>
                        <Menu.Item
                          color={d.active ? 'red.9' : undefined}
                          leftSection={d.active ? <IconBuildingOff size={16} aria-hidden /> : <IconRestore size={16} aria-hidden />}
                          onClick={() => {
                            toggle.reset();
                            setDialog({ kind: 'toggle', department: d });
                          }}
                        >
                          {d.active ? t('departments.deactivate') : t('departments.reactivate')}
                        </Menu.Item>
                      </Menu.Dropdown>
                    </Menu>
                  ) : null}
                </Group>
              </Group>
            ))}
          </Stack>
        </Paper>
      )}

      <AppModal
        opened={dialog?.kind === 'create' || dialog?.kind === 'edit'}
        onClose={close}
        title={dialog?.kind === 'edit' ? t('departments.editTitle', { name: dialog.department.name }) : t('departments.add')}
      >
        {dialog?.kind === 'create' ? (
          <DepartmentForm
            all={items}
            onCancel={close}
            onSubmit={async (values) => {
              const created = await createDepartment(values);
              await refresh();
              close();
              notifications.show({ color: 'teal', message: t('departments.created', { name: created.name }) });
            }}
          />
        ) : dialog?.kind === 'edit' ? (
          <DepartmentForm
            department={dialog.department}
            all={items}
            onCancel={close}
            onSubmit={async (values) => {
              const body: { name?: string; parentId?: string | null } = {};
              if (values.name !== dialog.department.name) body.name = values.name;
              if (values.parentId !== dialog.department.parentId) body.parentId = values.parentId;
              if (Object.keys(body).length > 0) await updateDepartment(dialog.department.id, body);
              await refresh();
              close();
              notifications.show({ color: 'teal', message: t('departments.saved') });
            }}
          />
        ) : null}
      </AppModal>

      <AppModal
        opened={dialog?.kind === 'toggle'}
        onClose={close}
        title={
          dialog?.kind === 'toggle'
            ? dialog.department.active
              ? t('departments.deactivateTitle', { name: dialog.department.name })
              : t('departments.reactivateTitle', { name: dialog.department.name })
            : ''
        }
      >
        {dialog?.kind === 'toggle' ? (
          <Stack gap="md">
            <Text size="sm">{dialog.department.active ? t('departments.deactivateBody') : t('departments.reactivateBody')}</Text>
            <FormError message={toggle.formError} />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('actions.cancel')}
              </Button>
              <Button color={dialog.department.active ? 'red.9' : 'teal'} loading={toggle.isPending} onClick={() => toggle.mutate(dialog.department)}>
                {dialog.department.active ? t('departments.deactivate') : t('departments.reactivate')}
              </Button>
            </Group>
          </Stack>
        ) : null}
      </AppModal>
    </Stack>
  );
}
