import { ActionIcon, Badge, Button, Card, EmptyState, Group, Select, Skeleton, Stack, Text, Textarea, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconEdit, IconEye, IconEyeOff, IconPlus, IconBooks } from '@tabler/icons-react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  bankQuestionCreateSchema,
  bankQuestionUpdateSchema,
  bankTextMax,
  questionCategories,
  questionDepths,
  type ManagedQuestion,
  type QuestionCategory,
  type QuestionDepth,
} from '../../../domain/questionBank.js';
import { AppModal } from '../../components/AppModal.js';
import { FormError } from '../../components/FormError.js';
import { ListPagination } from '../../components/ListPagination.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryError } from '../../components/QueryError.js';
import { currentLocale } from '../../i18n/index.js';
import { addBankQuestion, managedBankQuery, updateBankQuestion, type BankFilters } from '../../lib/guidance.js';
import { useMe } from '../../lib/session.js';
import { schemaErrors } from '../../lib/formSchema.js';
import { useApiMutation } from '../../lib/useApiMutation.js';
import { QuestionCategorySelect, QuestionDepthSelect, QuestionSearch } from '../../components/QuestionFilters.js';
import { TemplatesSection } from './TemplatesSection.js';
import { TalkAggregateSection } from './TalkAggregateSection.js';

const pageSize = 20;
type Status = NonNullable<BankFilters['status']>;

