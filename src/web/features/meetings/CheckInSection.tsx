import { Button, Group, Paper, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checkInCommentMax } from '../../../domain/agenda.js';
import { useRefreshOneOnOnes } from '../../components/MeetingChangeActions.js';
import { ApiError } from '../../lib/api.js';
import { saveCheckIn, type MeetingDetail } from '../../lib/oneOnOne.js';
import { scores } from './labels.js';
import { FormError } from '../../components/FormError.js';

/** コンディション: the report rates their condition 1–5 before the meeting; the manager sees it. */
export function CheckInSection({ detail }: { detail: MeetingDetail }) {
  const { t } = useTranslation();
  const refresh = useRefreshOneOnOnes();
  const { meeting, checkIn, series } = detail;
  const [score, setScore] = useState<string>(checkIn ? String(checkIn.score) : '');
  const [comment, setComment] = useState(checkIn?.comment ?? '');
  const [error, setError] = useState<string | null>(null);
  const [scoreError, setScoreError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const save = async () => {
    if (!score) {
      setScoreError(t('checkIn.pickScore'));
      return;
    }
    setSaving(true);
    setError(null);
    setScoreError(null);
    try {
      await saveCheckIn(meeting.id, { score: Number(score), ...(comment.trim() ? { comment: comment.trim() } : {}) });
      await refresh();
      notifications.show({ color: 'teal', message: t('checkIn.saved') });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('errors.unexpectedShort'));
    } finally {
      setSaving(false);
    }
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
              void save();
            }}
          >
            <Stack gap="sm">
              <FormError message={error} />
              <Radio.Group label={t('checkIn.question')} required value={score} onChange={setScore} error={scoreError}>
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
              />
              <Group justify="space-between" gap="sm">
                <Text size="sm" c="gray.7">
                  {checkIn ? t('checkIn.alreadySaved', { score: checkIn.score }) : t('checkIn.notYet')}
                </Text>
                <Button type="submit" loading={saving}>
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
    </Stack>
  );
}
