import { Badge, Card, Drawer, List, Select, Skeleton, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { topicCategories, type TopicCategory } from '../../../domain/agenda.js';
import { QueryError } from '../../components/QueryError.js';
import { currentLocale } from '../../i18n/index.js';
import { questionBankQuery } from '../../lib/oneOnOne.js';
import { generalTips } from './coaching.js';


/** Guidance at hand during the meeting: the seed's coaching tips, icebreakers and the question bank. */
export function GuidanceDrawer({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const bank = useQuery({ ...questionBankQuery, enabled: opened });
  const [category, setCategory] = useState<TopicCategory | null>(null);
  const icebreakers = bank.data?.items.filter((q) => q.depth === 'icebreaker') ?? [];
  const questions = bank.data?.items.filter((q) => q.depth !== 'icebreaker' && (!category || q.category === category)) ?? [];

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
            <Stack gap="xs" component="section" aria-labelledby="guide-tips">
              <Title order={3} size="h5" id="guide-tips">
                {t('coaching.generalTitle')}
              </Title>
              <List spacing="xs" size="sm">
                {generalTips.map((k) => (
                  <List.Item key={k}>
                    <Text span fw={700} size="sm">
                      {t(`coaching.general.${k}.title`)}
                    </Text>
                    {' — '}
                    {t(`coaching.general.${k}.body`)}
                  </List.Item>
                ))}
              </List>
            </Stack>
            {bank.isPending ? (
              <Stack gap="xs" aria-busy="true">
                <VisuallyHidden role="status">{t('status.loading')}</VisuallyHidden>
                <Skeleton height={48} />
                <Skeleton height={48} />
              </Stack>
            ) : bank.isError ? (
              <QueryError error={bank.error} onRetry={() => void bank.refetch()} />
            ) : (
              <>
                <Stack gap="xs" component="section" aria-labelledby="guide-icebreakers">
                  <Title order={3} size="h5" id="guide-icebreakers">
                    {t('room.icebreakers')}
                  </Title>
                  <List spacing={4} size="sm">
                    {icebreakers.map((q) => (
                      <List.Item key={q.id}>{locale === 'ja' ? q.ja : q.en}</List.Item>
                    ))}
                  </List>
                </Stack>
                <Stack gap="xs" component="section" aria-labelledby="guide-bank">
                  <Title order={3} size="h5" id="guide-bank">
                    {t('room.questionBank')}
                  </Title>
                  <Select
                    label={t('preQuestions.bankCategory')}
                    placeholder={t('preQuestions.bankAllCategories')}
                    clearable
                    clearButtonProps={{ 'aria-label': t('actions.clear') }}
                    data={topicCategories.map((c) => ({ value: c, label: t(`topicCategory.${c}`) }))}
                    value={category}
                    onChange={(v) => setCategory(v as TopicCategory | null)}
                    comboboxProps={{ withinPortal: true }}
                  />
                  <Stack gap={6} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
                    {questions.map((q) => (
                      <Card key={q.id} component="li" withBorder padding="xs" radius="md">
                        <Text size="sm">{locale === 'ja' ? q.ja : q.en}</Text>
                        <Badge size="sm" variant="outline" color="gray.8" style={{ textTransform: 'none' }} mt={4}>
                          {t(`questionDepth.${q.depth}`)} · {t(`topicCategory.${q.category}`)}
                        </Badge>
                      </Card>
                    ))}
                  </Stack>
                </Stack>
              </>
            )}
          </Stack>
        </Drawer.Body>
      </Drawer.Content>
    </Drawer.Root>
  );
}
