import { Button, Checkbox, Group, Radio, Select, SimpleGrid, Stack, Switch, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  topicCategories,
  topicCreateSchema,
  topicNoteMax,
  topicTitleMax,
  topicUpdateSchema,
  wantedResponses,
  type Topic,
  type TopicCategory,
  type WantedResponse,
} from '../../../domain/agenda.js';
import { looksLikeStatusReport } from '../../../domain/formality.js';
import { FormError } from '../../components/FormError.js';
import { goalsQuery } from '../../lib/goals.js';
import type { TopicInput } from '../../lib/oneOnOne.js';
import { schemaValidate } from '../../lib/formSchema.js';
import { useApiMutation } from '../../lib/useApiMutation.js';

interface Values {
  title: string;
  note: string;
  category: TopicCategory;
  wantedResponse: WantedResponse;
  draft: boolean;
  goalId: string | null;
  /** Ticked by the author when the wording reads like a status report but the topic is not one. */
  notStatusReport: boolean;
}

/** The request body the form sends: a private draft until the author shares it. */
function toRequest(v: Values): TopicInput {
  return {
    title: v.title.trim(),
    note: v.note.trim(),
    category: v.category,
    wantedResponse: v.wantedResponse,
    visibility: v.draft ? 'private' : 'pair',
    goalId: v.goalId,
    // Asked only while the wording reads like a status report; the author's answer is kept then.
    statusReport: looksLikeStatusReport(v.title) ? !v.notStatusReport : null,
  };
}

interface TopicFormProps {
  topic?: Topic;
  submitLabel: string;
  onSubmit: (body: TopicInput) => Promise<void>;
  onCancel?: () => void;
  /** The report of the series: a topic may be linked to one of their active goals. */
  reportId: string;
}

/** A topic: title, note, category, the wanted response and whether it stays a private draft for now. */
export function TopicForm({ topic, submitLabel, onSubmit, onCancel, reportId }: TopicFormProps) {
  const { t } = useTranslation();
  const goals = useQuery(goalsQuery('active', reportId));
  const form = useForm<Values>({
    initialValues: {
      title: topic?.title ?? '',
      note: topic?.note ?? '',
      category: topic?.category ?? 'workChallenges',
      wantedResponse: topic?.wantedResponse ?? 'listen',
      draft: topic ? topic.visibility === 'private' : false,
      goalId: topic?.goal?.id ?? null,
      notStatusReport: topic?.statusReport === false,
    },
    validate: schemaValidate(topic ? topicUpdateSchema : topicCreateSchema, toRequest, { fields: { visibility: 'draft' } }),
  });

  const save = useApiMutation(onSubmit, {
    onSuccess: () => {
      if (!topic) form.reset();
    },
    onError: ({ fields }) => form.setErrors(fields),
  });
  const submit = form.onSubmit((v) => save.mutate(toRequest(v)));

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <FormError title={t('agenda.saveFailed')} message={save.formError} />
        <TextInput
          label={t('agenda.topicTitle')}
          placeholder={t('agenda.topicTitlePlaceholder')}
          required
          maxLength={topicTitleMax}
          // Wording that reads as a status report is pointed out to its author, who decides below.
          description={looksLikeStatusReport(form.values.title) ? t('agenda.statusWording') : undefined}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          {...form.getInputProps('title')}
        />
        {looksLikeStatusReport(form.values.title) ? (
          <Checkbox label={t('agenda.notStatusReport')} description={t('agenda.notStatusReportHint')} {...form.getInputProps('notStatusReport', { type: 'checkbox' })} />
        ) : null}
        <Textarea label={t('agenda.note')} description={t('agenda.noteHint')} autosize minRows={2} maxLength={topicNoteMax} {...form.getInputProps('note')} />
        <Select
          label={t('agenda.category')}
          required
          allowDeselect={false}
          data={topicCategories.map((c) => ({ value: c, label: t(`topicCategory.${c}`) }))}
          {...form.getInputProps('category')}
        />
        {goals.data && goals.data.items.length > 0 ? (
          <Select
            label={t('agenda.goal')}
            description={t('agenda.goalHint')}
            placeholder={t('agenda.noGoal')}
            clearable
            data={goals.data.items.map((g) => ({ value: g.id, label: `${g.title} (${g.progress}%)` }))}
            {...form.getInputProps('goalId')}
          />
        ) : null}
        <Radio.Group label={t('agenda.wantedResponse')} description={t('agenda.wantedResponseHint')} required {...form.getInputProps('wantedResponse')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" mt="xs">
            {wantedResponses.map((w) => (
              <Radio key={w} value={w} label={t(`wantedResponse.${w}`)} />
            ))}
          </SimpleGrid>
        </Radio.Group>
        <Switch label={t('agenda.keepDraft')} description={t('agenda.keepDraftHint')} {...form.getInputProps('draft', { type: 'checkbox' })} />
        <Group justify="flex-end" gap="sm">
          {onCancel ? (
            <Button variant="default" onClick={onCancel}>
              {t('actions.cancel')}
            </Button>
          ) : null}
          <Button type="submit" loading={save.isPending}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
