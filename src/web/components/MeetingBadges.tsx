import { Badge, Group } from '@mantine/core';
import { IconCalendarExclamation } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Meeting, MeetingStatus } from '../../domain/series.js';
import { currentLocale } from '../i18n/index.js';

const statusColour: Record<MeetingStatus, string> = {
  scheduled: 'teal',
  inProgress: 'indigo',
  minutesDraft: 'grape',
  shared: 'blue',
  acknowledged: 'cyan',
  cancelled: 'red',
};

/** A meeting's state in words (予定・実施中・中止 …). */
export function MeetingStatusBadge({ status }: { status: MeetingStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={statusColour[status]} variant="light">
      {t(`meetingStatus.${status}`)}
    </Badge>
  );
}

/** The holiday's name in the reader's language. */
export function holidayName(holiday: NonNullable<Meeting['holiday']>): string {
  return currentLocale() === 'ja' ? holiday.name : holiday.nameEn;
}

/**
 * What is special about a meeting's date: moved off a national holiday (祝日(成人の日)のため移動), kept
 * on it, an extra 1on1, or rescheduled.
 */
export function MeetingFlags({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const flags = [];
  if (meeting.holiday && meeting.movedForHoliday) {
    flags.push(
      <Badge key="moved" color="red" variant="light" leftSection={<IconCalendarExclamation size={14} aria-hidden />}>
        {t('meeting.movedForHoliday', { name: holidayName(meeting.holiday) })}
      </Badge>,
    );
  } else if (meeting.holiday && meeting.keptOnHoliday) {
    flags.push(
      <Badge key="kept" color="red" variant="light" leftSection={<IconCalendarExclamation size={14} aria-hidden />}>
        {t('meeting.keptOnHoliday', { name: holidayName(meeting.holiday) })}
      </Badge>,
    );
  }
  if (meeting.extra) {
    flags.push(
      <Badge key="extra" color="indigo" variant="light">
        {t('meeting.extra')}
      </Badge>,
    );
  }
  if (meeting.rescheduled && meeting.status !== 'cancelled') {
    flags.push(
      <Badge key="rescheduled" color="gray.8" variant="outline">
        {t('meeting.rescheduled')}
      </Badge>,
    );
  }
  if (flags.length === 0) return null;
  return <Group gap={6}>{flags}</Group>;
}
