import { lazy } from "react";
import { createRoute } from "@tanstack/react-router";
import { appRoute } from "./app.js";

const NotificationsPage = lazy(() =>
  import("../features/notifications/NotificationsPage.js").then((m) => ({
    default: m.NotificationsPage,
  })),
);
const NotificationSettingsPage = lazy(() =>
  import("../features/notifications/NotificationSettingsPage.js").then((m) => ({
    default: m.NotificationSettingsPage,
  })),
);
const OutboxPage = lazy(() =>
  import("../features/notifications/OutboxPage.js").then((m) => ({
    default: m.OutboxPage,
  })),
);

/** /notifications — the in-app notification centre. */
export const notificationsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/notifications",
  component: NotificationsPage,
});
/** /settings/notifications — channels per kind and the calendar feed. */
export const notificationSettingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/settings/notifications",
  component: NotificationSettingsPage,
});
/** /admin/outbox — mail Taiwa wrote (admins). */
export const outboxRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/admin/outbox",
  component: OutboxPage,
});
