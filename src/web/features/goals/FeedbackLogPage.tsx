import { Badge, Box, Button, Card, EmptyState, Group, Radio, Select, Skeleton, Stack, Tabs, Text, Textarea, VisuallyHidden } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconMessageHeart, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { feedbackCreateSchema, feedbackTextMax } from '../../../domain/followUp.js';
import { AppModal } from '../../components/AppModal.js';
import { FormError } from '../../components/FormError.js';
import { AnchorLink } from '../../components/links.js';
import { ListPagination } from '../../components/ListPagination.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryError } from '../../components/QueryError.js';
import { api, client } from '../../lib/api.js';
import { formatDate, fullName } from '../../lib/format.js';
import { asRequest, schemaValidate } from '../../lib/formSchema.js';
import { feedbackLogQuery } from '../../lib/goals.js';
import type { FeedbackRecord } from '../../lib/followUp.js';
import { seriesListQuery } from '../../lib/oneOnOne.js';
import { useMe } from '../../lib/session.js';
import { useApiMutation } from '../../lib/useApiMutation.js';
import { currentLocale } from '../../i18n/index.js';

type Direction = 'received' | 'given';
const pageSize = 10;
const parts = ['situation', 'behaviour', 'impact'] as const;

function FeedbackCard({ record, direction }: { record: FeedbackRecord; direction: Direction }) {
  const { t } = useTranslation();
  const me = useMe();
  const other = direction === 'received' ? record.giver : record.receiver;
  return (
    <Card withBorder radius="md" padding="md" component="li">
      <Stack gap="xs">
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Group gap={6}>
            <Badge variant="light" color={record.kind === 'positive' ? 'teal' : 'orange'}>
              {t(`feedback.kind.${record.kind}`)}
            </Badge>
            <Text size="sm" fw={600}>
              {direction === 'received' ? t('feedbackLog.from', { name: fullName(other) }) : t('feedbackLog.to', { name: fullName(other) })}
            </Text>
          </Group>
          <Text size="xs" c="gray.7">
            {formatDate(new Date(record.createdAt), currentLocale(), me.timeZone)} ·{' '}
            {record.meetingId ? (
              <AnchorLink to="/meetings/$meetingId" params={{ meetingId: record.meetingId }} size="xs" underline="always">
                {t('feedbackLog.inMeeting')}
              </AnchorLink>
            ) : (
              t('feedbackLog.between')
            )}
          </Text>
        </Group>
        <Box component="dl" m={0} style={{ display: 'grid', gridTemplateColumns: 'max-content minmax(0, 1fr)', columnGap: 'var(--mantine-spacing-sm)', rowGap: 4 }}>
          {parts.map((p) => (
            <Fragment key={p}>
              <Text component="dt" size="sm" c="gray.7">
                {t(`feedback.${p}`)}
              </Text>
              <Text component="dd" size="sm" m={0} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {record[p]}
              </Text>
            </Fragment>
          ))}
        </Box>
      </Stack>
    </Card>
  );
}

interface GiveValues {
  seriesId: string | null;
  kind: 'positive' | 'constructive';
  situation: string;
  behaviour: string;
  impact: string;
}

