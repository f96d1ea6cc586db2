import { Button, Menu, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTemplate } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AgendaTemplate } from '../../../domain/agendaTemplates.js';
import { currentLocale } from '../../i18n/index.js';
import { agendaTemplatesQuery, applyAgendaTemplate } from '../../lib/guidance.js';
import { oneOnOneKeys } from '../../lib/oneOnOne.js';
import { useApiMutation } from '../../lib/useApiMutation.js';

/** One click adds a template's topics (category and wanted response included) as the caller's own topics. */
export function TemplateMenu({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const templates = useQuery(agendaTemplatesQuery);
  const usable = templates.data?.items.filter((x) => !x.hidden) ?? [];
  const name = (x: AgendaTemplate) => (locale === 'ja' ? x.nameJa : x.nameEn);

  const apply = useApiMutation((x: AgendaTemplate) => applyAgendaTemplate(meetingId, x.id), {
    invalidate: oneOnOneKeys,
    onSuccess: ({ topicIds }, x) => notifications.show({ color: 'teal', message: t('guidance.templates.applied', { name: name(x), count: topicIds.length }) }),
    onError: ({ message }) => notifications.show({ color: 'red', message }),
  });

  if (!usable.length) return null;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="light" leftSection={<IconTemplate size={18} aria-hidden />} loading={apply.isPending}>
          {t('guidance.templates.apply')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('guidance.templates.lead')}</Menu.Label>
        {usable.map((x) => (
          <Menu.Item key={x.id} onClick={() => apply.mutate(x)}>
            <Text size="sm" fw={600}>
              {name(x)}
            </Text>
            <Text size="xs" c="gray.8">
              {x.topics.map((topic) => (locale === 'ja' ? topic.ja : topic.en)).join(' / ')}
            </Text>
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
