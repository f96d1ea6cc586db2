import { Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { QueryKey } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useApiMutation } from '../lib/useApiMutation.js';
import { AppModal } from './AppModal.js';
import { FormError } from './FormError.js';

/**
 * Asks before revoking a token (a personal API token or an installation's SCIM token): the texts
 * come from `<texts>.revokeTitle / revokeBody / revokeConfirm / revoked`, each with the token's name.
 */
export function RevokeTokenModal({
  token,
  onClose,
  revoke,
  invalidate,
  texts,
}: {
  token: { id: string; name: string } | null;
  onClose: () => void;
  revoke: (id: string) => Promise<unknown>;
  invalidate: QueryKey;
  texts: 'profile.tokens' | 'scim';
}) {
  const { t } = useTranslation();
  const name = token?.name ?? '';
  const mutation = useApiMutation(revoke, {
    invalidate: [invalidate],
    onSuccess: () => {
      notifications.show({ color: 'teal', message: t(`${texts}.revoked`, { name }) });
      close();
    },
  });
  const close = () => {
    mutation.reset();
    onClose();
  };
  return (
    <AppModal opened={token !== null} onClose={close} title={t(`${texts}.revokeTitle`)}>
      <Stack gap="sm">
        <Text>{t(`${texts}.revokeBody`, { name })}</Text>
        <FormError message={mutation.formError} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={close} data-autofocus>
            {t('actions.cancel')}
          </Button>
          <Button color="red.9" loading={mutation.isPending} onClick={() => token && mutation.mutate(token.id)}>
            {t(`${texts}.revokeConfirm`)}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}
