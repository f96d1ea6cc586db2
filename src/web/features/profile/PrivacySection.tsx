import { Button, Group, Paper, Progress, Radio, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AppModal } from '../../components/AppModal.js';
import { FormError } from '../../components/FormError.js';
import { currentLocale } from '../../i18n/index.js';
import { formatDateTime } from '../../lib/format.js';
import { useMe } from '../../lib/session.js';
import { useApiMutation } from '../../lib/useApiMutation.js';
import { checkInConsentQuery, downloadMyData, giveCheckInConsent, withdrawCheckInConsent } from '../../lib/privacy.js';
import { CheckInConsentModal } from '../../components/CheckInConsentModal.js';

/**
 * The profile's privacy section (APPI, ADR 0213): download all my data (JSON or a readable
 * document), and my consent to condition check-ins — give it, or withdraw it, choosing whether
 * past check-ins are deleted.
 */
export function PrivacySection() {
  const { t } = useTranslation();
  const me = useMe();
  const locale = currentLocale();
  const consent = useQuery(checkInConsentQuery);
  const download = useApiMutation((f: 'json' | 'html') => downloadMyData(f), {
    onSuccess: () => notifications.show({ color: 'teal', message: t('privacy.export.done') }),
  });
  // The file being prepared, while the server gathers and (for private notes) decrypts it.
  const format = download.variables ?? null;
  const [withdrawing, setWithdrawing] = useState(false);
  const [deletePast, setDeletePast] = useState<'keep' | 'delete'>('keep');
  const withdraw = useApiMutation(withdrawCheckInConsent, {
    invalidate: [checkInConsentQuery.queryKey, ['meetings'], ['home']],
    onSuccess: (res) => {
      setWithdrawing(false);
      notifications.show({ color: 'teal', message: res.deletedCheckIns > 0 ? t('privacy.withdraw.doneDeleted', { count: res.deletedCheckIns }) : t('privacy.withdraw.done') });
    },
  });
  const [consenting, setConsenting] = useState(false);
  const give = useApiMutation(giveCheckInConsent, {
    invalidate: [checkInConsentQuery.queryKey],
    onSuccess: () => {
      setConsenting(false);
      notifications.show({ color: 'teal', message: t('privacy.consent.saved') });
    },
  });

  const start = (f: 'json' | 'html') => download.mutate(f);
  const c = consent.data;

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="profile-privacy">
      <Title order={2} size="h4" id="profile-privacy" mb="xs">
        {t('privacy.title')}
      </Title>
      <Text size="sm" c="gray.7" mb="md">
        {t('privacy.lead')}
      </Text>
      <Stack gap="lg">
        <Stack gap="xs">
          <Title order={3} size="h5">
            {t('privacy.export.title')}
          </Title>
          <Text size="sm">{t('privacy.export.body')}</Text>
          <Group gap="sm">
            <Button leftSection={<IconDownload size={18} aria-hidden />} onClick={() => start('html')} loading={format === 'html'} disabled={format !== null}>
              {t('privacy.export.html')}
            </Button>
            <Button variant="default" leftSection={<IconDownload size={18} aria-hidden />} onClick={() => start('json')} loading={format === 'json'} disabled={format !== null}>
              {t('privacy.export.json')}
            </Button>
          </Group>
          {format ? (
            <Stack gap={4} role="status" aria-live="polite">
              <Progress value={100} striped animated aria-label={t('privacy.export.preparing')} />
              <Text size="sm" c="gray.7">
                {t('privacy.export.preparing')}
              </Text>
            </Stack>
          ) : null}
          <FormError message={download.formError} />
        </Stack>

        <Stack gap="xs">
          <Title order={3} size="h5">
            {t('privacy.checkIns.title')}
          </Title>
          {c ? (
            <Text size="sm" data-testid="consent-state">
              {c.given
                ? t('privacy.checkIns.given', { at: formatDateTime(new Date(c.givenAt!), locale, me.timeZone), version: c.statementVersion })
                : c.withdrawnAt
                  ? t('privacy.checkIns.withdrawn', { at: formatDateTime(new Date(c.withdrawnAt), locale, me.timeZone) })
                  : t('privacy.checkIns.never')}
            </Text>
          ) : null}
          <Text size="sm" c="gray.7">
            {t('privacy.checkIns.hint')}
          </Text>
          <Group gap="sm">
            {c?.given ? (
              <Button
                variant="outline"
                color="red.9"
                onClick={() => {
                  withdraw.reset();
                  setDeletePast('keep');
                  setWithdrawing(true);
                }}
              >
                {t('privacy.withdraw.open')}
              </Button>
            ) : c ? (
              <Button
                variant="default"
                onClick={() => {
                  give.reset();
                  setConsenting(true);
                }}
              >
                {t('privacy.consent.open')}
              </Button>
            ) : null}
          </Group>
        </Stack>
      </Stack>

      <CheckInConsentModal opened={consenting} onClose={() => setConsenting(false)} onConsent={(v) => give.mutate(v)} pending={give.isPending} error={give.formError} fromProfile />

      <AppModal opened={withdrawing} onClose={() => setWithdrawing(false)} title={t('privacy.withdraw.title')}>
        <Stack gap="md">
          <Text size="sm">{t('privacy.withdraw.body')}</Text>
          <Radio.Group label={t('privacy.withdraw.pastLabel')} value={deletePast} onChange={(v) => setDeletePast(v as 'keep' | 'delete')}>
            <Stack gap="xs" mt="xs">
              <Radio value="keep" label={t('privacy.withdraw.keep')} />
              <Radio value="delete" label={t('privacy.withdraw.delete')} />
            </Stack>
          </Radio.Group>
          <FormError message={withdraw.formError} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setWithdrawing(false)} data-autofocus>
              {t('actions.cancel')}
            </Button>
            <Button color="red.9" loading={withdraw.isPending} onClick={() => withdraw.mutate(deletePast === 'delete')}>
              {t('privacy.withdraw.confirm')}
            </Button>
          </Group>
        </Stack>
      </AppModal>
    </Paper>
  );
}
