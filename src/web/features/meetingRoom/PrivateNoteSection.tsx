import { Badge, Button, Group, Paper, Skeleton, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { privateNoteMax } from '../../../domain/followUp.js';
import { QueryError } from '../../components/QueryError.js';
import { formatTime } from '../../lib/format.js';
import { privateNoteQuery, savePrivateNote } from '../../lib/followUp.js';
import { useMe } from '../../lib/session.js';
import { useApiMutation } from '../../lib/useApiMutation.js';
import { FormError } from '../../components/FormError.js';

/** 自分用メモ: only its author ever reads it; saved with the button and when leaving the field. */
export function PrivateNoteSection({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const query = useQuery(privateNoteQuery(meetingId));
  const [value, setValue] = useState<string | null>(null);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const saved = query.data?.body ?? '';
  const text = value ?? saved;
  const dirty = value !== null && value !== saved;
  const submit = useApiMutation((body: string) => savePrivateNote(meetingId, body), {
    onSuccess: (note, body) => {
      queryClient.setQueryData(privateNoteQuery(meetingId).queryKey, note);
      // Text typed while the save was on its way stays unsaved rather than being replaced.
      setValue((current) => (current === body ? null : current));
      setSavedAt(note.updatedAt);
    },
  });
  const saving = submit.isPending;
  const latest = useRef({ dirty, text });
  latest.current = { dirty, text };

  // Leaving the room with unsaved text still saves it.
  useEffect(
    () => () => {
      if (latest.current.dirty) void savePrivateNote(meetingId, latest.current.text).catch(() => undefined);
    },
    [meetingId],
  );

  const save = () => {
    if (dirty) submit.mutate(text);
  };

  let status: string;
  if (saving) status = t('privateNote.saving');
  else if (dirty) status = t('privateNote.unsaved');
  else if (savedAt ?? query.data?.updatedAt) status = t('privateNote.savedAt', { time: formatTime(new Date((savedAt ?? query.data?.updatedAt)!), me.timeZone) });
  else status = t('privateNote.empty');

  return (
    <Paper withBorder p="md" radius="md" bg="grape.0" component="section" aria-labelledby="room-private-note">
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <Title order={2} size="h4" id="room-private-note">
            {t('privateNote.title')}
          </Title>
          <Badge color="grape.9" variant="filled" leftSection={<IconLock size={12} aria-hidden />} style={{ textTransform: 'none' }}>
            {t('privateNote.onlyYou')}
          </Badge>
        </Group>
        {query.isPending ? (
          <Skeleton height={96} />
        ) : query.isError ? (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <>
            <FormError message={submit.formError} />
            <Textarea
              label={t('privateNote.label')}
              description={t('privateNote.hint')}
              autosize
              minRows={4}
              maxRows={14}
              maxLength={privateNoteMax}
              value={text}
              onChange={(e) => setValue(e.currentTarget.value)}
              onBlur={save}
            />
            <Group justify="space-between" gap="sm">
              <Text size="xs" c="gray.7" role="status">
                {status}
              </Text>
              <Button size="xs" variant="light" color="grape" loading={saving} disabled={!dirty} onClick={save}>
                {t('privateNote.save')}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Paper>
  );
}
