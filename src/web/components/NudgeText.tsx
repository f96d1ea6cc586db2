import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { nudgeValues, type FormalityNudge } from '../lib/formality.js';

/** One nudge: what the figures show, what to try, and the numbers behind it. */
export function NudgeText({ nudge }: { nudge: FormalityNudge }) {
  const { t } = useTranslation();
  return (
    <Stack gap={2}>
      <Text size="sm" fw={600}>
        {t(`formality.finding.${nudge.kind}`, nudgeValues(nudge))}
      </Text>
      <Text size="sm">{t(`formality.try.${nudge.kind}`)}</Text>
    </Stack>
  );
}
