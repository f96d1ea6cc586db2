import { Group, Text, ThemeIcon } from '@mantine/core';
import { IconMessages } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** The product mark: 対話 Taiwa. */
export function Brand({ size = 'md' }: { size?: 'md' | 'lg' }) {
  const { t } = useTranslation();
  const large = size === 'lg';
  return (
    <Group gap="xs" wrap="nowrap">
      <ThemeIcon size={large ? 44 : 32} radius="md" variant="filled" aria-hidden>
        <IconMessages size={large ? 26 : 20} />
      </ThemeIcon>
      <Text fw={700} fz={large ? 28 : 'lg'} lh={1.2} c="teal.9">
        {t('app.name')}
      </Text>
    </Group>
  );
}
