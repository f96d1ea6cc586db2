import { ActionIcon, Badge, Card, Group, List, Skeleton, Stack, Text, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconEye, IconEyeOff } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AgendaTemplate } from '../../../domain/agendaTemplates.js';
import { QueryError } from '../../components/QueryError.js';
import { currentLocale } from '../../i18n/index.js';
import { agendaTemplatesQuery, updateAgendaTemplate } from '../../lib/guidance.js';
import { useApiMutation } from '../../lib/useApiMutation.js';

/** hr's view of the agenda templates: what each adds, and hiding or showing it. */
export function TemplatesSection() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const query = useQuery(agendaTemplatesQuery);
  const name = (x: AgendaTemplate) => (locale === 'ja' ? x.nameJa : x.nameEn);

  const toggle = useApiMutation((x: AgendaTemplate) => updateAgendaTemplate(x.id, { hidden: !x.hidden }), {
    invalidate: [['agendaTemplates']],
    onSuccess: (_template, x) => notifications.show({ color: 'teal', message: x.hidden ? t('guidance.templates.shownDone') : t('guidance.templates.hiddenDone') }),
    onError: ({ message }) => notifications.show({ color: 'red', message }),
  });
  const busy = toggle.variables?.id ?? null;

  return (
    <Stack gap="sm" component="section" aria-labelledby="templates-title" mt="lg">
      <Title order={2} size="h3" id="templates-title">
        {t('guidance.templates.title')}
      </Title>
      <Text size="sm" c="gray.8">
        {t('guidance.templates.description')}
      </Text>
      {query.isPending ? (
        <Skeleton height={80} />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {query.data.items.map((x) => (
            <Card key={x.id} component="li" withBorder padding="sm" radius="md" opacity={x.hidden ? 0.75 : 1}>
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Stack gap={4} style={{ minWidth: 0 }}>
                  <Group gap={6}>
                    <Text fw={700} size="sm">
                      {name(x)}
                    </Text>
                    {x.hidden ? (
                      <Badge size="sm" color="gray.7" variant="filled" style={{ textTransform: 'none' }}>
                        {t('guidance.templates.hidden')}
                      </Badge>
                    ) : null}
                    {x.edited ? (
                      <Badge size="sm" color="blue.9" variant="light" style={{ textTransform: 'none' }}>
                        {t('guidance.templates.edited')}
                      </Badge>
                    ) : null}
                  </Group>
                  <List size="sm" spacing={2}>
                    {x.topics.map((topic) => (
                      <List.Item key={topic.ja}>
                        {locale === 'ja' ? topic.ja : topic.en}
                        <Text span size="xs" c="gray.8">
                          {' '}
                          ({t(`topicCategory.${topic.category}`)} · {t(`wantedResponse.${topic.wantedResponse}`)})
                        </Text>
                      </List.Item>
                    ))}
                  </List>
                </Stack>
                {query.data.abilities.manage ? (
                  <Tooltip label={x.hidden ? t('guidance.bank.show') : t('guidance.bank.hide')}>
                    <ActionIcon
                      variant="subtle"
                      color="gray.8"
                      loading={busy === x.id}
                      aria-label={x.hidden ? t('guidance.templates.showNamed', { name: name(x) }) : t('guidance.templates.hideNamed', { name: name(x) })}
                      onClick={() => toggle.mutate(x)}
                    >
                      {x.hidden ? <IconEye size={18} aria-hidden /> : <IconEyeOff size={18} aria-hidden />}
                    </ActionIcon>
                  </Tooltip>
                ) : null}
              </Group>
            </Card>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
