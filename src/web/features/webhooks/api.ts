import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { Webhook, WebhookDeliveryList, WebhookInput, WebhookList } from '../../../domain/notifications.js';
import { api, client } from '../../lib/api.js';

/** Every query of this page starts with this key, so one invalidation refreshes them all. */
export const webhooksKey = ['webhooks'] as const;

/** The organisation's webhooks (admins). */
export const webhooksQuery = queryOptions({
  queryKey: [...webhooksKey, 'list'],
  queryFn: () => api<WebhookList>(client.GET('/api/admin/webhooks')),
});

/** One page of a webhook's deliveries, newest first; asked again every few seconds while one is still on its way. */
export const deliveriesQuery = (id: string, page: number) =>
  queryOptions({
    queryKey: [...webhooksKey, 'deliveries', id, page],
    queryFn: () => api<WebhookDeliveryList>(client.GET('/api/admin/webhooks/{id}/deliveries', { params: { path: { id }, query: { page, pageSize: 20 } } })),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.items.some((d) => d.status === 'pending') ? 5000 : false),
  });

/** Adds a webhook; the answer carries its signing secret, the only time it is shown. */
export function createWebhook(input: WebhookInput) {
  return api<Webhook>(client.POST('/api/admin/webhooks', { body: input }));
}

/** Switches a webhook off (no new deliveries) or on again. */
export function setWebhookActive(id: string, active: boolean) {
  return api<Webhook>(client.PATCH('/api/admin/webhooks/{id}', { params: { path: { id } }, body: { active } }));
}

/** Removes a webhook and its delivery log. */
export function removeWebhook(id: string) {
  return api<{ ok: true }>(client.DELETE('/api/admin/webhooks/{id}', { params: { path: { id } } }));
}
