import { Select, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { questionCategories, questionDepths, type QuestionCategory, type QuestionDepth } from '../../domain/questionBank.js';

/**
 * The question bank's filters, one look wherever the bank is browsed (hr's bank page, the pre-question
 * picker, the room's guidance drawer): free text, category and depth.
 */
export function QuestionSearch({ value, onChange, style }: { value: string; onChange: (value: string) => void; style?: CSSProperties }) {
  const { t } = useTranslation();
  return (
    <TextInput
      label={t('guidance.search')}
      placeholder={t('guidance.searchPlaceholder')}
      leftSection={<IconSearch size={16} aria-hidden />}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      style={style}
    />
  );
}

interface ChoiceProps<T> {
  value: T | null;
  onChange: (value: T | null) => void;
  style?: CSSProperties;
}

export function QuestionCategorySelect({ value, onChange, style }: ChoiceProps<QuestionCategory>) {
  const { t } = useTranslation();
  return (
    <Select
      label={t('guidance.categoryLabel')}
      placeholder={t('guidance.allCategories')}
      clearable
      clearButtonProps={{ 'aria-label': t('actions.clear') }}
      data={questionCategories.map((c) => ({ value: c, label: t(`guidance.category.${c}`) }))}
      value={value}
      onChange={(v) => onChange(v as QuestionCategory | null)}
      comboboxProps={{ withinPortal: true }}
      style={style}
    />
  );
}

export function QuestionDepthSelect({ value, onChange, style }: ChoiceProps<QuestionDepth>) {
  const { t } = useTranslation();
  return (
    <Select
      label={t('guidance.depthLabel')}
      placeholder={t('guidance.allDepths')}
      clearable
      clearButtonProps={{ 'aria-label': t('actions.clear') }}
      data={questionDepths.map((d) => ({ value: d, label: t(`guidance.depth.${d}`) }))}
      value={value}
      onChange={(v) => onChange(v as QuestionDepth | null)}
      comboboxProps={{ withinPortal: true }}
      style={style}
    />
  );
}
