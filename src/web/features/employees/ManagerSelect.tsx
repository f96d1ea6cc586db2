import { Select, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonRef } from '../../../domain/employees.js';
import { fullName } from '../../lib/format.js';
import { employeeListQuery } from './api.js';

interface ManagerSelectProps {
  value: string | null;
  onChange: (value: string | null) => void;
  /** The manager currently set, so their name shows before any search. */
  current?: PersonRef | null;
  /** The employee being edited, who cannot be their own manager. */
  excludeId?: string;
  label: string;
  description?: string;
  error?: React.ReactNode;
  disabled?: boolean;
}

interface Option {
  value: string;
  label: string;
  detail: string;
}

/** Searchable choice of a manager among active employees, searched on the server as you type. */
export function ManagerSelect({ value, onChange, current, excludeId, label, description, error, disabled }: ManagerSelectProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<Option | null>(null);
  const selectedLabel = picked?.value === value ? picked.label : current && current.id === value ? fullName(current) : '';
  const term = search === selectedLabel ? '' : search.trim();
  const [debounced] = useDebouncedValue(term, 250);
  const { data, isFetching, isError } = useQuery(employeeListQuery({ q: debounced || undefined, status: 'active', pageSize: 20 }));

  const options = useMemo(() => {
    const list: Option[] = (data?.items ?? [])
      .filter((e) => e.id !== excludeId)
      .map((e) => ({
        value: e.id,
        label: fullName(e),
        detail: [e.title, e.department?.name].filter(Boolean).join(' · '),
      }));
    const selected = picked?.value === value ? picked : current && current.id === value ? { value: current.id, label: fullName(current), detail: current.title ?? '' } : null;
    if (selected && !list.some((o) => o.value === selected.value)) list.unshift(selected);
    return list;
  }, [data, excludeId, picked, current, value]);

  return (
    <Select
      label={label}
      description={description}
      placeholder={t('employees.managerPlaceholder')}
      searchable
      clearable
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
