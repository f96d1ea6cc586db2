import { Group, Progress, Stack, Text, VisuallyHidden } from '@mantine/core';
import { IconClock } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { warningMinutes } from './coaching.js';

function clock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}

/**
 * Elapsed against planned time. The visible clock ticks every second; screen readers hear it through
 * a polite live region whose text changes at most once a minute. Near the end it turns to a warning
 * colour and says so in words; past the end, too.
 */
export function RoomTimer({ startedAt, plannedMinutes }: { startedAt: number; plannedMinutes: number }) {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  const elapsedMs = Math.max(0, now - startedAt);
  const elapsedMin = Math.floor(elapsedMs / 60_000);
  const planned = plannedMinutes;
  const state = elapsedMin >= planned ? 'over' : elapsedMin >= planned - warningMinutes(planned) ? 'warning' : 'normal';
  const colour = state === 'over' ? 'red.9' : state === 'warning' ? 'orange.9' : 'teal.9';
  const remaining = planned - elapsedMin;
  const words =
    state === 'over'
      ? t('room.timerOver', { count: elapsedMin - planned })
      : state === 'warning'
        ? t('room.timerWarning', { count: remaining })
        : t('room.timerRemaining', { count: remaining });

  return (
    <Stack gap={4} miw={180}>
      <Group gap={6} wrap="nowrap" aria-hidden>
        <IconClock size={18} color={`var(--mantine-color-${colour.replace('.', '-')})`} />
        <Text fw={700} c={colour} ff="monospace" size="lg">
          {clock(elapsedMs)} / {clock(planned * 60_000)}
        </Text>
      </Group>
      <Progress
        value={Math.min(100, (elapsedMs / (planned * 60_000)) * 100)}
        color={state === 'over' ? 'red.9' : state === 'warning' ? 'orange.7' : 'teal.7'}
        size="sm"
        aria-label={t('room.timerLabel')}
      />
      <Text size="xs" c={colour} fw={state === 'normal' ? undefined : 700} aria-hidden>
        {words}
      </Text>
      <VisuallyHidden role="status" aria-live="polite">
        {t('room.timerLive', { elapsed: elapsedMin, planned })} {words}
      </VisuallyHidden>
    </Stack>
  );
}
