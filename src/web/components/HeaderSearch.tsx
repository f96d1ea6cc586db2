import { ActionIcon, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useLocation, useNavigate } from '@tanstack/react-router';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { limits } from '../../domain/limits.js';

/** The search box of the app frame: searches the user's own 1on1s on the search page. */
export function HeaderSearch({ width }: { width?: number | string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const id = useId();
  const current = location.pathname === '/search' ? String((location.search as { q?: unknown }).q ?? '') : '';
  const [q, setQ] = useState(current);
  useEffect(() => setQ(current), [current]);
  return (
    <form
      role="search"
      aria-label={t('search.landmark')}
      style={{ width }}
      onSubmit={(e) => {
        e.preventDefault();
        const term = q.trim();
        if (!term) return;
        void navigate({ to: '/search', search: { q: term } });
      }}
    >
      <TextInput
        id={id}
        type="search"
        aria-label={t('search.label')}
        placeholder={t('search.placeholder')}
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        maxLength={limits.searchMax}
        rightSection={
          <ActionIcon type="submit" variant="subtle" aria-label={t('search.submit')}>
            <IconSearch size={16} aria-hidden />
          </ActionIcon>
        }
      />
    </form>
  );
}
