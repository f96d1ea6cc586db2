import { Button, Group, Paper, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checkInCommentMax, checkInSchema } from '../../../domain/agenda.js';
import { oneOnOneKeys, saveCheckIn, type MeetingDetail } from '../../lib/oneOnOne.js';
import { asRequest, schemaErrors } from '../../lib/formSchema.js';
import { useApiMutation } from '../../lib/useApiMutation.js';
import { scores } from './labels.js';
import { FormError } from '../../components/FormError.js';
import { CheckInConsentModal } from '../../components/CheckInConsentModal.js';
import { checkInConsentQuery, giveCheckInConsent } from '../../lib/privacy.js';

/** コンディション: the report rates their condition 1–5 before the meeting; the manager sees it. */
export function CheckInSection({ detail }: { detail: MeetingDetail }) {
  const { t } = useTranslation();
  const { meeting, checkIn, series } = detail;
  const [score, setScore] = useState<string>(checkIn ? String(checkIn.score) : '');
  const [comment, setComment] = useState(checkIn?.comment ?? '');
  const submit = useApiMutation((body: Parameters<typeof saveCheckIn>[1]) => saveCheckIn(meeting.id, body), {
    invalidate: oneOnOneKeys,
    onSuccess: () => notifications.show({ color: 'teal', message: t('checkIn.saved') }),
  });
  // Condition is sensitive personal data (APPI): the report consents once before it is stored.
  const consent = useQuery({ ...checkInConsentQuery, enabled: meeting.abilities.checkIn });
  const [asking, setAsking] = useState<Parameters<typeof saveCheckIn>[1] | null>(null);
  const agree = useApiMutation(giveCheckInConsent, {
    invalidate: [checkInConsentQuery.queryKey],
    onSuccess: () => {
      if (asking) submit.mutate(asking);
      setAsking(null);
    },
  });

  const save = () => {
    const body = { score: score ? Number(score) : undefined, ...(comment.trim() ? { comment: comment.trim() } : {}) };
    const problems = schemaErrors(checkInSchema, body);
    submit.setFields(problems);
    if (Object.keys(problems).length > 0) return;
    if (consent.data && !consent.data.given) {
      agree.reset();
      setAsking(asRequest(checkInSchema, body));
      return;
    }
    submit.mutate(asRequest(checkInSchema, body));
  };
  const decline = () => {
    setAsking(null);
    notifications.show({ color: 'gray', message: t('privacy.consent.declined') });
  };

  const saved = checkIn ? (
    <Paper bg="gray.0" p="sm" radius="sm">
      <Text fw={700}>{t('checkIn.savedValue', { score: checkIn.score, label: t(`checkIn.scoreLabel.${checkIn.score}`) })}</Text>
      {checkIn.comment ? (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {checkIn.comment}
        </Text>
      ) : null}
    </Paper>
  ) : null;

  return (
    <Stack gap="sm" component="section" aria-labelledby="condition-title" id="condition" style={{ scrollMarginTop: 72 }}>
      <Title order={2} size="h3" id="condition-title">
        {t('checkIn.title')}
      </Title>
      <Text size="sm" c="gray.7">
        {series.myRole === 'report' ? t('checkIn.leadReport') : t('checkIn.leadManager')}
      </Text>
      {meeting.abilities.checkIn ? (
        <Paper withBorder p="md" radius="md">
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              save();
            }}
          >
            <Stack gap="sm">
              <FormError message={submit.formError} />
              <Radio.Group label={t('checkIn.question')} required value={score} onChange={setScore} error={submit.fields.score}>
                <Group gap="md" mt="xs">
                  {scores.map((s) => (
                    <Radio key={s} value={String(s)} label={`${s} ${t(`checkIn.scoreLabel.${s}`)}`} />
                  ))}
                </Group>
              </Radio.Group>
              <Textarea
                label={t('checkIn.comment')}
                description={t('checkIn.commentHint')}
                autosize
                minRows={2}
                maxLength={checkInCommentMax}
                value={comment}
                onChange={(e) => setComment(e.currentTarget.value)}
                error={submit.fields.comment}
              />
              {consent.data && !consent.data.given ? (
                <Text size="sm" c="gray.7">
                  {t('privacy.consent.needed')}
                </Text>
              ) : null}
              <Group justify="space-between" gap="sm">
                <Text size="sm" c="gray.7">
                  {checkIn ? t('checkIn.alreadySaved', { score: checkIn.score }) : t('checkIn.notYet')}
                </Text>
                <Button type="submit" loading={submit.isPending}>
                  {checkIn ? t('checkIn.update') : t('checkIn.save')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
      ) : checkIn ? (
        saved
      ) : (
        <Text size="sm" c="gray.7">
          {series.myRole === 'manager' ? t('checkIn.notYetManager') : t('checkIn.notYet')}
        </Text>
      )}
      <CheckInConsentModal opened={asking !== null} onClose={decline} onConsent={(v) => agree.mutate(v)} pending={agree.isPending || submit.isPending} error={agree.formError} />
    </Stack>
  );
}
