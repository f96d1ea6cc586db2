import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { RoomLive } from './useRoomLive.js';

/**
 * Whether the partner is in the room with you, announced politely to screen readers when it
 * changes; and, when the live connection is down, that the room is not updating by itself.
 */
export function RoomPresence({ live, name }: { live: RoomLive; name: string }) {
  const { t } = useTranslation();
  const { connection, partnerPresent } = live;
  return (
    <Group gap="xs" wrap="wrap" role="status" aria-live="polite" data-testid="room-presence">
      {connection === 'live' ? (
        <Badge
          variant={partnerPresent ? 'filled' : 'light'}
          color={partnerPresent ? 'teal.8' : 'gray'}
          size="lg"
          radius="sm"
          tt="none"
          leftSection={<span aria-hidden style={{ display: 'inline-block', width: 8, height: 8, borderRadius: 4, background: 'currentColor' }} />}
          data-present={partnerPresent}
        >
          {partnerPresent ? t('roomLive.present', { name }) : t('roomLive.absent', { name })}
        </Badge>
      ) : null}
      {connection === 'connecting' ? (
        <Text size="sm" c="gray.7">
          {t('roomLive.connecting')}
        </Text>
      ) : null}
      {connection === 'reconnecting' ? (
        <Text size="sm" c="orange.9">
          {t('roomLive.reconnecting')}
        </Text>
      ) : null}
      {connection === 'closed' ? (
        <Text size="sm" c="gray.7">
          {t('roomLive.closed')}
        </Text>
      ) : null}
    </Group>
  );
}
