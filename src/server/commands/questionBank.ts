import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { bankQuestion, type bankQuestionCreateSchema, type bankQuestionUpdateSchema } from '../../domain/questionBank.js';
import type { Db } from '../db/client.js';
import { questionBankEntries } from '../db/schema.js';
import { NotFoundError } from '../errors.js';

/** hr adds a question of its own to the bank; it shows at once wherever the bank is used. */
export async function addBankQuestion(props: { db: Db; employeeId: string; input: z.output<typeof bankQuestionCreateSchema> }): Promise<string> {
  const id = `hr-${randomUUID()}`;
  await props.db.insert(questionBankEntries).values({ id, shipped: false, ...props.input, updatedBy: props.employeeId });
  return id;
}

/**
 * hr rewords, recategorises, hides or shows a question. A shipped question gets its own row the
 * first time it is changed, so the shipped text stays in code and hr's version wins over it.
 */
export async function updateBankQuestion(props: { db: Db; employeeId: string; id: string; input: z.output<typeof bankQuestionUpdateSchema> }): Promise<void> {
  const { db, employeeId, id, input } = props;
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(questionBankEntries).where(eq(questionBankEntries.id, id)).for('update');
    if (row) {
      await tx.update(questionBankEntries).set({ ...input, updatedBy: employeeId }).where(eq(questionBankEntries.id, id));
      return;
    }
    const shipped = bankQuestion(id);
    if (!shipped) throw new NotFoundError('errors.questionNotFound');
    await tx
      .insert(questionBankEntries)
      .values({ id, shipped: true, category: shipped.category, depth: shipped.depth, ja: shipped.ja, en: shipped.en, hidden: false, ...input, updatedBy: employeeId })
      .onConflictDoUpdate({ target: questionBankEntries.id, set: { ...input, updatedBy: employeeId } });
  });
}
