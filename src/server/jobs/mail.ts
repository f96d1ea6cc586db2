import nodemailer, { type Transporter } from 'nodemailer';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { mailMessages } from '../db/schema.js';

/** Attempts before a mail is marked failed. */
export const MAIL_MAX_ATTEMPTS = 5;

/** An SMTP transport from `SMTP_URL` (e.g. `smtp://user:pass@mail.example.com:587`), or null without one. */
export function createMailTransport(smtpUrl: string | null): Transporter | null {
  return smtpUrl ? nodemailer.createTransport(smtpUrl) : null;
}

/**
 * Sends the pending mails. Rows are claimed with `FOR UPDATE SKIP LOCKED` inside a transaction
 * held during the send, so two processes never send the same mail. Without SMTP the mails move to
 * the outbox admins read in the app.
 */
export async function deliverPendingMail(db: Db, transport: Transporter | null, from: string, batch = 20): Promise<{ sent: number; outbox: number; failed: number }> {
  const result = { sent: 0, outbox: 0, failed: 0 };
  for (;;) {
    const claimed = await db.transaction(async (tx) => {
      const rows = await tx.select().from(mailMessages).where(eq(mailMessages.status, 'pending')).orderBy(asc(mailMessages.createdAt)).limit(batch).for('update', { skipLocked: true });
      if (rows.length === 0) return 0;
      if (!transport) {
        await tx.update(mailMessages).set({ status: 'outbox' }).where(inArray(mailMessages.id, rows.map((r) => r.id)));
        result.outbox += rows.length;
        return rows.length;
      }
      for (const m of rows) {
        try {
          await transport.sendMail({
            from,
            to: m.toAddress,
            subject: m.subject,
            text: m.text,
            html: m.html,
            ...(m.icalendar ? { icalEvent: { method: m.icalMethod ?? 'REQUEST', content: m.icalendar } } : {}),
          });
          await tx.update(mailMessages).set({ status: 'sent', sentAt: new Date(), attempts: m.attempts + 1 }).where(eq(mailMessages.id, m.id));
          result.sent++;
        } catch (e) {
          const attempts = m.attempts + 1;
          await tx
            .update(mailMessages)
            .set({ attempts, lastError: (e as Error).message.slice(0, 500), status: attempts >= MAIL_MAX_ATTEMPTS ? 'failed' : 'pending' })
            .where(and(eq(mailMessages.id, m.id)));
          result.failed++;
        }
      }
      return rows.length;
    });
    // A failing SMTP server leaves rows pending for the next run instead of looping now.
    if (claimed < batch || result.failed > 0) return result;
  }
}
