import { Badge, Group, Text } from '@mantine/core';
import { IconAlertTriangle, IconHeartHandshake } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ActionItem } from '../../domain/followUp.js';
import { currentLocale } from '../i18n/index.js';
import { formatDate, fullName } from '../lib/format.js';

/** A calendar date (YYYY-MM-DD) as the reader writes it. */
export function formatDueDate(date: string): string {
  return formatDate(new Date(`${date}T00:00:00Z`), currentLocale(), 'UTC');
}

/** 担当・期限・期限切れ・上司のサポート of one action item; overdue is said in words, not by colour alone. */
export function ActionItemBadges({ item, showOwner = true }: { item: ActionItem; showOwner?: boolean }) {
  const { t } = useTranslation();
  return (
    <Group gap={6} wrap="wrap">
      {showOwner ? (
        <Text size="sm" c="gray.8">
          {t('actionItems.ownerIs', { name: fullName(item.owner) })}
        </Text>
      ) : null}
      <Text size="sm" c={item.overdue ? 'red.9' : 'gray.8'} fw={item.overdue ? 700 : undefined}>
        {item.dueDate ? t('actionItems.dueOn', { date: formatDueDate(item.dueDate) }) : t('actionItems.noDue')}
      </Text>
      {item.overdue ? (
        <Badge color="red.9" variant="filled" leftSection={<IconAlertTriangle size={12} aria-hidden />} style={{ textTransform: 'none' }}>
          {t('actionItems.overdue')}
        </Badge>
      ) : null}
      {item.support ? (
        <Badge color="indigo" variant="light" leftSection={<IconHeartHandshake size={12} aria-hidden />} style={{ textTransform: 'none' }}>
          {t('actionItems.support')}
        </Badge>
      ) : null}
      {item.status === 'done' ? (
        <Badge color="teal.9" variant="outline" style={{ textTransform: 'none' }}>
          {t('actionItems.done')}
        </Badge>
      ) : null}
    </Group>
  );
}
