import { Alert, Badge, Card, Drawer, Group, List, Skeleton, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { IconBulb } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Tip } from '../../../domain/coaching.js';
import { matchesQuery, type QuestionCategory, type QuestionDepth } from '../../../domain/questionBank.js';
import { QueryError } from '../../components/QueryError.js';
import { QuestionCategorySelect, QuestionDepthSelect, QuestionSearch } from '../../components/QuestionFilters.js';
import { currentLocale } from '../../i18n/index.js';
import { coachingQuery } from '../../lib/guidance.js';
import { questionBankQuery } from '../../lib/oneOnOne.js';

function TipItem({ tip }: { tip: Tip }) {
  return (
    <List.Item>
      <Text span fw={700} size="sm">
        {tip.title}
      </Text>
      {' — '}
      {tip.body}
      {tip.examples.length ? (
        <Text size="sm" c="dimmed">
          {tip.examples.join(' ')}
        </Text>
      ) : null}
    </List.Item>
  );
}

const loading = (label: string) => (
  <Stack gap="xs" aria-busy="true">
    <VisuallyHidden role="status">{label}</VisuallyHidden>
    <Skeleton height={48} />
    <Skeleton height={48} />
  </Stack>
);

/**
 * Guidance at hand during the meeting: the caller's own coaching tips (the server decides which
 * side's), the quiet-report kit when it applies, icebreakers and the searchable question bank.
 */
export function GuidanceDrawer({ meetingId, opened, onClose }: { meetingId: string; opened: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const locale = currentLocale();
  const bank = useQuery({ ...questionBankQuery, enabled: opened });
  const coaching = useQuery({ ...coachingQuery(meetingId, i18n.language), enabled: opened });
  const [category, setCategory] = useState<QuestionCategory | null>(null);
  const [depth, setDepth] = useState<QuestionDepth | null>(null);
  const [search, setSearch] = useState('');
  const icebreakers = bank.data?.items.filter((q) => q.category === 'icebreaker' && q.depth === 'light').slice(0, 6) ?? [];
  const questions =
    bank.data?.items.filter((q) => q.category !== 'icebreaker' || category === 'icebreaker').filter((q) => (!category || q.category === category) && (!depth || q.depth === depth) && matchesQuery(q, search)) ?? [];
  const kit = coaching.data?.quietKit;

  return (
    <Drawer.Root opened={opened} onClose={onClose} position="right" size="md">
      <Drawer.Overlay />
      <Drawer.Content>
        <Drawer.Header component="div">
          <Drawer.Title component="h2" fw={700} fz="lg">
            {t('room.guidance')}
          </Drawer.Title>
          <Drawer.CloseButton aria-label={t('actions.close')} />
        </Drawer.Header>
        <Drawer.Body>
          <Stack gap="lg">
            {coaching.isPending ? (
              loading(t('status.loading'))
            ) : coaching.isError ? (
              <QueryError error={coaching.error} onRetry={() => void coaching.refetch()} />
            ) : (
              <>
                {coaching.data.situational.length || kit ? (
                  <Alert color="blue" variant="light" icon={<IconBulb aria-hidden />} title={t('guidance.nowTitle')}>
                    <Stack gap="sm">
                      {[...coaching.data.situational, ...(kit ? [kit.tip] : [])].map((tip) => (
                        <Text key={tip.id} size="sm">
                          <Text span fw={700} size="sm">
                            {tip.title}
                          </Text>
                          {' — '}
                          {tip.body}
                        </Text>
                      ))}
                      {kit && kit.themes.length ? (
                        <Stack gap={4}>
                          <Text size="sm" fw={700}>
                            {t('guidance.quiet.themes')}
                          </Text>
                          <Text size="xs">{t('guidance.quiet.themesLead')}</Text>
                          <List size="sm" spacing={2}>
                            {kit.themes.map((q) => (
                              <List.Item key={q.id}>{locale === 'ja' ? q.ja : q.en}</List.Item>
                            ))}
                          </List>
                        </Stack>
                      ) : null}
                      {kit && kit.topicIdeas.length ? (
                        <Stack gap={4}>
                          <Text size="sm" fw={700}>
                            {t('guidance.quiet.topicIdeas')}
                          </Text>
                          <List size="sm" spacing={2}>
                            {kit.topicIdeas.map((idea) => (
                              <List.Item key={idea}>{idea}</List.Item>
                            ))}
                          </List>
                        </Stack>
                      ) : null}
                    </Stack>
                  </Alert>
                ) : null}
                <Stack gap="xs" component="section" aria-labelledby="guide-tips">
                  <Title order={3} size="h5" id="guide-tips">
                    {t('guidance.tipsTitle')}
                  </Title>
                  <List spacing="xs" size="sm">
                    {coaching.data.general.map((tip) => (
                      <TipItem key={tip.id} tip={tip} />
                    ))}
                  </List>
                </Stack>
              </>
            )}
            {bank.isPending ? (
              loading(t('status.loading'))
            ) : bank.isError ? (
              <QueryError error={bank.error} onRetry={() => void bank.refetch()} />
            ) : (
              <>
                <Stack gap="xs" component="section" aria-labelledby="guide-icebreakers">
                  <Title order={3} size="h5" id="guide-icebreakers">
                    {t('room.icebreakers')}
                  </Title>
                  <List spacing={4} size="sm">
                    {(kit?.icebreakers.length ? kit.icebreakers : icebreakers).map((q) => (
                      <List.Item key={q.id}>{locale === 'ja' ? q.ja : q.en}</List.Item>
                    ))}
                  </List>
                </Stack>
                <Stack gap="xs" component="section" aria-labelledby="guide-bank">
                  <Title order={3} size="h5" id="guide-bank">
                    {t('room.questionBank')}
                  </Title>
                  <QuestionSearch value={search} onChange={setSearch} />
                  <Group grow gap="xs" align="flex-start">
                    <QuestionCategorySelect value={category} onChange={setCategory} />
                    <QuestionDepthSelect value={depth} onChange={setDepth} />
                  </Group>
                  {questions.length === 0 ? (
                    <Text size="sm">{t('guidance.noMatch')}</Text>
                  ) : (
                    <Stack gap={6} component="ul" p={0} m={0} style={{ listStyle: 'none' }} data-testid="drawer-bank">
                      {questions.map((q) => (
                        <Card key={q.id} component="li" withBorder padding="xs" radius="md">
                          <Text size="sm">{locale === 'ja' ? q.ja : q.en}</Text>
                          <Badge size="sm" variant="outline" color="gray.8" style={{ textTransform: 'none' }} mt={4}>
                            {t(`guidance.depth.${q.depth}`)} · {t(`guidance.category.${q.category}`)}
                          </Badge>
                        </Card>
                      ))}
                    </Stack>
                  )}
                </Stack>
              </>
            )}
          </Stack>
        </Drawer.Body>
      </Drawer.Content>
    </Drawer.Root>
  );
}
