import { Button, Group, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCalendarCheck, IconCalendarTime, IconCalendarX } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { reasonMax } from '../../domain/limits.js';
import { cancelCategories, cancelSchema, rescheduleSchema, type CancelCategory, type Meeting } from '../../domain/series.js';
import { currentLocale } from '../i18n/index.js';
import { formatDate, formatDateTime, zonedParts, zonedToIso } from '../lib/format.js';
import { asRequest, schemaErrors } from '../lib/formSchema.js';
import { cancelMeeting, keepOriginalDate, oneOnOneKeys, rescheduleMeeting } from '../lib/oneOnOne.js';
import { useMe } from '../lib/session.js';
import { useApiMutation } from '../lib/useApiMutation.js';
import { AppModal } from './AppModal.js';
import { holidayName } from './MeetingBadges.js';
import { FormError } from './FormError.js';

/** The cancel dialog always asks for the kind of reason (the API defaults it for older clients). */
const cancelFormSchema = cancelSchema.extend({ category: z.enum(cancelCategories) });

type Dialog = 'reschedule' | 'cancel' | 'keep' | null;

/** Refreshes everything that shows meetings after one changed. */
export function useRefreshOneOnOnes() {
  const queryClient = useQueryClient();
  return () => Promise.all(oneOnOneKeys.map((queryKey) => queryClient.invalidateQueries({ queryKey: [...queryKey] })));
}

/**
 * 日程変更・中止・元の日付で実施 for one meeting, each as the meeting's abilities allow; moving and
 * cancelling ask for a reason (it feeds the formality signals).
 */
