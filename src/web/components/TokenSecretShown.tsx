import { Button, Group, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ShownOnce } from './ShownOnce.js';

/**
 * A token's secret right after it was created (a personal API token or an installation's SCIM
 * token), shown this once with a copy button; the texts come from `<texts>.shownOnce / secret /
 * copy / copied / hideSecret`.
 */
export function TokenSecretShown({ created, onHide, texts }: { created: { name: string; secret: string } | null; onHide: () => void; texts: 'profile.tokens' | 'scim' }) {
  const { t } = useTranslation();
  if (!created) return null;
  return (
    <Stack gap="xs">
      <ShownOnce
        notice={t(`${texts}.shownOnce`, { name: created.name })}
        label={t(`${texts}.secret`)}
        value={created.secret}
        copyLabel={t(`${texts}.copy`)}
        copiedLabel={t(`${texts}.copied`)}
        monospace
      />
      <Group>
        <Button variant="default" size="xs" onClick={onHide}>
          {t(`${texts}.hideSecret`)}
        </Button>
      </Group>
    </Stack>
  );
}
