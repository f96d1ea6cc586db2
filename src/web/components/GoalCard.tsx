import { Badge, Button, Card, Group, NumberInput, Progress, Select, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconArchive, IconPencil, IconRotate } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { goalProgressInputSchema, goalTextMax } from '../../domain/goals.js';
import { FormError } from './FormError.js';
import { formatDate, formatDateTime, fullName } from '../lib/format.js';
import { asRequest, schemaValidate } from '../lib/formSchema.js';
import { postGoalEntry, updateGoal, type Goal, type GoalEntry, type GoalEntryInput } from '../lib/goals.js';
import { useMe } from '../lib/session.js';
import { useApiMutation } from '../lib/useApiMutation.js';
import { currentLocale } from '../i18n/index.js';

/** A labelled progress bar (0–100). */
export function GoalProgress({ value, label }: { value: number; label: string }) {
  return (
    <Group gap="xs" wrap="nowrap">
      <Progress value={value} size="lg" radius="xl" style={{ flex: 1 }} aria-label={label} color={value >= 100 ? 'teal' : 'blue'} />
      <Text size="sm" fw={700} w="3.2rem" ta="right">
        {value}%
      </Text>
    </Group>
  );
}

function num(v: number, unit: string | null) {
  return `${Number.isInteger(v) ? v : v.toFixed(1)}${unit ? ` ${unit}` : ''}`;
}

/** One entry of a goal's log: who, when, the new value and the comment. */
export function GoalEntryLine({ entry, unitOf }: { entry: GoalEntry; unitOf?: (keyResultId: string | null) => string | null }) {
  const { t } = useTranslation();
  const me = useMe();
  const when = formatDateTime(new Date(entry.createdAt), currentLocale(), me.timeZone);
  return (
    <Stack gap={2} component="li">
      <Text size="xs" c="gray.7">
        {when} · {fullName(entry.author)}
        {entry.kind === 'comment' ? ` · ${t('goals.entry.comment')}` : ''}
      </Text>
      {entry.value !== null ? (
        <Text size="sm" fw={600}>
          {entry.keyResultTitle
            ? t('goals.entry.krValue', { kr: entry.keyResultTitle, value: num(entry.value, unitOf?.(entry.keyResultId) ?? null) })
            : t('goals.entry.percent', { value: entry.value })}
        </Text>
      ) : null}
      {entry.comment ? (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {entry.comment}
        </Text>
      ) : null}
    </Stack>
  );
}

interface EntryValues {
  keyResultId: string | null;
  value: number | string;
  comment: string;
}

function toEntry(v: EntryValues, owner: boolean): GoalEntryInput {
  return {
    ...(owner && v.keyResultId ? { keyResultId: v.keyResultId } : {}),
    ...(owner && v.value !== '' ? { value: Number(v.value) } : {}),
    ...(v.comment.trim() ? { comment: v.comment.trim() } : {}),
  };
}

