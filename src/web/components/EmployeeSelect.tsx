import { Select, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { EmployeeList, PersonRef } from '../../domain/employees.js';
import { api, client } from '../lib/api.js';
import { fullName } from '../lib/format.js';

interface EmployeeSelectProps {
  label: string;
  value: string | null;
  onChange: (value: string | null) => void;
  description?: string;
  error?: ReactNode;
  required?: boolean;
  /** The person already chosen, so their name shows before any search. */
  initial?: PersonRef | null;
  /** Someone who may not be chosen (e.g. the employee being edited, who cannot be their own manager). */
  excludeId?: string;
  disabled?: boolean;
}

interface Option {
  value: string;
  label: string;
  detail: string;
}

/** A searchable choice among active employees, searched on the server as you type (same cache as the directory). */
export function EmployeeSelect({ label, value, onChange, description, error, required, initial, excludeId, disabled }: EmployeeSelectProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<Option | null>(initial ? { value: initial.id, label: fullName(initial), detail: initial.title ?? '' } : null);
  const term = picked && search === picked.label ? '' : search.trim();
  const [debounced] = useDebouncedValue(term, 250);
  const params = { q: debounced || undefined, status: 'active' as const, pageSize: 20 };
  const { data, isFetching, isError } = useQuery({
    queryKey: ['employees', 'list', params],
    queryFn: ({ signal }) => api<EmployeeList>(client.GET('/api/employees', { params: { query: params }, signal })),
    placeholderData: keepPreviousData,
  });
  const options = useMemo(() => {
    const list: Option[] = (data?.items ?? []).filter((e) => e.id !== excludeId).map((e) => ({
      value: e.id,
      label: fullName(e),
      detail: [e.title, e.department?.name, e.manager ? t('employees.managerIs', { name: fullName(e.manager) }) : null].filter(Boolean).join(' · '),
    }));
    if (picked && picked.value === value && !list.some((o) => o.value === picked.value)) list.unshift(picked);
    return list;
  }, [data, picked, value, excludeId, t]);

  return (
    <Select
      label={label}
      description={description}
      placeholder={t('employees.managerPlaceholder')}
      searchable
      clearable
      required={required}
      disabled={disabled}
      value={value}
      searchValue={search}
      onSearchChange={setSearch}
      onChange={(next) => {
        setPicked(options.find((o) => o.value === next) ?? null);
        onChange(next);
      }}
      data={options.map(({ value: v, label: l }) => ({ value: v, label: l }))}
      filter={({ options: all }) => all}
      renderOption={({ option }) => {
        const detail = options.find((o) => o.value === option.value)?.detail;
        return (
          <Stack gap={0}>
            <Text size="sm">{option.label}</Text>
            {detail ? (
              <Text size="xs" c="gray.7">
                {detail}
              </Text>
            ) : null}
          </Stack>
        );
      }}
      nothingFoundMessage={isFetching ? t('status.loading') : isError ? t('errors.loadFailed') : t('employees.noMatches')}
      error={error}
      clearButtonProps={{ 'aria-label': t('actions.clear') }}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
