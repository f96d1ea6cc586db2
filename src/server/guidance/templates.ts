import { shippedTemplates, templateTopicSchema, type AgendaTemplate } from '../../domain/agendaTemplates.js';
import type { Tx } from '../db/client.js';
import { agendaTemplateEntries } from '../db/schema.js';

/** The agenda templates as they stand: shipped ones with hr's versions laid over them. */
export async function loadTemplates(db: Tx): Promise<AgendaTemplate[]> {
  const rows = await db.select().from(agendaTemplateEntries);
  return shippedTemplates.map((t) => {
    const r = rows.find((x) => x.id === t.id);
    if (!r) return { ...t, hidden: false, edited: false };
    const parsed = templateTopicSchema.array().safeParse(r.topics);
    const topics = parsed.success ? parsed.data : t.topics;
    const edited = r.nameJa !== t.nameJa || r.nameEn !== t.nameEn || JSON.stringify(topics) !== JSON.stringify(t.topics);
    return { id: t.id, nameJa: r.nameJa, nameEn: r.nameEn, topics, hidden: r.hidden, edited };
  });
}
