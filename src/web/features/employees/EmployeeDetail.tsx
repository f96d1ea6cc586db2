import { Alert, Anchor, Badge, Button, DataList, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconEdit, IconUserCheck, IconUserOff, IconUserX } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../components/links.js';
import type { Employee } from '../../../domain/employees.js';
import { AppModal } from '../../components/AppModal.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryError } from '../../components/QueryError.js';
import { fullName } from '../../lib/format.js';
import { useApiMutation } from '../../lib/useApiMutation.js';
import { employeeQuery, setManager, updateEmployee } from './api.js';
import { EmployeeForm } from './EmployeeForm.js';
import { EmployeeSelect } from '../../components/EmployeeSelect.js';
import { FormError } from '../../components/FormError.js';
import { AnonymiseModal } from './AnonymiseModal.js';

function useRefreshOrganisation() {
  const queryClient = useQueryClient();
  return async (employee?: Employee) => {
    if (employee) queryClient.setQueryData(employeeQuery(employee.id).queryKey, employee);
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ['employees'] }),
      queryClient.invalidateQueries({ queryKey: ['departments'] }),
      queryClient.invalidateQueries({ queryKey: ['me'] }),
    ]);
  };
}

/** Where an admin changes the primary manager; a reporting cycle is explained on the field itself. */
function ManagerSection({ employee }: { employee: Employee }) {
  const { t } = useTranslation();
  const refresh = useRefreshOrganisation();
  const [managerId, setManagerId] = useState<string | null>(employee.manager?.id ?? null);
  const save = useApiMutation((id: string | null) => setManager(employee.id, id), {
    onSuccess: async (updated) => {
      await refresh(updated);
      notifications.show({ color: 'teal', message: t('employees.managerSaved') });
    },
  });
  const unchanged = managerId === (employee.manager?.id ?? null);

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="manager-section">
      <Stack gap="sm">
        <Title order={2} size="h4" id="manager-section">
          {t('employees.managerSection')}
        </Title>
        <EmployeeSelect
          label={t('fields.manager')}
          description={t('employees.managerHint')}
          value={managerId}
          onChange={(v) => {
            setManagerId(v);
            save.clearErrors();
          }}
          initial={employee.manager}
          excludeId={employee.id}
          error={save.fields.managerId ?? save.formError}
        />
        <Group justify="flex-end">
          <Button onClick={() => save.mutate(managerId)} loading={save.isPending} disabled={unchanged}>
            {t('employees.saveManager')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function yesNo(t: (key: string) => string, value: boolean | undefined) {
  return value ? t('common.yes') : t('common.no');
}

/** One employee: details for everyone allowed to see them; edit, manager and deactivation for admins. */
export function EmployeeDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const query = useQuery(employeeQuery(id));
  const refresh = useRefreshOrganisation();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [anonymising, setAnonymising] = useState(false);
  const toggle = useApiMutation(({ id, active }: { id: string; active: boolean }) => updateEmployee(id, { active }), {
    onSuccess: async (updated) => {
      await refresh(updated);
      setConfirming(false);
      notifications.show({
        color: 'teal',
        message: updated.active ? t('employees.reactivated', { name: fullName(updated) }) : t('employees.deactivated', { name: fullName(updated) }),
      });
    },
  });

  if (query.isPending) {
    return (
      <Stack gap="md" aria-busy="true">
        <Skeleton height={36} width="50%" />
        <Skeleton height={200} />
      </Stack>
    );
  }
  if (query.isError) {
    return (
      <Stack gap="md">
        <PageHeader title={t('employees.detailTitle')} />
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
        <AnchorLink to="/employees">
          {t('employees.backToList')}
        </AnchorLink>
      </Stack>
    );
  }
  const e = query.data;

  return (
    <Stack gap="lg">
      <AnchorLink to="/employees" size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={16} aria-hidden />
          {t('employees.backToList')}
        </Group>
      </AnchorLink>
      <PageHeader
        title={fullName(e)}
        description={[e.title, e.department?.name].filter(Boolean).join(' · ') || undefined}
        actions={
          <>
            {e.abilities.update ? (
              <Button leftSection={<IconEdit size={18} aria-hidden />} onClick={() => setEditing(true)}>
                {t('actions.edit')}
              </Button>
            ) : null}
            {e.abilities.deactivate ? (
              <Button
                variant="outline"
                color={e.active ? 'red.9' : 'teal'}
                leftSection={e.active ? <IconUserOff size={18} aria-hidden /> : <IconUserCheck size={18} aria-hidden />}
                onClick={() => {
                  toggle.reset();
                  setConfirming(true);
                }}
              >
                {e.active ? t('employees.deactivate') : t('employees.reactivate')}
              </Button>
            ) : null}
            {e.abilities.anonymise ? (
              <Button variant="outline" color="red.9" leftSection={<IconUserX size={18} aria-hidden />} onClick={() => setAnonymising(true)}>
                {t('privacy.anonymise.open')}
              </Button>
            ) : null}
          </>
        }
      />
      {e.anonymised ? (
        <Alert color="gray" variant="light" title={t('privacy.anonymise.anonymisedTitle')}>
          {t('privacy.anonymise.anonymisedBody')}
        </Alert>
      ) : !e.active ? (
        <Alert color="gray" variant="light" title={t('employees.inactiveTitle')}>
          {t('employees.inactiveBody')}
        </Alert>
      ) : null}

      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="details-section">
        <Title order={2} size="h4" id="details-section" mb="sm">
          {t('employees.details')}
        </Title>
        <DataList withDivider labelWidth={120}>
          <DataList.Item>
            <DataList.ItemLabel>{t('fields.kana')}</DataList.ItemLabel>
            <DataList.ItemValue>
              {e.familyNameKana} {e.givenNameKana}
            </DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t('fields.email')}</DataList.ItemLabel>
            <DataList.ItemValue style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
              {e.email ? (
                <Anchor href={`mailto:${e.email}`}>{e.email}</Anchor>
              ) : (
                <Text component="span" c="dimmed" size="sm">
                  {t('employees.noEmail')}
                </Text>
              )}
            </DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t('fields.employeeNumber')}</DataList.ItemLabel>
            <DataList.ItemValue>{e.employeeNumber}</DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t('fields.title')}</DataList.ItemLabel>
            <DataList.ItemValue>{e.title ?? t('common.none')}</DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t('fields.department')}</DataList.ItemLabel>
            <DataList.ItemValue>{e.department?.name ?? t('common.none')}</DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t('fields.manager')}</DataList.ItemLabel>
            <DataList.ItemValue>
              {e.manager ? (
                <AnchorLink to="/employees/$id" params={{ id: e.manager.id }}>
                  {fullName(e.manager)}
                </AnchorLink>
              ) : (
                t('common.none')
              )}
            </DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t('employees.directReportCount')}</DataList.ItemLabel>
            <DataList.ItemValue>{t('employees.people', { count: e.directReportCount })}</DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t('employees.status')}</DataList.ItemLabel>
            <DataList.ItemValue>
              <Badge color={e.active ? 'teal' : 'gray.9'} variant="light">
                {e.active ? t('employees.statusActive') : t('employees.statusInactive')}
              </Badge>
            </DataList.ItemValue>
          </DataList.Item>
          {e.abilities.viewAdminFields ? (
            <>
              <DataList.Item>
                <DataList.ItemLabel>{t('fields.isHr')}</DataList.ItemLabel>
                <DataList.ItemValue>{yesNo(t, e.isHr)}</DataList.ItemValue>
              </DataList.Item>
              <DataList.Item>
                <DataList.ItemLabel>{t('fields.isAdmin')}</DataList.ItemLabel>
                <DataList.ItemValue>{yesNo(t, e.isAdmin)}</DataList.ItemValue>
              </DataList.Item>
              <DataList.Item>
                <DataList.ItemLabel>{t('fields.canSignIn')}</DataList.ItemLabel>
                <DataList.ItemValue>{yesNo(t, e.canSignIn)}</DataList.ItemValue>
              </DataList.Item>
            </>
          ) : null}
        </DataList>
      </Paper>

      {e.abilities.setManager && e.active ? <ManagerSection key={e.manager?.id ?? 'none'} employee={e} /> : null}

      <AppModal opened={editing} onClose={() => setEditing(false)} title={t('employees.editTitle', { name: fullName(e) })} size="lg">
        {editing ? (
          <EmployeeForm
            mode="edit"
            employee={e}
            onCancel={() => setEditing(false)}
            onSubmit={async (body) => {
              const updated = await updateEmployee(e.id, body);
              await refresh(updated);
              setEditing(false);
              notifications.show({ color: 'teal', message: t('employees.saved') });
            }}
          />
        ) : null}
      </AppModal>

      {e.abilities.anonymise ? (
        <AnonymiseModal employee={e} opened={anonymising} onClose={() => setAnonymising(false)} onDone={() => refresh()} />
      ) : null}

      <AppModal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={e.active ? t('employees.deactivateTitle', { name: fullName(e) }) : t('employees.reactivateTitle', { name: fullName(e) })}
      >
        <Stack gap="md">
          <Text size="sm">{e.active ? t('employees.deactivateBody') : t('employees.reactivateBody')}</Text>
          <FormError message={toggle.formError} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t('actions.cancel')}
            </Button>
            <Button color={e.active ? 'red.9' : 'teal'} loading={toggle.isPending} onClick={() => toggle.mutate({ id: e.id, active: !e.active })}>
              {e.active ? t('employees.deactivate') : t('employees.reactivate')}
            </Button>
          </Group>
        </Stack>
      </AppModal>
    </Stack>
  );
}
