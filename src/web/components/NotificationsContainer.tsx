/** Mantine's toast container on its own, so it can be a chunk apart from the store (`DeferredNotifications`). */
export { Notifications } from '@mantine/notifications';
