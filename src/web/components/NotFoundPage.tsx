import { EmptyState } from '@mantine/core';
import { IconMapSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ButtonLink } from './links.js';
import { PublicLayout } from './PublicLayout.js';
import { useDocumentTitle } from '@mantine/hooks';

/** Shown for any address the app does not know. */
export function NotFoundPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('app.documentTitle', { page: t('notFound.title') }));
  return (
    <PublicLayout>
      <EmptyState icon={<IconMapSearch aria-hidden />}>
        <EmptyState.Title order={1}>{t('notFound.title')}</EmptyState.Title>
        <EmptyState.Description>{t('notFound.description')}</EmptyState.Description>
        <EmptyState.Actions>
          <ButtonLink to="/">{t('notFound.home')}</ButtonLink>
        </EmptyState.Actions>
      </EmptyState>
    </PublicLayout>
  );
}
