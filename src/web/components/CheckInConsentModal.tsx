import { Button, Group, List, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { checkInConsentVersion } from '../../domain/privacy.js';
import { AppModal } from './AppModal.js';
import { FormError } from './FormError.js';

/**
 * The statement a report reads before their first condition check-in (APPI, SPEC §3.2, ADR 0213):
 * what is stored, who sees it, where it goes, and that consent can be withdrawn. Consenting records
 * the statement's version (`checkInConsentVersion`) with the time.
 */
export function CheckInConsentModal({
  opened,
  onClose,
  onConsent,
  pending,
  error,
  fromProfile = false,
}: {
  opened: boolean;
  onClose: () => void;
  onConsent: (statementVersion: number) => void;
  pending: boolean;
  error?: string | null;
  /** Opened from the profile (nothing to record yet): the button only consents. */
  fromProfile?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <AppModal opened={opened} onClose={onClose} title={t('privacy.consent.title')} size="lg">
      <Stack gap="sm">
        <Text size="sm">{t('privacy.consent.lead')}</Text>
        <List size="sm" spacing="xs">
          <List.Item>
            <Text span fw={700} size="sm">
              {t('privacy.consent.storedLabel')}
            </Text>{' '}
            {t('privacy.consent.stored')}
          </List.Item>
          <List.Item>
            <Text span fw={700} size="sm">
              {t('privacy.consent.whoLabel')}
            </Text>{' '}
            {t('privacy.consent.who')}
          </List.Item>
          <List.Item>
            <Text span fw={700} size="sm">
              {t('privacy.consent.whereLabel')}
            </Text>{' '}
            {t('privacy.consent.where')}
          </List.Item>
          <List.Item>
            <Text span fw={700} size="sm">
              {t('privacy.consent.withdrawLabel')}
            </Text>{' '}
            {t('privacy.consent.withdraw')}
          </List.Item>
        </List>
        <Text size="sm" c="gray.7">
          {t('privacy.consent.without')}
        </Text>
        <Text size="xs" c="gray.7">
          {t('privacy.consent.version', { version: checkInConsentVersion })}
        </Text>
        <FormError message={error ?? undefined} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('privacy.consent.decline')}
          </Button>
          <Button loading={pending} onClick={() => onConsent(checkInConsentVersion)}>
            {fromProfile ? t('privacy.consent.agreeOnly') : t('privacy.consent.agree')}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}