/** Feedback to a 1on1 partner between meetings (SBI: situation, behaviour, impact). */
function GiveFeedbackForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const series = useQuery(seriesListQuery);
  const partners = (series.data?.items ?? [])
    .filter((s) => s.status === 'active' && s.myRole !== null)
    .map((s) => ({ seriesId: s.id, partner: s.myRole === 'manager' ? s.report : s.manager }));
  const toRequest = (v: GiveValues) => ({
    kind: v.kind,
    receiverId: partners.find((p) => p.seriesId === v.seriesId)?.partner.id ?? '',
    situation: v.situation,
    behaviour: v.behaviour,
    impact: v.impact,
  });
  const form = useForm<GiveValues>({
    initialValues: { seriesId: null, kind: 'positive', situation: '', behaviour: '', impact: '' },
    validate: schemaValidate(feedbackCreateSchema, toRequest, { fields: { receiverId: 'seriesId' } }),
  });
  const give = useApiMutation(
    (v: { seriesId: string; body: ReturnType<typeof toRequest> }) => api(client.POST('/api/series/{id}/feedback', { params: { path: { id: v.seriesId } }, body: v.body })),
    { invalidate: [['feedbackLog']], onSuccess: onDone, onError: ({ fields }) => form.setErrors({ ...fields, ...(fields.receiverId ? { seriesId: fields.receiverId } : {}) }) },
  );
  if (series.isError) return <QueryError error={series.error} onRetry={() => void series.refetch()} />;
  if (!series.isPending && partners.length === 0) return <Text size="sm">{t('feedbackLog.noPartners')}</Text>;
  return (
    <form onSubmit={form.onSubmit((v) => give.mutate({ seriesId: v.seriesId!, body: asRequest(feedbackCreateSchema, toRequest(v)) as ReturnType<typeof toRequest> }))} noValidate>
      <Stack gap="md">
        <FormError message={give.formError} onClose={give.clearErrors} />
        <Select
          label={t('feedbackLog.partner')}
          required
          data={partners.map((p) => ({ value: p.seriesId, label: fullName(p.partner) }))}
          disabled={series.isPending}
          {...form.getInputProps('seriesId')}
        />
        <Radio.Group label={t('feedback.kindLabel')} value={form.values.kind} onChange={(v) => form.setFieldValue('kind', v as GiveValues['kind'])}>
          <Group gap="md" mt={4}>
            <Radio value="positive" label={t('feedback.kind.positive')} />
            <Radio value="constructive" label={t('feedback.kind.constructive')} />
          </Group>
        </Radio.Group>
        {parts.map((p) => (
          <Textarea key={p} label={t(`feedback.${p}`)} description={t(`feedback.${p}Hint`)} required autosize minRows={2} maxLength={feedbackTextMax} {...form.getInputProps(p)} />
        ))}
        <Text size="xs" c="gray.7">
          {t('feedbackLog.visibleTo', { name: me.familyName })}
        </Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {t('actions.cancel')}
          </Button>
          <Button type="submit" loading={give.isPending}>
            {t('feedback.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function LogList({ direction, personId, page, onPage }: { direction: Direction; personId?: string; page: number; onPage: (p: number) => void }) {
  const { t } = useTranslation();
  const query = useQuery(feedbackLogQuery(direction, page, pageSize, personId));
  if (query.isPending) {
    return (
      <Stack gap="xs" aria-busy="true">
        <VisuallyHidden role="status">{t('status.loading')}</VisuallyHidden>
        <Skeleton height={120} />
      </Stack>
    );
  }
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const { items, total } = query.data;
  if (items.length === 0) {
    return (
      <Card withBorder radius="md" padding="lg">
        <EmptyState icon={<IconMessageHeart aria-hidden />} title={t(`feedbackLog.empty.${direction}`)} description={t(`feedbackLog.emptyBody.${direction}`)} />
      </Card>
    );
  }
  return (
    <Stack gap="sm">
      <Text size="sm" c="gray.7">
        {t('feedbackLog.total', { count: total })}
      </Text>
      <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {items.map((r) => (
          <FeedbackCard key={r.id} record={r} direction={direction} />
        ))}
      </Stack>
      <ListPagination total={Math.max(1, Math.ceil(total / pageSize))} value={page} onChange={onPage} />
    </Stack>
  );
}

interface FeedbackLogPageProps {
  direction: Direction;
  personId?: string;
  page: number;
  onChange: (next: { direction?: Direction; person?: string; page?: number }) => void;
}

/** フィードバック: the feedback I received and gave, in 1on1s and between them; visible to the pair only. */
export function FeedbackLogPage({ direction, personId, page, onChange }: FeedbackLogPageProps) {
  const { t } = useTranslation();
  const [giving, setGiving] = useState(false);
  const people = useQuery(feedbackLogQuery('received', 1, 1));
  return (
    <Stack gap="md">
      <PageHeader
        title={t('feedbackLog.title')}
        description={t('feedbackLog.lead')}
        actions={
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setGiving(true)}>
            {t('feedbackLog.give')}
          </Button>
        }
      />
      <Select
        label={t('feedbackLog.person')}
        placeholder={t('feedbackLog.everyone')}
        clearable
        data={(people.data?.people ?? []).map((p) => ({ value: p.id, label: fullName(p) }))}
        value={personId ?? null}
        onChange={(v) => onChange({ person: v ?? '', page: 1 })}
        maw={320}
      />
      <Tabs value={direction} onChange={(v) => onChange({ direction: (v as Direction) ?? 'received', page: 1 })} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="received">{t('feedbackLog.tab.received')}</Tabs.Tab>
          <Tabs.Tab value="given">{t('feedbackLog.tab.given')}</Tabs.Tab>
        </Tabs.List>
        {(['received', 'given'] as const).map((d) => (
          <Tabs.Panel key={d} value={d} pt="md">
            {direction === d ? <LogList direction={d} personId={personId} page={page} onPage={(p) => onChange({ page: p })} /> : null}
          </Tabs.Panel>
        ))}
      </Tabs>
      <AppModal opened={giving} onClose={() => setGiving(false)} title={t('feedbackLog.give')} size="lg">
        {giving ? <GiveFeedbackForm onDone={() => setGiving(false)} /> : null}
      </AppModal>
    </Stack>
  );
}
