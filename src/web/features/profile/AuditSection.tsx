import { EmptyState, List, Stack, Text } from '@mantine/core';
import { IconEye } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { auditLimits } from '../../../domain/audit.js';
import { ListPagination } from '../../components/ListPagination.js';
import { QuerySection } from '../../components/QuerySection.js';
import { currentLocale } from '../../i18n/index.js';
import { formatDateTime, fullName } from '../../lib/format.js';
import { useMe } from '../../lib/session.js';
import { myAuditQuery } from './api.js';

/** 閲覧履歴: who opened my 1on1 records or my employee record, and when (SPEC §2, ADR 0210). Never content. */
export function AuditSection() {
  const { t } = useTranslation();
  const me = useMe();
  const [page, setPage] = useState(1);
  const query = useQuery(myAuditQuery(page));
  const data = query.data;
  const retention = data?.retentionDays ?? 0;
  return (
    <QuerySection id="profile-audit" title={t('audit.mineTitle')} query={query}>
      <Stack gap="sm">
        <Text size="sm" c="gray.7">
          {t('audit.mineDescription')}
        </Text>
        {data && data.total === 0 ? (
          <EmptyState icon={<IconEye aria-hidden />} title={t('audit.mineEmptyTitle')} description={t('audit.mineEmptyBody')} />
        ) : null}
        {data && data.items.length > 0 ? (
          <List listStyleType="none" spacing="xs" aria-label={t('audit.mineListLabel')} data-testid="my-audit">
            {data.items.map((e) => (
              <List.Item key={e.id}>
                <Text size="sm">
                  <Text span c="gray.7" size="sm" mr="xs">
                    <time dateTime={e.at}>{formatDateTime(new Date(e.at), currentLocale(), me.timeZone)}</time>
                  </Text>
                  {t('audit.mineRow', { name: fullName(e.actor), what: t(`audit.read.${e.action}`) })}
                </Text>
              </List.Item>
            ))}
          </List>
        ) : null}
        {data ? (
          <ListPagination total={Math.ceil(data.total / auditLimits.pageSize)} value={page} onChange={setPage} label={t('audit.mineListLabel')} />
        ) : null}
        {retention > 0 ? (
          <Text size="xs" c="gray.7">
            {retention % 365 === 0 ? t('audit.keptYears', { count: retention / 365 }) : t('audit.keptDays', { count: retention })}
          </Text>
        ) : null}
      </Stack>
    </QuerySection>
  );
}
