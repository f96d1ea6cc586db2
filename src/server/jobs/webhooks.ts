import { createHmac } from 'node:crypto';
import { and, asc, count, eq, sql } from 'drizzle-orm';
import { webhookSignatureHeader, webhookTimestampHeader, type WebhookEvent } from '../../domain/notifications.js';
import type { Db, Tx } from '../db/client.js';
import { webhookAttempts, webhookDeliveries, webhooks } from '../db/schema.js';

/** Header of the generic JSON format: `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">` (named in the domain, which the admin page quotes). */
export const SIGNATURE_HEADER = webhookSignatureHeader;
export const TIMESTAMP_HEADER = webhookTimestampHeader;
/** Attempts before a delivery is given up (the first try and its retries). */
export const WEBHOOK_MAX_ATTEMPTS = 5;

/** An event as it leaves Taiwa: names, times, ids and links only — never topic or note text (SPEC §2). */
export interface WebhookEventInput {
  event: WebhookEvent;
  /** Identifies this occurrence of the event; one delivery per webhook and key. */
  key: string;
  payload: Record<string, string | number>;
}

/** Records a delivery of `e` for every active webhook that subscribed to it (idempotent per webhook and key). */
export async function emitWebhookEvent(tx: Tx, e: WebhookEventInput): Promise<string[]> {
  const targets = await tx
    .select({ id: webhooks.id })
    .from(webhooks)
    .where(and(eq(webhooks.active, true), sql`${webhooks.events} @> ${JSON.stringify([e.event])}::jsonb`));
  if (targets.length === 0) return [];
  const rows = await tx
    .insert(webhookDeliveries)
    .values(targets.map((t) => ({ webhookId: t.id, event: e.event, eventKey: e.key, payload: e.payload })))
    .onConflictDoNothing()
    .returning({ id: webhookDeliveries.id });
  return rows.map((r) => r.id);
}

/** The signature a receiver recomputes with the webhook's secret to trust a message. */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

const titles: Record<WebhookEvent, (p: Record<string, string | number>) => string> = {
  meetingScheduled: (p) => `1on1の予定 / 1on1 scheduled: ${p.manager} – ${p.report} (${p.startsAt})`,
  reminderDue: (p) => `まもなく1on1 / 1on1 starts soon: ${p.manager} – ${p.report} (${p.startsAt})`,
  minutesShared: (p) => `議事録が共有されました / Minutes shared: ${p.manager} – ${p.report}`,
  actionItemOverdue: (p) => `期限切れのアクションアイテム / Overdue action item: ${p.owner} (${p.dueDate})`,
};

/** The request body in the webhook's format: Slack and Teams incoming webhooks, or generic JSON. */
export function webhookBody(format: 'slack' | 'teams' | 'json', event: WebhookEvent, deliveryId: string, payload: Record<string, unknown>, baseUrl: string): string {
  const p = payload as Record<string, string | number>;
  const url = typeof p.link === 'string' ? `${baseUrl}${p.link}` : baseUrl;
  const text = titles[event](p);
  if (format === 'slack') return JSON.stringify({ text: `${text}\n<${url}|Taiwa>` });
  if (format === 'teams') {
    return JSON.stringify({
      '@type': 'MessageCard',
      '@context': 'https://schema.org/extensions',
      summary: text,
      text,
      potentialAction: [{ '@type': 'OpenUri', name: 'Taiwa', targets: [{ os: 'default', uri: url }] }],
    });
  }
  return JSON.stringify({ id: deliveryId, event, data: { ...p, url } });
}

/**
 * Makes one attempt at a delivery and logs it. Throws when the receiver failed so the queue retries
 * with its backoff; answers quietly when the delivery is already done or given up.
 */
export async function attemptWebhookDelivery(db: Db, deliveryId: string, baseUrl: string, now = new Date()): Promise<'delivered' | 'failed' | 'retry' | 'done'> {
  const [row] = await db
    .select({ d: webhookDeliveries, w: webhooks })
    .from(webhookDeliveries)
    .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
    .where(eq(webhookDeliveries.id, deliveryId));
  if (!row || row.d.status !== 'pending') return 'done';
  const [{ n }] = (await db.select({ n: count() }).from(webhookAttempts).where(eq(webhookAttempts.deliveryId, deliveryId))) as [{ n: number }];
  const attempt = n + 1;
  const body = webhookBody(row.w.format, row.d.event as WebhookEvent, row.d.id, row.d.payload, baseUrl);
  const timestamp = String(Math.floor(now.getTime() / 1000));
  let statusCode: number | null = null;
  let error: string | null = null;
  try {
    const res = await fetch(row.w.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Taiwa-Webhook',
        [TIMESTAMP_HEADER]: timestamp,
        [SIGNATURE_HEADER]: signWebhook(row.w.secret, timestamp, body),
        'x-taiwa-event': row.d.event,
        'x-taiwa-delivery': row.d.id,
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(10_000),
    });
    statusCode = res.status;
    await res.arrayBuffer().catch(() => undefined);
  } catch (e) {
    error = (e as Error).message.slice(0, 500);
  }
  const ok = statusCode !== null && statusCode >= 200 && statusCode < 300;
  // The unique (delivery, attempt) key keeps two workers from logging the same attempt twice.
  const logged = await db.insert(webhookAttempts).values({ deliveryId, attempt, statusCode, error }).onConflictDoNothing().returning({ id: webhookAttempts.id });
  if (logged.length === 0) return 'done';
  if (ok) {
    await db.update(webhookDeliveries).set({ status: 'delivered' }).where(eq(webhookDeliveries.id, deliveryId));
    return 'delivered';
  }
  if (attempt >= WEBHOOK_MAX_ATTEMPTS) {
    await db.update(webhookDeliveries).set({ status: 'failed' }).where(eq(webhookDeliveries.id, deliveryId));
    return 'failed';
  }
  return 'retry';
}

/** The attempts of a delivery in order (the admins' log). */
export function attemptsOf(db: Db, deliveryId: string) {
  return db.select().from(webhookAttempts).where(eq(webhookAttempts.deliveryId, deliveryId)).orderBy(asc(webhookAttempts.attempt));
}
