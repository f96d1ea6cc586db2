import { questionBank, questionCategories, questionDepths, type ManagedQuestion, type QuestionCategory, type QuestionDepth } from '../../domain/questionBank.js';
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/client.js';
import { questionBankEntries } from '../db/schema.js';

const asCategory = (v: string): QuestionCategory => ((questionCategories as readonly string[]).includes(v) ? (v as QuestionCategory) : 'reflection');
const asDepth = (v: string): QuestionDepth => ((questionDepths as readonly string[]).includes(v) ? (v as QuestionDepth) : 'medium');

/**
 * The question bank as it stands: the shipped questions with hr's edits laid over them, then hr's
 * own questions, hidden ones included and marked. One query, whatever the bank's size.
 */
export async function loadBank(db: Tx): Promise<ManagedQuestion[]> {
  return bankOf(await db.select().from(questionBankEntries).orderBy(questionBankEntries.createdAt));
}

type BankRow = Pick<typeof questionBankEntries.$inferSelect, 'id' | 'shipped' | 'category' | 'depth' | 'ja' | 'en' | 'hidden'>;

/** SQL sub-select: the bank's rows (`BankRow`) as one JSON array in `loadBank`'s order, for a read that sends one statement (ADR 0220). */
export function bankRowsJson(db: Tx) {
  const q = questionBankEntries;
  return sql<BankRow[]>`coalesce(${db
    .select({
      rows: sql`json_agg(json_build_object('id', ${q.id}, 'shipped', ${q.shipped}, 'category', ${q.category}, 'depth', ${q.depth}, 'ja', ${q.ja}, 'en', ${q.en}, 'hidden', ${q.hidden}) order by ${q.createdAt})`,
    })
    .from(q)}, '[]'::json)`;
}

/** The bank from its rows: the shipped questions with hr's edits laid over them, then hr's own. */
export function bankOf(rows: BankRow[]): ManagedQuestion[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const shipped = questionBank.map((q): ManagedQuestion => {
    const r = byId.get(q.id);
    if (!r) return { ...q, shipped: true, edited: false, hidden: false };
    const edited = r.ja !== q.ja || r.en !== q.en || r.category !== q.category || r.depth !== q.depth;
    return { id: q.id, category: asCategory(r.category), depth: asDepth(r.depth), ja: r.ja, en: r.en, shipped: true, edited, hidden: r.hidden };
  });
  const own = rows
    .filter((r) => !r.shipped)
    .map((r): ManagedQuestion => ({ id: r.id, category: asCategory(r.category), depth: asDepth(r.depth), ja: r.ja, en: r.en, shipped: false, edited: false, hidden: r.hidden }));
  return [...shipped, ...own];
}

/** The questions people see: the bank without the hidden ones. */
export async function visibleBank(db: Tx) {
  return visibleOf(await loadBank(db));
}

/** The bank without the hidden questions, as people see it. */
export function visibleOf(bank: ManagedQuestion[]) {
  return bank.filter((q) => !q.hidden).map(({ id, category, depth, ja, en }) => ({ id, category, depth, ja, en }));
}
