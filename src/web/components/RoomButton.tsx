import { Button, type ButtonProps } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDoorEnter, IconPlayerPlay } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Meeting } from '../../domain/series.js';
import { ApiError } from '../lib/api.js';
import { startOrJoin } from '../lib/followUp.js';
import { useRefreshOneOnOnes } from './MeetingChangeActions.js';

/**
 * 「1on1を始める」 for a scheduled meeting (starts it, or joins when the partner already did) and
 * 「1on1ルームを開く」 once it runs; both lead to the meeting room.
 */
export function RoomButton({ meeting, label, ...props }: { meeting: Pick<Meeting, 'id' | 'status'>; label?: 'start' | 'open' } & ButtonProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const refresh = useRefreshOneOnOnes();
  const [busy, setBusy] = useState(false);
  const scheduled = meeting.status === 'scheduled';
  const kind = label ?? (scheduled ? 'start' : 'open');

  const go = async () => {
    setBusy(true);
    try {
      if (scheduled) {
        await startOrJoin(meeting.id);
        await refresh();
      }
      await navigate({ to: '/meetings/$meetingId/room', params: { meetingId: meeting.id } });
    } catch (error) {
      notifications.show({ color: 'red', title: t('room.startFailed'), message: error instanceof ApiError ? error.message : t('errors.unexpectedShort') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Button
      {...props}
      loading={busy}
      leftSection={kind === 'start' ? <IconPlayerPlay size={18} aria-hidden /> : <IconDoorEnter size={18} aria-hidden />}
      onClick={() => void go()}
    >
      {kind === 'start' ? t('room.start') : t('room.open')}
    </Button>
  );
}
