import { Badge, Button, Card, Group, Skeleton, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { matchesQuery, questionCategories, type BankQuestion, type QuestionCategory } from '../../../domain/questionBank.js';
import { AppModal } from '../../components/AppModal.js';
import { QueryError } from '../../components/QueryError.js';
import { QuestionCategorySelect, QuestionSearch } from '../../components/QuestionFilters.js';
import { currentLocale } from '../../i18n/index.js';
import { questionBankQuery } from '../../lib/oneOnOne.js';

const depthColour = { light: 'teal', medium: 'blue', deep: 'grape' } as const;

/** The question bank (as hr keeps it) by category, searchable, each question with its depth, in the current language; picking one fills the form. */
export function QuestionBankModal({ opened, onClose, onPick }: { opened: boolean; onClose: () => void; onPick: (q: BankQuestion) => void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const bank = useQuery({ ...questionBankQuery, enabled: opened });
  const [category, setCategory] = useState<QuestionCategory | null>(null);
  const [search, setSearch] = useState('');
  const shown = questionCategories.filter((c) => !category || c === category);
  const matching = bank.data?.items.filter((q) => matchesQuery(q, search)) ?? [];

  return (
    <AppModal opened={opened} onClose={onClose} title={t('preQuestions.bankTitle')} size="lg">
      <Stack gap="md">
        <Text size="sm">{t('preQuestions.bankLead')}</Text>
        <QuestionSearch value={search} onChange={setSearch} />
        <QuestionCategorySelect value={category} onChange={setCategory} />
        {bank.isPending ? (
          <Stack gap="xs" aria-busy="true">
            <VisuallyHidden role="status">{t('status.loading')}</VisuallyHidden>
            <Skeleton height={48} />
            <Skeleton height={48} />
          </Stack>
        ) : bank.isError ? (
          <QueryError error={bank.error} onRetry={() => void bank.refetch()} />
        ) : shown.every((c) => !matching.some((q) => q.category === c)) ? (
          <Text size="sm">{t('guidance.noMatch')}</Text>
        ) : (
          shown.map((c) => {
            const items = matching.filter((q) => q.category === c);
            if (items.length === 0) return null;
            return (
              <Stack key={c} gap="xs" component="section" aria-labelledby={`bank-${c}`}>
                <Title order={3} size="h5" id={`bank-${c}`}>
                  {t(`guidance.category.${c}`)}
                </Title>
                <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
                  {items.map((q) => {
                    const text = locale === 'ja' ? q.ja : q.en;
                    return (
                      <Card key={q.id} component="li" withBorder padding="xs" radius="md">
                        <Group justify="space-between" wrap="nowrap" gap="sm" align="center">
                          <Stack gap={2} style={{ minWidth: 0 }}>
                            <Text size="sm">{text}</Text>
                            <Badge size="sm" variant="light" color={depthColour[q.depth]} style={{ textTransform: 'none' }}>
                              {t(`guidance.depth.${q.depth}`)}
                            </Badge>
                          </Stack>
                          <Button size="xs" variant="light" onClick={() => onPick(q)} aria-label={t('preQuestions.pickNamed', { text })}>
                            {t('preQuestions.pick')}
                          </Button>
                        </Group>
                      </Card>
                    );
                  })}
                </Stack>
              </Stack>
            );
          })
        )}
      </Stack>
    </AppModal>
  );
}