export function MeetingChangeActions({ meeting, size = 'sm' }: { meeting: Meeting; size?: 'xs' | 'sm' }) {
  const { t } = useTranslation();
  const me = useMe();
  const locale = currentLocale();
  const [dialog, setDialog] = useState<Dialog>(null);
  const start = zonedParts(new Date(meeting.startsAt), me.timeZone);
  const [date, setDate] = useState(start.date);
  const [time, setTime] = useState(start.time);
  const [reason, setReason] = useState('');
  const [category, setCategory] = useState<CancelCategory | null>(null);
  const change = useApiMutation(({ action }: { action: () => Promise<unknown>; done: string }) => action(), {
    invalidate: oneOnOneKeys,
    onSuccess: (_data, { done }) => {
      setDialog(null);
      notifications.show({ color: 'teal', message: done });
    },
  });
  const { fields: fieldErrors } = change;
  const { abilities } = meeting;
  if (!abilities.reschedule && !abilities.cancel && !abilities.keepOriginalDate) return null;

  const open = (next: Dialog) => {
    setDate(start.date);
    setTime(start.time);
    setReason('');
    setCategory(null);
    change.reset();
    setDialog(next);
  };
  const close = () => setDialog(null);
  const when = formatDateTime(new Date(meeting.startsAt), locale, me.timeZone);

  const run = (action: () => Promise<unknown>, done: string) => change.mutate({ action, done });

  /** Checks a request body against its endpoint's domain schema; the messages land on the fields. */
  const passes = (schema: typeof rescheduleSchema | typeof cancelFormSchema, body: unknown) => {
    const problems = schemaErrors(schema, body);
    change.setFields(problems);
    return Object.keys(problems).length === 0;
  };
  const rescheduleBody = () => ({ startsAt: date && time ? zonedToIso(date, time, me.timeZone) : undefined, reason: reason.trim() });

  return (
    <>
      <Group gap="xs">
        {abilities.keepOriginalDate ? (
          <Button size={size} variant="light" leftSection={<IconCalendarCheck size={16} aria-hidden />} onClick={() => open('keep')}>
            {t('meeting.keepOriginalDate')}
          </Button>
        ) : null}
        {abilities.reschedule ? (
          <Button size={size} variant="default" leftSection={<IconCalendarTime size={16} aria-hidden />} onClick={() => open('reschedule')}>
            {t('meeting.reschedule')}
          </Button>
        ) : null}
        {abilities.cancel ? (
          <Button size={size} variant="outline" color="red.9" leftSection={<IconCalendarX size={16} aria-hidden />} onClick={() => open('cancel')}>
            {t('meeting.cancel')}
          </Button>
        ) : null}
      </Group>

      <AppModal opened={dialog === 'reschedule'} onClose={close} title={t('meeting.rescheduleTitle')}>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const body = rescheduleBody();
            if (!passes(rescheduleSchema, body)) return;
            run(() => rescheduleMeeting(meeting.id, asRequest(rescheduleSchema, body)), t('meeting.rescheduledDone'));
          }}
        >
          <Stack gap="md">
            <Text size="sm">{t('meeting.currentlyAt', { when })}</Text>
            <FormError message={change.formError} />
            <SimpleGrid cols={{ base: 1, xs: 2 }}>
              <TextInput type="date" label={t('fields.date')} required value={date} onChange={(e) => setDate(e.currentTarget.value)} error={fieldErrors.startsAt} />
              <TextInput type="time" label={t('fields.time')} required value={time} onChange={(e) => setTime(e.currentTarget.value)} />
            </SimpleGrid>
            <Textarea
              label={t('meeting.reason')}
              description={t('meeting.reasonHint')}
              required
              autosize
              minRows={2}
              maxLength={reasonMax}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={fieldErrors.reason}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('actions.cancel')}
              </Button>
              <Button type="submit" loading={change.isPending}>
                {t('meeting.rescheduleSubmit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </AppModal>

      <AppModal opened={dialog === 'cancel'} onClose={close} title={t('meeting.cancelTitle', { when })}>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            // The kind is asked every time here (the API defaults it to "other" for older clients).
            if (!passes(cancelFormSchema, { reason: reason.trim(), category: category ?? undefined }) || !category) return;
            run(() => cancelMeeting(meeting.id, reason.trim(), category), t('meeting.cancelledDone'));
          }}
        >
          <Stack gap="md">
            <Text size="sm">{t('meeting.cancelBody')}</Text>
            <FormError message={change.formError} />
            <Select
              label={t('meeting.cancelCategory')}
              description={t('meeting.cancelCategoryHint')}
              placeholder={t('meeting.cancelCategoryPlaceholder')}
              required
              allowDeselect={false}
              data={cancelCategories.map((c) => ({ value: c, label: t(`cancelCategory.${c}`) }))}
              value={category}
              onChange={(v) => {
                setCategory(v as CancelCategory | null);
                const { category: _chosen, ...rest } = fieldErrors;
                change.setFields(rest);
              }}
              error={fieldErrors.category}
            />
            <Textarea
              label={t('meeting.reason')}
              description={t('meeting.reasonHint')}
              required
              autosize
              minRows={2}
              maxLength={reasonMax}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={fieldErrors.reason}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('meeting.keep')}
              </Button>
              <Button type="submit" color="red.9" loading={change.isPending}>
                {t('meeting.cancelSubmit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </AppModal>

      <AppModal opened={dialog === 'keep'} onClose={close} title={t('meeting.keepOriginalDateTitle')}>
        <Stack gap="md">
          <Text size="sm">
            {t('meeting.keepOriginalDateBody', {
              date: meeting.originalDate ? formatDate(new Date(`${meeting.originalDate}T00:00:00Z`), locale, 'UTC') : '',
              name: meeting.holiday ? holidayName(meeting.holiday) : '',
            })}
          </Text>
          <FormError message={change.formError} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('actions.cancel')}
            </Button>
            <Button loading={change.isPending} onClick={() => run(() => keepOriginalDate(meeting.id), t('meeting.keptOriginalDate'))}>
              {t('meeting.keepOriginalDate')}
            </Button>
          </Group>
        </Stack>
      </AppModal>
    </>
  );
}
