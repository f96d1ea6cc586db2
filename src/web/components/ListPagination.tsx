import { Group, Pagination } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * Page navigation under a list, with translated labels on every control; renders nothing for a
 * single page. `label` names the list for screen readers.
 */
export function ListPagination({ total, value, onChange, label }: { total: number; value: number; onChange: (page: number) => void; label?: string }) {
  const { t } = useTranslation();
  if (total <= 1) return null;
  return (
    <Group justify="center" component="nav" aria-label={label ?? t('pagination.label')}>
      <Pagination
        total={total}
        value={value}
        onChange={onChange}
        siblings={1}
        boundaries={1}
        getControlProps={(control) => ({ 'aria-label': t(`pagination.${control}`) })}
        getItemProps={(p) => ({ 'aria-label': t('pagination.page', { page: p }) })}
      />
    </Group>
  );
}
