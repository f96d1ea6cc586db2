import type { WebhookDelivery } from '../../../domain/notifications.js';

/**
 * A target URL short enough for a list row: host and the start of the path. Incoming-webhook URLs
 * of chat services end in a long token that is as good as a password, so the list never shows it whole.
 */
export function shortenUrl(url: string, max = 40): string {
  let shown: string;
  try {
    const u = new URL(url);
    shown = `${u.host}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    shown = url;
  }
  return shown.length > max ? `${shown.slice(0, max - 1)}…` : shown;
}

/** What the log says of a delivery: still waiting for its first try, being retried, delivered or given up. */
export type DeliveryState = 'waiting' | 'retrying' | 'delivered' | 'failed';

/** The state of a delivery as the admin reads it; a pending delivery with a failed attempt is being retried. */
export function deliveryState(d: Pick<WebhookDelivery, 'status' | 'attempts'>): DeliveryState {
  if (d.status === 'pending') return d.attempts.length > 0 ? 'retrying' : 'waiting';
  return d.status;
}
