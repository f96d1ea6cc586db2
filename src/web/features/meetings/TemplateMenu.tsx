import { Button, Menu, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTemplate } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgendaTemplate } from '../../../domain/agendaTemplates.js';
import { useRefreshOneOnOnes } from '../../components/MeetingChangeActions.js';
import { currentLocale } from '../../i18n/index.js';
import { ApiError } from '../../lib/api.js';
import { agendaTemplatesQuery, applyAgendaTemplate } from '../../lib/guidance.js';

/** One click adds a template's topics (category and wanted response included) as the caller's own topics. */
export function TemplateMenu({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const refresh = useRefreshOneOnOnes();
  const templates = useQuery(agendaTemplatesQuery);
  const [busy, setBusy] = useState(false);
  const usable = templates.data?.items.filter((x) => !x.hidden) ?? [];
  const name = (x: AgendaTemplate) => (locale === 'ja' ? x.nameJa : x.nameEn);

  const apply = async (x: AgendaTemplate) => {
    setBusy(true);
    try {
      const { topicIds } = await applyAgendaTemplate(meetingId, x.id);
      await refresh();
      notifications.show({ color: 'teal', message: t('guidance.templates.applied', { name: name(x), count: topicIds.length }) });
    } catch (e) {
      notifications.show({ color: 'red', message: e instanceof ApiError ? e.message : t('errors.unexpectedShort') });
    } finally {
      setBusy(false);
    }
  };

  if (!usable.length) return null;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="light" leftSection={<IconTemplate size={18} aria-hidden />} loading={busy}>
          {t('guidance.templates.apply')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('guidance.templates.lead')}</Menu.Label>
        {usable.map((x) => (
          <Menu.Item key={x.id} onClick={() => void apply(x)}>
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