/** Add or edit one question, both languages side by side; errors come back per field in the user's language. */
function QuestionForm({ question, onDone }: { question: ManagedQuestion | null; onDone: () => Promise<void> }) {
  const { t } = useTranslation();
  const [category, setCategory] = useState<QuestionCategory>(question?.category ?? 'career');
  const [depth, setDepth] = useState<QuestionDepth>(question?.depth ?? 'light');
  const [ja, setJa] = useState(question?.ja ?? '');
  const [en, setEn] = useState(question?.en ?? '');
  const save = useApiMutation(
    (body: { category: QuestionCategory; depth: QuestionDepth; ja: string; en: string }) => (question ? updateBankQuestion(question.id, body) : addBankQuestion(body)),
    {
      onSuccess: async () => {
        notifications.show({ color: 'teal', message: question ? t('guidance.bank.saved') : t('guidance.bank.added') });
        await onDone();
      },
    },
  );
  const { fields } = save;
  // A message the server tied to a field shows on that field only.
  const error = Object.keys(fields).length ? null : save.formError;

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const body = { category, depth, ja, en };
        const problems = schemaErrors(question ? bankQuestionUpdateSchema : bankQuestionCreateSchema, body);
        save.setFields(problems);
        if (Object.keys(problems).length === 0) save.mutate(body);
      }}
    >
      <Stack gap="sm">
        <FormError message={error} />
        <Group grow align="flex-start">
          <Select
            label={t('guidance.categoryLabel')}
            data={questionCategories.map((c) => ({ value: c, label: t(`guidance.category.${c}`) }))}
            value={category}
            onChange={(v) => v && setCategory(v as QuestionCategory)}
            allowDeselect={false}
            error={fields.category}
            comboboxProps={{ withinPortal: true }}
          />
          <Select
            label={t('guidance.depthLabel')}
            data={questionDepths.map((d) => ({ value: d, label: t(`guidance.depth.${d}`) }))}
            value={depth}
            onChange={(v) => v && setDepth(v as QuestionDepth)}
            allowDeselect={false}
            error={fields.depth}
            comboboxProps={{ withinPortal: true }}
          />
        </Group>
        <Textarea label={t('guidance.bank.ja')} description={t('guidance.bank.jaHint')} lang="ja" autosize minRows={2} maxLength={bankTextMax} value={ja} onChange={(e) => setJa(e.currentTarget.value)} error={fields.ja} />
        <Textarea label={t('guidance.bank.en')} description={t('guidance.bank.enHint')} lang="en" autosize minRows={2} maxLength={bankTextMax} value={en} onChange={(e) => setEn(e.currentTarget.value)} error={fields.en} />
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            {t('guidance.bank.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** hr's page for the question bank: search and filter, edit wording, add questions, hide and show them. */
export function QuestionBankPage() {
  const { t } = useTranslation();
  const me = useMe();
  const locale = currentLocale();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const [category, setCategory] = useState<QuestionCategory | null>(null);
  const [depth, setDepth] = useState<QuestionDepth | null>(null);
  const [status, setStatus] = useState<Status>('all');
  const [page, setPage] = useState(1);
  const [dialog, setDialog] = useState<{ question: ManagedQuestion | null } | null>(null);
  const query = useQuery({ ...managedBankQuery({ q, category, depth, status }), enabled: me.abilities.manageGuidance, placeholderData: keepPreviousData });

  const refresh = () => queryClient.invalidateQueries({ queryKey: ['questionBank'] });
  const toggle = useApiMutation((question: ManagedQuestion) => updateBankQuestion(question.id, { hidden: !question.hidden }), {
    invalidate: [['questionBank']],
    onSuccess: (_saved, question) =>
      notifications.show({ color: 'teal', message: question.hidden ? t('guidance.bank.shownDone') : t('guidance.bank.hiddenDone') }),
    onError: ({ message }) => notifications.show({ color: 'red', message }),
  });
  const busy = toggle.variables?.id ?? null;
  const filter = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setPage(1);
  };

  if (!me.abilities.manageGuidance) {
    return (
      <Stack>
        <PageHeader title={t('guidance.bank.title')} />
        <Text>{t('guidance.bank.forbidden')}</Text>
      </Stack>
    );
  }
  const items = query.data?.items ?? [];
  const shown = items.slice((page - 1) * pageSize, page * pageSize);

  return (
    <Stack gap="md">
      <PageHeader
        title={t('guidance.bank.title')}
        description={t('guidance.bank.description')}
        actions={
          <Button leftSection={<IconPlus size={18} aria-hidden />} onClick={() => setDialog({ question: null })}>
            {t('guidance.bank.add')}
          </Button>
        }
      />
      <Group gap="sm" align="flex-end" wrap="wrap">
        <QuestionSearch value={search} onChange={filter(setSearch)} style={{ flex: '1 1 14rem' }} />
        <QuestionCategorySelect value={category} onChange={filter(setCategory)} style={{ flex: '1 1 10rem' }} />
        <QuestionDepthSelect value={depth} onChange={filter(setDepth)} style={{ flex: '1 1 8rem' }} />
        <Select
          label={t('guidance.bank.status.label')}
          data={(['all', 'visible', 'hidden', 'edited', 'own'] as const).map((s) => ({ value: s, label: t(`guidance.bank.status.${s}`) }))}
          value={status}
          allowDeselect={false}
          onChange={filter((v: string | null) => v && setStatus(v as Status))}
          style={{ flex: '1 1 8rem' }}
        />
      </Group>
      {query.isPending ? (
        <Stack gap="xs" aria-busy="true">
          {Array.from({ length: 6 }, (_, i) => (
            <Skeleton key={i} height={56} />
          ))}
        </Stack>
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState icon={<IconBooks aria-hidden />} title={t('guidance.noMatch')} description={status === 'all' && !q && !category && !depth ? t('guidance.bank.empty') : undefined} />
      ) : (
        <>
          <Text size="sm" c="gray.8" role="status">
            {t('guidance.bank.count', { count: items.length })}
          </Text>
          <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('guidance.bank.title')}>
            {shown.map((question) => {
              const text = locale === 'ja' ? question.ja : question.en;
              const other = locale === 'ja' ? question.en : question.ja;
              return (
                <Card key={question.id} component="li" withBorder padding="sm" radius="md" data-question={question.id} opacity={question.hidden ? 0.75 : 1}>
                  <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
                    <Stack gap={4} style={{ minWidth: 0 }}>
                      <Text size="sm" fw={600} td={question.hidden ? 'line-through' : undefined}>
                        {text}
                      </Text>
                      <Text size="xs" c="gray.8" lang={locale === 'ja' ? 'en' : 'ja'}>
                        {other}
                      </Text>
                      <Group gap={6}>
                        <Badge size="sm" variant="outline" color="gray.8" style={{ textTransform: 'none' }}>
                          {t(`guidance.category.${question.category}`)} · {t(`guidance.depth.${question.depth}`)}
                        </Badge>
                        {question.hidden ? (
                          <Badge size="sm" color="gray.7" variant="filled" style={{ textTransform: 'none' }}>
                            {t('guidance.bank.badgeHidden')}
                          </Badge>
                        ) : null}
                        {question.edited ? (
                          <Badge size="sm" color="blue.9" variant="light" style={{ textTransform: 'none' }}>
                            {t('guidance.bank.badgeEdited')}
                          </Badge>
                        ) : null}
                        {!question.shipped ? (
                          <Badge size="sm" color="teal.9" variant="light" style={{ textTransform: 'none' }}>
                            {t('guidance.bank.badgeOwn')}
                          </Badge>
                        ) : null}
                      </Group>
                    </Stack>
                    <Group gap={4} wrap="nowrap">
                      <Tooltip label={t('guidance.bank.edit')}>
                        <ActionIcon variant="subtle" color="gray.8" aria-label={t('guidance.bank.editNamed', { text })} onClick={() => setDialog({ question })}>
                          <IconEdit size={18} aria-hidden />
                        </ActionIcon>
                      </Tooltip>
                      <Tooltip label={question.hidden ? t('guidance.bank.show') : t('guidance.bank.hide')}>
                        <ActionIcon
                          variant="subtle"
                          color="gray.8"
                          loading={busy === question.id}
                          aria-label={question.hidden ? t('guidance.bank.showNamed', { text }) : t('guidance.bank.hideNamed', { text })}
                          onClick={() => toggle.mutate(question)}
                        >
                          {question.hidden ? <IconEye size={18} aria-hidden /> : <IconEyeOff size={18} aria-hidden />}
                        </ActionIcon>
                      </Tooltip>
                    </Group>
                  </Group>
                </Card>
              );
            })}
          </Stack>
          <ListPagination total={Math.ceil(items.length / pageSize)} value={page} onChange={setPage} />
        </>
      )}
      <TemplatesSection />
      <AppModal opened={dialog !== null} onClose={() => setDialog(null)} title={dialog?.question ? t('guidance.bank.editTitle') : t('guidance.bank.addTitle')} size="lg">
        {dialog ? (
          <QuestionForm
            key={dialog.question?.id ?? 'new'}
            question={dialog.question}
            onDone={async () => {
              await refresh();
              setDialog(null);
            }}
          />
        ) : null}
      </AppModal>
      <TalkAggregateSection />
    </Stack>
  );
}
