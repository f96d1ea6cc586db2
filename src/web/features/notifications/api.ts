import { queryOptions } from "@tanstack/react-query";
import type {
  CalendarFeed,
  NotificationList,
  NotificationPreference,
  NotificationSettings,
  OutboxList,
} from "../../../domain/notifications.js";
import { api, client } from "../../lib/api.js";

/** One page of my notifications. */
export const notificationsQuery = (page: number, unread: boolean) =>
  queryOptions({
    queryKey: ["notifications", "list", page, unread],
    queryFn: () =>
      api<NotificationList>(client.GET('/api/notifications', { params: { query: { page, pageSize: 20, unread: unread ? "true" : undefined } } })),
  });

/** Marks one notification read. */
export function markRead(id: string) {
  return api<{ unread: number }>(client.POST('/api/notifications/{id}/read', { params: { path: { id } } }));
}

/** Marks all my notifications read. */
export function markAllRead() {
  return api<{ unread: number }>(client.POST('/api/notifications/read-all'));
}

export const settingsQuery = queryOptions({
  queryKey: ["notifications", "settings"],
  queryFn: () => api<NotificationSettings>(client.GET('/api/notification-settings')),
});

/** Saves my channel choices. */
export function saveSettings(preferences: NotificationPreference[]) {
  return api<NotificationSettings>(client.PUT('/api/notification-settings', { body: { preferences } }));
}

export const feedQuery = queryOptions({
  queryKey: ["notifications", "feed"],
  queryFn: () => api<CalendarFeed>(client.GET('/api/me/calendar-feed')),
});

/** Creates (or replaces) my calendar feed URL. */
export function createFeed() {
  return api<CalendarFeed>(client.POST('/api/me/calendar-feed'));
}

/** Revokes my calendar feed URL. */
export function revokeFeed() {
  return api<CalendarFeed>(client.DELETE('/api/me/calendar-feed'));
}

/** One page of the mail outbox (admins). */
export const outboxQuery = (page: number) =>
  queryOptions({
    queryKey: ["notifications", "outbox", page],
    queryFn: () =>
      api<OutboxList>(client.GET('/api/admin/outbox', { params: { query: { page, pageSize: 20 } } })),
  });
