import { describe, expect, it } from 'vitest';
import { bankQuestion, bankQuestionUpdateSchema, matchesQuery, questionBank, questionCategories, questionDepths } from './questionBank.js';

describe('question bank', () => {
  it('has at least 150 questions in each language, with unique ids and unique wording', () => {
    const ja = questionBank.map((q) => q.ja.trim()).filter(Boolean);
    const en = questionBank.map((q) => q.en.trim()).filter(Boolean);
    expect(new Set(ja).size).toBeGreaterThanOrEqual(150);
    expect(new Set(en).size).toBeGreaterThanOrEqual(150);
    expect(new Set(questionBank.map((q) => q.id)).size).toBe(questionBank.length);
  });

  it('writes Japanese with full-width question marks and English in plain ASCII', () => {
    for (const q of questionBank) {
      expect(q.ja, q.id).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(q.ja, q.id).not.toMatch(/\?/);
      expect(q.en, q.id).toMatch(/^[\x20-\x7e]+$/);
    }
  });

  it('does not use the stock 「…ありますか？どんなことでしょう。」 ending', () => {
    for (const q of questionBank) expect(q.ja, q.id).not.toMatch(/どんなことでしょう/);
  });

  it('covers every category at every depth', () => {
    for (const c of questionCategories) {
      for (const d of questionDepths) expect(questionBank.filter((q) => q.category === c && q.depth === d).length, `${c}/${d}`).toBeGreaterThanOrEqual(2);
    }
  });

  it("includes the seed's example questions", () => {
    const ja = questionBank.map((q) => q.ja);
    for (const s of ['最近困っていることは？', '今後のキャリアで考えていることは？', 'なぜそう思うの？', '具体的にどんな状況？']) expect(ja).toContain(s);
  });

  it('looks questions up by id', () => {
    expect(bankQuestion('work-1')?.ja).toBe('最近困っていることは？');
    expect(bankQuestion('nope')).toBeUndefined();
  });

  it('searches both languages, every word, ignoring case', () => {
    const hits = questionBank.filter((q) => matchesQuery(q, 'キャリア'));
    expect(hits.length).toBeGreaterThan(3);
    expect(hits.every((q) => q.ja.includes('キャリア') || q.en.toLowerCase().includes('キャリア'))).toBe(true);
    expect(questionBank.filter((q) => matchesQuery(q, 'CAREER future')).map((q) => q.id)).toEqual(['career-1']);
  });

  it('rejects an empty update', () => {
    expect(bankQuestionUpdateSchema.safeParse({}).success).toBe(false);
    expect(bankQuestionUpdateSchema.safeParse({ hidden: true }).success).toBe(true);
  });
});
