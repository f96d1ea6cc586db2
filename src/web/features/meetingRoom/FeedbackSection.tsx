import { Badge, Button, Card, Group, Paper, Radio, Skeleton, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconPencil, IconThumbUp, IconTool, IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { feedbackCreateSchema, feedbackTextMax, feedbackUpdateSchema } from '../../../domain/followUp.js';
import type { PersonRef } from '../../../domain/employees.js';
import { QueryError } from '../../components/QueryError.js';
import { FormError } from '../../components/FormError.js';
import { fullName } from '../../lib/format.js';
import { schemaErrors } from '../../lib/formSchema.js';
import { addFeedback, feedbackQuery, removeFeedback, updateFeedback, type FeedbackInput, type FeedbackRecord } from '../../lib/followUp.js';
import { useApiMutation } from '../../lib/useApiMutation.js';

const parts = ['situation', 'behaviour', 'impact'] as const;

function FeedbackCard({ record, onRemove, onEdit }: { record: FeedbackRecord; onRemove: () => void; onEdit: () => void }) {
  const { t } = useTranslation();
  const positive = record.kind === 'positive';
  return (
    <Card component="li" withBorder padding="sm" radius="md">
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Group gap={6} wrap="wrap" style={{ minWidth: 0 }}>
            <Badge
              color={positive ? 'teal' : 'indigo'}
              variant="light"
              leftSection={positive ? <IconThumbUp size={12} aria-hidden /> : <IconTool size={12} aria-hidden />}
              style={{ textTransform: 'none' }}
            >
              {t(`feedback.kind.${record.kind}`)}
            </Badge>
            <Text size="sm" c="gray.8">
              {t('feedback.fromTo', { giver: fullName(record.giver), receiver: fullName(record.receiver) })}
            </Text>
          </Group>
          <Group gap={6}>
            {record.abilities.update ? (
              <Button size="compact-xs" variant="default" leftSection={<IconPencil size={14} aria-hidden />} onClick={onEdit}>
                {t('feedback.edit')}
              </Button>
            ) : null}
            {record.abilities.remove ? (
              <Button size="compact-xs" variant="outline" color="red.9" leftSection={<IconTrash size={14} aria-hidden />} onClick={onRemove}>
                {t('feedback.remove')}
              </Button>
            ) : null}
          </Group>
        </Group>
        <Stack gap={2} component="dl" m={0}>
          {parts.map((p) => (
            <Group key={p} gap={6} wrap="nowrap" align="flex-start">
              <Text component="dt" size="sm" fw={700} style={{ flexShrink: 0 }}>
                {t(`feedback.${p}`)}
              </Text>
              <Text component="dd" m={0} size="sm" style={{ whiteSpace: 'pre-wrap', minWidth: 0 }}>
                {record[p]}
              </Text>
            </Group>
          ))}
        </Stack>
      </Stack>
    </Card>
  );
}

/** フィードバック: fact-based — situation, behaviour, impact — positive or constructive, for the partner. */
export function FeedbackSection({ meetingId, partner, canAdd }: { meetingId: string; partner: PersonRef; canAdd: boolean }) {
  const { t } = useTranslation();
  const query = useQuery(feedbackQuery(meetingId));
  const empty: FeedbackInput = { kind: 'positive', situation: '', behaviour: '', impact: '' };
  const [form, setForm] = useState<FeedbackInput>(empty);
  const [open, setOpen] = useState(false);
  /** The record being edited, or null when the form adds a new one. */
  const [editing, setEditing] = useState<string | null>(null);
  const save = useApiMutation(
    ({ id, body }: { id: string | null; body: FeedbackInput }) => (id ? updateFeedback(id, body) : addFeedback(meetingId, { ...body, receiverId: partner.id })),
    {
      onSuccess: async () => {
        setForm(empty);
        setOpen(false);
        setEditing(null);
        await query.refetch();
      },
    },
  );
  const { fields } = save;
  const remove = useApiMutation(removeFeedback, { onSuccess: () => query.refetch() });

  const submit = () => {
    // A new record goes to the partner; an edit changes the texts and the kind only.
    const problems = editing ? schemaErrors(feedbackUpdateSchema, form) : schemaErrors(feedbackCreateSchema, { ...form, receiverId: partner.id });
    save.setFields(problems);
    if (Object.keys(problems).length === 0) save.mutate({ id: editing, body: form });
  };

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="room-feedback">
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <Title order={2} size="h4" id="room-feedback">
            {t('feedback.title')}
          </Title>
          {canAdd && !open ? (
            <Button
              size="xs"
              variant="light"
              onClick={() => {
                setEditing(null);
                setForm(empty);
                setOpen(true);
              }}
            >
              {t('feedback.add', { name: partner.familyName })}
            </Button>
          ) : null}
        </Group>
        <Text size="sm" c="gray.7">
          {t('feedback.lead')}
        </Text>
        <FormError message={remove.formError ?? save.formError} onClose={() => (remove.formError ? remove.clearErrors() : save.clearErrors())} />
        {query.isPending ? (
          <Skeleton height={64} />
        ) : query.isError ? (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        ) : query.data.items.length === 0 ? (
          <Text size="sm" c="gray.7">
            {t('feedback.empty')}
          </Text>
        ) : (
          <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {query.data.items.map((r) => (
              <FeedbackCard
                key={r.id}
                record={r}
                onRemove={() => remove.mutate(r.id)}
                onEdit={() => {
                  setEditing(r.id);
                  setForm({ kind: r.kind, situation: r.situation, behaviour: r.behaviour, impact: r.impact });
                  save.clearErrors();
                  setOpen(true);
                }}
              />
            ))}
          </Stack>
        )}
        {open ? (
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              submit();
            }}
          >
            <Stack gap="sm">
              <Title order={3} size="h5">
                {editing ? t('feedback.editTitle') : t('feedback.formTitle', { name: fullName(partner) })}
              </Title>
              <Radio.Group label={t('feedback.kindLabel')} value={form.kind} onChange={(v) => setForm({ ...form, kind: v as FeedbackInput['kind'] })}>
                <Group gap="md" mt={4}>
                  <Radio value="positive" label={t('feedback.kind.positive')} />
                  <Radio value="constructive" label={t('feedback.kind.constructive')} />
                </Group>
              </Radio.Group>
              {parts.map((p) => (
                <Textarea
                  key={p}
                  label={t(`feedback.${p}`)}
                  description={t(`feedback.${p}Hint`)}
                  required
                  autosize
                  minRows={2}
                  maxLength={feedbackTextMax}
                  value={form[p]}
                  onChange={(e) => setForm({ ...form, [p]: e.currentTarget.value })}
                  error={fields[p]}
                />
              ))}
              <Group justify="flex-end" gap="sm">
                <Button
                  variant="default"
                  onClick={() => {
                    setOpen(false);
                    setEditing(null);
                  }}
                >
                  {t('actions.cancel')}
                </Button>
                <Button type="submit" loading={save.isPending}>
                  {editing ? t('feedback.saveEdit') : t('feedback.submit')}
                </Button>
              </Group>
            </Stack>
          </form>
        ) : null}
      </Stack>
    </Paper>
  );
}
