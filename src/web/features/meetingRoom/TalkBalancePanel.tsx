import { Alert, Button, Group, NumberInput, Paper, Progress, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { IconMicrophone } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { managerShare } from '../../../domain/talkBalance.js';
import { FormError } from '../../components/FormError.js';
import { setTalk, talkQuery, type TalkMode } from '../../lib/talk.js';
import { useServerErrors } from '../../lib/useServerErrors.js';
import { useTalkMeter } from './useTalkMeter.js';

/**
 * Talk balance in the room: what is measured (speaking time only), each person's own opt-in and
 * stop, the pair's mode (headsets / one room) and cue share, and the live bar manager vs report.
 * The manager alone sees a gentle cue once their share passes the pair's chosen line.
 */
export function TalkBalancePanel({ meetingId, myRole, running }: { meetingId: string; myRole: 'manager' | 'report'; running: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const talk = useQuery(talkQuery(meetingId));
  const server = useServerErrors();
  const [busy, setBusy] = useState(false);
  const b = talk.data;
  const mine = b ? (myRole === 'manager' ? b.managerConsent : b.reportConsent) : false;
  const theirs = b ? (myRole === 'manager' ? b.reportConsent : b.managerConsent) : false;
  const meter = useTalkMeter(meetingId, running && !!b?.measuring && mine);

  const change = async (body: { consent?: boolean; mode?: TalkMode; cueShare?: number }) => {
    setBusy(true);
    server.setError(null);
    try {
      queryClient.setQueryData(['talk', meetingId], await setTalk(meetingId, body));
    } catch (e) {
      server.capture(e);
    } finally {
      setBusy(false);
    }
  };

  if (!b) return null;
  const share = managerShare(b);
  const overCue = myRole === 'manager' && share !== null && share > b.cueShare;
  const seconds = (ms: number) => Math.round(ms / 1000);

  return (
    <Paper withBorder p="sm" radius="md" component="section" aria-labelledby="talk-title">
      <Stack gap="xs">
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Title order={2} size="h5" id="talk-title">
            <Group gap={6} component="span">
              <IconMicrophone size={18} aria-hidden />
              {t('talk.title')}
            </Group>
          </Title>
          <Button size="xs" variant={mine ? 'default' : 'filled'} loading={busy} onClick={() => void change({ consent: !mine })} data-testid="talk-consent">
            {mine ? t('talk.stop') : t('talk.optIn')}
          </Button>
        </Group>
        <Text size="sm" c="dimmed">
          {t('talk.what')}
        </Text>
        <Text size="sm" data-testid="talk-status">
          {b.measuring && mine
            ? meter === 'denied'
              ? t('talk.micDenied')
              : meter === 'failed'
                ? t('talk.micFailed')
                : t('talk.measuring')
            : !mine
              ? t('talk.askYou')
              : !theirs
                ? t('talk.waitingPartner')
                : t('talk.notRunning')}
        </Text>
        <Group gap="xs" wrap="wrap" align="flex-end">
          <SegmentedControl
            size="xs"
            value={b.mode}
            disabled={busy}
            onChange={(v) => void change({ mode: v as TalkMode })}
            data={[
              { value: 'headsets', label: t('talk.modeHeadsets') },
              { value: 'oneRoom', label: t('talk.modeOneRoom') },
            ]}
            aria-label={t('talk.mode')}
          />
          <NumberInput
            size="xs"
            w={130}
            label={t('talk.cueShare')}
            min={10}
            max={90}
            suffix=" %"
            value={b.cueShare}
            onBlur={(e) => {
              const v = Number.parseInt(e.currentTarget.value, 10);
              if (Number.isFinite(v) && v !== b.cueShare && v >= 10 && v <= 90) void change({ cueShare: v });
            }}
          />
        </Group>
        <Text size="xs" c="dimmed">
          {b.mode === 'oneRoom' ? t('talk.oneRoomNote') : t('talk.headsetsNote')}
        </Text>
        <FormError message={server.error} />
        <Stack gap={4}>
          <Progress.Root size="xl" aria-hidden>
            <Progress.Section value={share ?? 0} color={overCue ? 'orange' : 'teal'} />
            <Progress.Section value={share === null ? 0 : 100 - share} color="blue" />
          </Progress.Root>
          <Group justify="space-between" gap="xs">
            <Text size="sm" data-testid="talk-manager">
              {t('talk.manager', { seconds: seconds(b.managerMs), share: Math.round(share ?? 0) })}
            </Text>
            <Text size="sm" data-testid="talk-report">
              {t('talk.report', { seconds: seconds(b.reportMs), share: share === null ? 0 : 100 - Math.round(share) })}
            </Text>
          </Group>
          {share === null ? (
            <Text size="xs" c="dimmed">
              {t('talk.empty')}
            </Text>
          ) : null}
        </Stack>
        {overCue ? (
          <Alert color="orange" variant="light" p="xs" data-testid="talk-cue">
            {t('talk.cue', { share: b.cueShare })}
          </Alert>
        ) : null}
      </Stack>
    </Paper>
  );
}
