import { Button, Group, Stack, Text, type ButtonProps } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDoorEnter, IconPlayerPlay } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { startsWellAhead } from '../../domain/meetingStart.js';
import type { Meeting } from '../../domain/series.js';
import { currentLocale } from '../i18n/index.js';
import { startOrJoin } from '../lib/followUp.js';
import { formatDateTime } from '../lib/format.js';
import { oneOnOneKeys } from '../lib/oneOnOne.js';
import { useMe } from '../lib/session.js';
import { useApiMutation } from '../lib/useApiMutation.js';

/** The "start this early?" dialog is rarely needed: its code (Modal, focus trap) loads on intent. */
const AppModal = lazy(() => import('./AppModal.js').then((m) => ({ default: m.AppModal })));

/**
 * 「1on1を始める」 for a scheduled meeting (starts it, or joins when the partner already did) and
 * 「1on1ルームを開く」 once it runs; both lead to the meeting room. Starting a meeting more than
 * half a day before its time asks first: starting moves it out of the pair's upcoming meetings.
 */
export function RoomButton({ meeting, label, ...props }: { meeting: Pick<Meeting, 'id' | 'status' | 'startsAt'>; label?: 'start' | 'open' } & ButtonProps) {
  const { t } = useTranslation();
  const me = useMe();
  const [confirming, setConfirming] = useState(false);
  // Mounted (closed) once the pointer or focus reaches the button, so it opens with its transition.
  const [dialogWanted, setDialogWanted] = useState(false);
  const navigate = useNavigate();
  const scheduled = meeting.status === 'scheduled';
  const kind = label ?? (scheduled ? 'start' : 'open');
  const enter = useApiMutation(() => (scheduled ? startOrJoin(meeting.id) : Promise.resolve(null)), {
    invalidate: scheduled ? oneOnOneKeys : [],
    onSuccess: () => navigate({ to: '/meetings/$meetingId/room', params: { meetingId: meeting.id } }),
    onError: ({ message }) => notifications.show({ color: 'red', title: t('room.startFailed'), message }),
  });
  const go = () => enter.mutate();
  const wantDialog = scheduled ? () => setDialogWanted(true) : undefined;

  return (
    <>
      <Button
        {...props}
        loading={enter.isPending}
        leftSection={kind === 'start' ? <IconPlayerPlay size={18} aria-hidden /> : <IconDoorEnter size={18} aria-hidden />}
        onPointerEnter={wantDialog}
        onFocus={wantDialog}
        onTouchStart={wantDialog}
        onClick={() => {
          if (!scheduled || !startsWellAhead(meeting.startsAt)) return go();
          setDialogWanted(true);
          setConfirming(true);
        }}
      >
        {kind === 'start' ? t('room.start') : t('room.open')}
      </Button>
      {dialogWanted && (
        <Suspense fallback={null}>
          <AppModal opened={confirming} onClose={() => setConfirming(false)} title={t('room.earlyTitle')}>
            <Stack gap="md">
              <Text size="sm">{t('room.earlyBody', { when: formatDateTime(new Date(meeting.startsAt), currentLocale(), me.timeZone) })}</Text>
              <Group justify="flex-end" gap="sm">
                <Button variant="default" onClick={() => setConfirming(false)} data-autofocus>
                  {t('actions.cancel')}
                </Button>
                <Button
                  loading={enter.isPending}
                  onClick={() => {
                    setConfirming(false);
                    go();
                  }}
                >
                  {t('room.earlyConfirm')}
                </Button>
              </Group>
            </Stack>
          </AppModal>
        </Suspense>
      )}
    </>
  );
}
