import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { AgendaTemplateId, agendaTemplateUpdateSchema } from '../../domain/agendaTemplates.js';
import type { Locale } from '../../domain/limits.js';
import type { Actor } from '../../domain/roles.js';
import type { Db } from '../db/client.js';
import { agendaTemplateEntries, topics } from '../db/schema.js';
import { NotFoundError } from '../errors.js';
import { loadTemplates } from '../guidance/templates.js';
import { assertMeetingAbility } from './agenda.js';

/** hr rewrites or hides a template; the first change copies the shipped version into the table. */
export async function updateTemplate(props: { db: Db; employeeId: string; id: AgendaTemplateId; input: z.output<typeof agendaTemplateUpdateSchema> }) {
  const { db, employeeId, id, input } = props;
  await db.transaction(async (tx) => {
    const current = (await loadTemplates(tx)).find((t) => t.id === id);
    if (!current) throw new NotFoundError('errors.templateNotFound');
    const next = { nameJa: current.nameJa, nameEn: current.nameEn, topics: current.topics, hidden: current.hidden, ...input };
    await tx
      .insert(agendaTemplateEntries)
      .values({ id, ...next, updatedBy: employeeId })
      .onConflictDoUpdate({ target: agendaTemplateEntries.id, set: { ...next, updatedBy: employeeId } });
  });
}

/**
 * Adds a template's topics to a meeting in one step, as the applying person's own shared topics
 * (with category and wanted response), in their language. Whoever may add topics may apply one.
 */
export async function applyTemplate(props: { db: Db; actor: Actor; meetingId: string; templateId: AgendaTemplateId; locale: Locale }): Promise<string[]> {
  const { db, actor, meetingId, templateId, locale } = props;
  return db.transaction(async (tx) => {
    await assertMeetingAbility(tx, actor, meetingId, 'addTopic');
    const template = (await loadTemplates(tx)).find((t) => t.id === templateId && !t.hidden);
    if (!template) throw new NotFoundError('errors.templateNotFound');
    const [max] = await tx.select({ n: sql<number>`coalesce(max(${topics.position}), 0)::int` }).from(topics).where(eq(topics.meetingId, meetingId));
    const now = new Date();
    const rows = await tx
      .insert(topics)
      .values(
        template.topics.map((t, i) => ({
          meetingId,
          authorId: actor.employeeId,
          title: locale === 'ja' ? t.ja : t.en,
          category: t.category,
          wantedResponse: t.wantedResponse,
          visibility: 'pair' as const,
          position: (max?.n ?? 0) + i + 1,
          sharedAt: now,
        })),
      )
      .returning({ id: topics.id });
    return rows.map((r) => r.id);
  });
}
