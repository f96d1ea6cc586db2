import { describe, expect, it } from 'vitest';
import { baselineOf, checkInSchema, topicCreateSchema, topicUpdateSchema } from './agenda.js';

describe('baselineOf', () => {
  it('is null without any check-in', () => {
    expect(baselineOf([])).toBeNull();
  });

  it('is the median: the middle score, or the mean of the two middle ones', () => {
    expect(baselineOf([4])).toBe(4);
    expect(baselineOf([5, 1, 3])).toBe(3);
    expect(baselineOf([2, 5])).toBe(3.5);
    expect(baselineOf([1, 2, 4, 5])).toBe(3);
  });

  it('counts only the last 8 scores (oldest first in the input)', () => {
    // The two oldest 1s fall out: the last 8 are 3,3,4,4,4,5,5,5 → (4+4)/2.
    expect(baselineOf([1, 1, 3, 3, 4, 4, 4, 5, 5, 5])).toBe(4);
    // With the 1s kept it would be lower.
    expect(baselineOf([1, 1, 3, 3, 4, 4, 4, 5])).toBe(3.5);
    expect(baselineOf([5, 5, 5, 5, 1, 1, 1, 1, 1, 1, 1, 1])).toBe(1);
  });

  it('does not reorder the caller’s array', () => {
    const scores = [5, 1, 3];
    baselineOf(scores);
    expect(scores).toEqual([5, 1, 3]);
  });
});

describe('agenda input', () => {
  it('a topic is shared with the pair unless drafted privately; text is trimmed; no goal unless linked', () => {
    expect(topicCreateSchema.parse({ title: '  キャリアの相談 ', category: 'career', wantedResponse: 'listen' })).toEqual({
      title: 'キャリアの相談',
      note: null,
      category: 'career',
      wantedResponse: 'listen',
      visibility: 'pair',
      goalId: null,
      statusReport: null,
    });
  });

  it.each([
    [{ title: '', category: 'career', wantedResponse: 'listen' }, 'title'],
    [{ title: 'x'.repeat(201), category: 'career', wantedResponse: 'listen' }, 'title'],
    [{ title: 'a', category: 'salary', wantedResponse: 'listen' }, 'category'],
    [{ title: 'a', category: 'career', wantedResponse: 'scold' }, 'wantedResponse'],
    [{ title: 'a', category: 'career', wantedResponse: 'listen', visibility: 'public' }, 'visibility'],
  ])('refuses %j on %s', (input, field) => {
    const r = topicCreateSchema.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.'))).toContain(field);
  });

  it('an empty topic update is refused', () => {
    expect(topicUpdateSchema.safeParse({}).success).toBe(false);
  });

  it.each([0, 6, 2.5])('a check-in score of %s is refused', (score) => {
    expect(checkInSchema.safeParse({ score }).success).toBe(false);
  });
});