/** The owner's progress update (a value and/or a comment), or a partner's comment. */
function EntryForm({ goal, onDone }: { goal: Goal; onDone: () => void }) {
  const { t } = useTranslation();
  const owner = goal.abilities.updateProgress;
  const form = useForm<EntryValues>({
    initialValues: { keyResultId: goal.keyResults[0]?.id ?? null, value: '', comment: '' },
    validate: schemaValidate(goalProgressInputSchema, (v: EntryValues) => toEntry(v, owner)),
  });
  const post = useApiMutation((body: GoalEntryInput) => postGoalEntry(goal.id, body), {
    invalidate: [['goals'], ['prepBrief'], ['meetings']],
    onSuccess: () => {
      form.reset();
      onDone();
    },
    onError: ({ fields }) => form.setErrors(fields),
  });
  const kr = goal.keyResults.find((k) => k.id === form.values.keyResultId);
  return (
    <form onSubmit={form.onSubmit((v) => post.mutate(asRequest(goalProgressInputSchema, toEntry(v, owner)) as GoalEntryInput))} noValidate>
      <Stack gap="sm">
        <FormError message={post.formError} onClose={post.clearErrors} />
        {owner && goal.keyResults.length > 0 ? (
          <Select
            label={t('goals.form.keyResult')}
            data={goal.keyResults.map((k) => ({ value: k.id, label: k.title }))}
            allowDeselect={false}
            {...form.getInputProps('keyResultId')}
          />
        ) : null}
        {owner ? (
          <NumberInput
            label={kr ? t('goals.form.newValue', { target: num(kr.target, kr.unit) }) : t('goals.form.percent')}
            description={kr ? t('goals.form.currentValue', { value: num(kr.current, kr.unit) }) : t('goals.form.percentHint')}
            decimalScale={2}
            {...(kr ? {} : { min: 0, max: 100 })}
            {...form.getInputProps('value')}
          />
        ) : null}
        <Textarea
          label={owner ? t('goals.form.progressComment') : t('goals.form.partnerComment')}
          autosize
          minRows={2}
          maxLength={goalTextMax}
          {...form.getInputProps('comment')}
          error={form.errors.comment}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {t('actions.cancel')}
          </Button>
          <Button type="submit" loading={post.isPending}>
            {owner ? t('goals.postProgress') : t('goals.postComment')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * A goal: kind, title, progress bar, key results with their own bars, the latest entries, and what
 * the reader may do (the owner updates progress, edits or archives; a partner comments).
 */
export function GoalCard({
  goal,
  onEdit,
  entriesTitle,
  compact = false,
  headingLevel = 2,
}: {
  goal: Goal;
  onEdit?: () => void;
  entriesTitle?: string;
  compact?: boolean;
  /** The level of the goal's title under the page's headings. */
  headingLevel?: 2 | 3;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const [posting, setPosting] = useState(false);
  const [showAll, setShowAll] = useState(false);
  const archive = useApiMutation(() => updateGoal(goal.id, { status: goal.status === 'active' ? 'archived' : 'active' }), { invalidate: [['goals']] });
  const unitOf = (id: string | null) => goal.keyResults.find((k) => k.id === id)?.unit ?? null;
  const entries = showAll ? goal.entries : goal.entries.slice(0, 3);
  const canPost = goal.abilities.updateProgress || goal.abilities.comment;
  return (
    <Card withBorder radius="md" padding="md" component="article" aria-label={goal.title}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs">
          <Stack gap={4} style={{ minWidth: 0, flex: '1 1 14rem' }}>
            <Group gap={6}>
              <Badge variant="light" color={goal.kind === 'okr' ? 'indigo' : 'grape'}>
                {t(`goals.kind.${goal.kind}`)}
              </Badge>
              {goal.weight !== null ? <Badge variant="outline">{t('goals.weightBadge', { weight: goal.weight })}</Badge> : null}
              {goal.status === 'archived' ? <Badge color="gray">{t('goals.archived')}</Badge> : null}
            </Group>
            <Text component={headingLevel === 2 ? 'h2' : 'h3'} fw={700} size="lg" m={0}>
              {goal.title}
            </Text>
            {goal.description ? (
              <Text size="sm" c="gray.7" style={{ whiteSpace: 'pre-wrap' }}>
                {goal.description}
              </Text>
            ) : null}
            {goal.dueDate ? (
              <Text size="xs" c="gray.7">
                {t('goals.due', { date: formatDate(new Date(`${goal.dueDate}T12:00:00Z`), currentLocale(), 'UTC') })}
              </Text>
            ) : null}
          </Stack>
          {goal.abilities.edit && !compact ? (
            <Group gap={6}>
              {onEdit && goal.status === 'active' ? (
                <Button size="xs" variant="default" leftSection={<IconPencil size={14} aria-hidden />} onClick={onEdit} aria-label={t('goals.editNamed', { title: goal.title })}>
                  {t('actions.edit')}
                </Button>
              ) : null}
              <Button
                size="xs"
                variant="subtle"
                color="gray"
                loading={archive.isPending}
                leftSection={goal.status === 'active' ? <IconArchive size={14} aria-hidden /> : <IconRotate size={14} aria-hidden />}
                onClick={() => archive.mutate()}
              >
                {goal.status === 'active' ? t('goals.archive') : t('goals.unarchive')}
              </Button>
            </Group>
          ) : null}
        </Group>
        <FormError message={archive.formError} onClose={archive.clearErrors} />
        <GoalProgress value={goal.progress} label={t('goals.progressOf', { title: goal.title })} />
        {goal.keyResults.length > 0 ? (
          <Stack gap={6} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {goal.keyResults.map((k) => (
              <Stack key={k.id} gap={2} component="li">
                <Group justify="space-between" gap="xs" wrap="wrap">
                  <Text size="sm">{k.title}</Text>
                  <Text size="xs" c="gray.7">
                    {t('goals.krFigures', { current: num(k.current, k.unit), target: num(k.target, k.unit) })}
                  </Text>
                </Group>
                <Progress value={k.progress} size="sm" radius="xl" aria-label={t('goals.progressOf', { title: k.title })} />
              </Stack>
            ))}
          </Stack>
        ) : null}
        {goal.entries.length > 0 ? (
          <Stack gap={6}>
            <Text size="sm" fw={600}>
              {entriesTitle ?? t('goals.entries')}
            </Text>
            <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
              {entries.map((e) => (
                <GoalEntryLine key={e.id} entry={e} unitOf={unitOf} />
              ))}
            </Stack>
            {goal.entries.length > 3 && !showAll ? (
              <Button size="xs" variant="subtle" onClick={() => setShowAll(true)} style={{ alignSelf: 'flex-start' }}>
                {t('goals.showAllEntries', { count: goal.entries.length })}
              </Button>
            ) : null}
          </Stack>
        ) : compact ? null : (
          <Text size="sm" c="gray.7">
            {goal.owner.id === me.id ? t('goals.noEntriesOwner') : t('goals.noEntries')}
          </Text>
        )}
        {canPost && !compact ? (
          posting ? (
            <EntryForm goal={goal} onDone={() => setPosting(false)} />
          ) : (
            <Button variant="light" size="sm" onClick={() => setPosting(true)} style={{ alignSelf: 'flex-start' }}>
              {goal.abilities.updateProgress ? t('goals.updateProgress') : t('goals.comment')}
            </Button>
          )
        ) : null}
      </Stack>
    </Card>
  );
}
