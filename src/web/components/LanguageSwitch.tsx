import { SegmentedControl, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { isLocale } from '../i18n/index.js';
import { useChangeLanguage } from '../lib/session.js';
import { useApiMutation } from '../lib/useApiMutation.js';

/**
 * 日本語 / English, each written in its own language so anyone can find theirs. Takes effect at once;
 * saved to the profile when signed in.
 */
export function LanguageSwitch({ withLabel = true }: { withLabel?: boolean }) {
  const { t, i18n } = useTranslation();
  const changeLanguage = useApiMutation(useChangeLanguage(), {
    onError: ({ message }) => notifications.show({ color: 'red', title: t('language.saveFailed'), message }),
  });
  const labelId = useId();
  return (
    <Stack gap={4}>
      {withLabel ? (
        <Text id={labelId} size="sm" fw={500}>
          {t('language.label')}
        </Text>
      ) : null}
      <SegmentedControl
        aria-labelledby={withLabel ? labelId : undefined}
        aria-label={withLabel ? undefined : t('language.label')}
        value={i18n.language}
        onChange={(value) => {
          if (!isLocale(value)) return;
          changeLanguage.mutate(value);
        }}
        data={[
          { value: 'ja', label: <span lang="ja">{t('language.ja')}</span> },
          { value: 'en', label: <span lang="en">{t('language.en')}</span> },
        ]}
      />
    </Stack>
  );
}
