import { queryOptions } from "@tanstack/react-query";
import type {
  CalendarFeed,
  NotificationList,
  NotificationPreference,
  NotificationSettings,
  OutboxList,
} from "../../../domain/notifications.js";
import { api } from "../../lib/api.js";

/** One page of my notifications. */
export const notificationsQuery = (page: number, unread: boolean) =>
  queryOptions({
    queryKey: ["notifications", "list", page, unread],
    queryFn: () =>
      api<NotificationList>("/api/notifications", {
        query: { page, pageSize: 20, unread: unread ? "true" : undefined },
      }),
  });

/** Marks one notification read. */
export function markRead(id: string) {
  return api<{ unread: number }>(`/api/notifications/${id}/read`, {
    method: "POST",
  });
}

/** Marks all my notifications read. */
export function markAllRead() {
  return api<{ unread: number }>("/api/notifications/read-all", {
    method: "POST",
  });
}

export const settingsQuery = queryOptions({
  queryKey: ["notifications", "settings"],
  queryFn: () => api<NotificationSettings>("/api/notification-settings"),
});

/** Saves my channel choices. */
export function saveSettings(preferences: NotificationPreference[]) {
  return api<NotificationSettings>("/api/notification-settings", {
    method: "PUT",
    body: { preferences },
  });
}

export const feedQuery = queryOptions({
  queryKey: ["notifications", "feed"],
  queryFn: () => api<CalendarFeed>("/api/me/calendar-feed"),
});

/** Creates (or replaces) my calendar feed URL. */
export function createFeed() {
  return api<CalendarFeed>("/api/me/calendar-feed", { method: "POST" });
}

/** Revokes my calendar feed URL. */
export function revokeFeed() {
  return api<CalendarFeed>("/api/me/calendar-feed", { method: "DELETE" });
}

/** One page of the mail outbox (admins). */
export const outboxQuery = (page: number) =>
  queryOptions({
    queryKey: ["notifications", "outbox", page],
    queryFn: () =>
      api<OutboxList>("/api/admin/outbox", { query: { page, pageSize: 20 } }),
  });
