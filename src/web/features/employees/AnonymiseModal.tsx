import { Alert, Button, Group, List, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Employee } from '../../../domain/employees.js';
import { AppModal } from '../../components/AppModal.js';
import { FormError } from '../../components/FormError.js';
import { fullName } from '../../lib/format.js';
import { useApiMutation } from '../../lib/useApiMutation.js';
import { anonymiseEmployee } from '../../lib/privacy.js';

/**
 * An admin anonymises an employee on their documented request (APPI deletion, ADR 0213). The dialog
 * names the person and asks for their name typed out, since it cannot be undone.
 */
export function AnonymiseModal({ employee, opened, onClose, onDone }: { employee: Employee; opened: boolean; onClose: () => void; onDone: () => Promise<void> }) {
  const { t } = useTranslation();
  const name = fullName(employee);
  const [typed, setTyped] = useState('');
  const run = useApiMutation((confirmName: string) => anonymiseEmployee(employee.id, confirmName), {
    onSuccess: async () => {
      await onDone();
      notifications.show({ color: 'teal', message: t('privacy.anonymise.done') });
      close();
    },
  });
  const close = () => {
    setTyped('');
    run.reset();
    onClose();
  };
  const matches = typed.replace(/\s+/g, ' ').trim() === name;
  return (
    <AppModal opened={opened} onClose={close} title={t('privacy.anonymise.title', { name })} size="lg">
      <form
        noValidate
        onSubmit={(ev) => {
          ev.preventDefault();
          if (matches) run.mutate(typed);
        }}
      >
        <Stack gap="sm">
          <Alert color="red" variant="light" title={t('privacy.anonymise.irreversible')}>
            {t('privacy.anonymise.lead', { name })}
          </Alert>
          <List size="sm" spacing={4}>
            <List.Item>{t('privacy.anonymise.erased')}</List.Item>
            <List.Item>{t('privacy.anonymise.cleared')}</List.Item>
            <List.Item>{t('privacy.anonymise.kept')}</List.Item>
            <List.Item>{t('privacy.anonymise.shared')}</List.Item>
            <List.Item>{t('privacy.anonymise.logged')}</List.Item>
          </List>
          <TextInput
            label={t('privacy.anonymise.confirmLabel', { name })}
            value={typed}
            onChange={(ev) => setTyped(ev.currentTarget.value)}
            error={run.fields.confirmName}
            autoComplete="off"
            data-autofocus
          />
          <FormError message={run.formError} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t('actions.cancel')}
            </Button>
            <Button type="submit" color="red.9" disabled={!matches} loading={run.isPending}>
              {t('privacy.anonymise.confirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
