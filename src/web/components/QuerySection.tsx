import { Paper, Title } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { QueryError } from './QueryError.js';

/** A titled section of a page whose content comes from one query: its error (with retry) shows in place. */
export function QuerySection({ id, title, query, children }: { id: string; title: string; query: UseQueryResult<unknown>; children: ReactNode }) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id} mb="xs">
        {title}
      </Title>
      {query.isError ? <QueryError error={query.error} onRetry={() => void query.refetch()} /> : null}
      {children}
    </Paper>
  );
}
