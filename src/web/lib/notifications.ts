import { queryOptions } from '@tanstack/react-query';
import { api, client } from './api.js';

/** The unread count of the header badge, refreshed every minute while the app is open. */
export const unreadCountQuery = queryOptions({
  queryKey: ['notifications', 'unread'],
  queryFn: () => api<{ unread: number }>(client.GET('/api/notifications/unread-count')),
  refetchInterval: 60_000,
});
