import { Badge, Button, Card, EmptyState, Group, Skeleton, Stack, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { IconSearch, IconZoomQuestion } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { limits } from '../../../domain/limits.js';
import { AnchorLink } from '../../components/links.js';
import { MeetingStatusBadge } from '../../components/MeetingBadges.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryError } from '../../components/QueryError.js';
import { currentLocale } from '../../i18n/index.js';
import { formatDateTime, fullName } from '../../lib/format.js';
import { hasMinutes, searchQuery, type SearchResult } from '../../lib/followUp.js';
import { useMe } from '../../lib/session.js';
import { ListPagination } from '../../components/ListPagination.js';

const pageSize = 10;

/** The snippet with every case-insensitive occurrence of the query marked. */
export function Highlighted({ text, q }: { text: string; q: string }) {
  const needle = q.trim().toLowerCase();
  if (!needle) return <>{text}</>;
  const parts: ReactNode[] = [];
  const lower = text.toLowerCase();
  let from = 0;
  let at = lower.indexOf(needle, from);
  while (at >= 0) {
    if (at > from) parts.push(text.slice(from, at));
    parts.push(<mark key={at}>{text.slice(at, at + needle.length)}</mark>);
    from = at + needle.length;
    at = lower.indexOf(needle, from);
  }
  if (from < text.length) parts.push(text.slice(from));
  return <>{parts}</>;
}

function ResultCard({ result, q }: { result: SearchResult; q: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const m = result.meeting;
  const heading = m
    ? t('search.meetingWith', { name: fullName(result.partner), when: formatDateTime(new Date(m.startsAt), currentLocale(), me.timeZone) })
    : t('search.betweenMeetings', { name: fullName(result.partner) });
  return (
    <Card component="li" withBorder radius="md" padding="md">
      <Stack gap="xs">
        <Group gap="sm" wrap="wrap" justify="space-between">
          <Title order={2} size="h5">
            {m ? (
              hasMinutes(m.status) ? (
                <AnchorLink to="/meetings/$meetingId/minutes" params={{ meetingId: m.id }}>
                  {heading}
                </AnchorLink>
              ) : (
                <AnchorLink to="/meetings/$meetingId" params={{ meetingId: m.id }}>
                  {heading}
                </AnchorLink>
              )
            ) : (
              <AnchorLink to="/one-on-ones/$seriesId" params={{ seriesId: result.seriesId }}>
                {heading}
              </AnchorLink>
            )}
          </Title>
          {m ? <MeetingStatusBadge status={m.status} /> : null}
        </Group>
        <Stack gap={6} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {result.matches.map((match, i) => (
            <Group key={i} component="li" gap="xs" wrap="nowrap" align="flex-start">
              <Badge variant="outline" color="gray.8" style={{ textTransform: 'none', flexShrink: 0 }}>
                {t(`search.kind.${match.kind}`)}
              </Badge>
              <Text size="sm" style={{ minWidth: 0 }}>
                <Highlighted text={match.snippet} q={q} />
              </Text>
            </Group>
          ))}
        </Stack>
      </Stack>
    </Card>
  );
}

/** 検索: everything the user may see of their own 1on1s, grouped per meeting, the match marked. */
export function SearchPage({ q, page, onSearch }: { q: string; page: number; onSearch: (q: string, page: number) => void }) {
  const { t } = useTranslation();
  const [term, setTerm] = useState(q);
  useEffect(() => setTerm(q), [q]);
  const query = useQuery(searchQuery(q, page, pageSize));

  let body: ReactNode;
  if (!q.trim()) {
    body = (
      <Text size="sm" c="gray.7">
        {t('search.prompt')}
      </Text>
    );
  } else if (query.isPending) {
    body = (
      <Stack gap="xs" aria-busy="true">
        <VisuallyHidden role="status">{t('status.loading')}</VisuallyHidden>
        <Skeleton height={96} />
        <Skeleton height={96} />
      </Stack>
    );
  } else if (query.isError) {
    body = <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  } else if (query.data.items.length === 0) {
    body = (
      <Card withBorder radius="md" padding="lg">
        <EmptyState icon={<IconZoomQuestion aria-hidden />} title={t('search.noResults', { q })} description={t('search.noResultsBody')} />
      </Card>
    );
  } else {
    // No total (ADR 0226): the pages so far, and the next one when there is more.
    const pages = query.data.hasMore ? page + 1 : page;
    const from = (page - 1) * pageSize + 1;
    body = (
      <Stack gap="sm">
        <Text size="sm" c="gray.7" role="status">
          {t('search.range', { from, to: from + query.data.items.length - 1, q })}
        </Text>
        <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {query.data.items.map((r) => (
            <ResultCard key={`${r.seriesId}-${r.meeting?.id ?? 'none'}`} result={r} q={q} />
          ))}
        </Stack>
        <ListPagination total={pages} value={page} onChange={(p) => onSearch(q, p)} />
      </Stack>
    );
  }

  return (
    <Stack gap="md">
      <PageHeader title={t('search.title')} description={t('search.lead')} />
      <form
        role="search"
        aria-label={t('search.pageLandmark')}
        onSubmit={(e) => {
          e.preventDefault();
          if (term.trim()) onSearch(term.trim(), 1);
        }}
      >
        <Group gap="sm" align="flex-end" wrap="nowrap">
          <TextInput
            type="search"
            label={t('search.label')}
            value={term}
            onChange={(e) => setTerm(e.currentTarget.value)}
            maxLength={limits.searchMax}
            style={{ flex: 1, minWidth: 0 }}
          />
          <Button type="submit" leftSection={<IconSearch size={16} aria-hidden />}>
            {t('search.submit')}
          </Button>
        </Group>
      </form>
      {body}
    </Stack>
  );
}
