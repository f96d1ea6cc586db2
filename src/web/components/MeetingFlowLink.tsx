import { useQuery } from '@tanstack/react-query';
import { IconFileText } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Meeting } from '../../domain/series.js';
import { flowQuery, hasMinutes, todayIn } from '../lib/followUp.js';
import { zonedParts } from '../lib/format.js';
import { useMe } from '../lib/session.js';
import { ButtonLink } from './links.js';
import { RoomButton } from './RoomButton.js';

/** True when the meeting falls on today's date in the reader's time zone. */
export function isToday(meeting: Pick<Meeting, 'startsAt'>, timeZone: string): boolean {
  return zonedParts(new Date(meeting.startsAt), timeZone).date === todayIn(timeZone);
}

/**
 * Where the meeting goes next, by its status: 「1on1を始める」 (scheduled), 「1on1ルームを開く」
 * (in progress), 「議事録を見る」 (finished).
 */
export function MeetingFlowLink({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const me = useMe();
  const flow = useQuery({ ...flowQuery(meeting.id), enabled: meeting.status === 'scheduled' });
  if (hasMinutes(meeting.status)) {
    return (
      <ButtonLink to="/meetings/$meetingId/minutes" params={{ meetingId: meeting.id }} leftSection={<IconFileText size={18} aria-hidden />}>
        {t('room.toMinutes')}
      </ButtonLink>
    );
  }
  if (meeting.status === 'inProgress') return <RoomButton meeting={meeting} />;
  if (meeting.status === 'scheduled' && flow.data?.abilities.start) {
    return <RoomButton meeting={meeting} variant={isToday(meeting, me.timeZone) ? 'filled' : 'light'} />;
  }
  return null;
}
