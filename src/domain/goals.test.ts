import { describe, expect, it } from 'vitest';
import { goalCreateSchema, goalProgress, goalProgressInputSchema, keyResultProgress } from './goals.js';

describe('goal progress', () => {
  it('a key result counts from its start towards its target, either direction, clamped to 0–100', () => {
    expect(keyResultProgress({ startValue: 0, target: 40, current: 20 })).toBe(50);
    expect(keyResultProgress({ startValue: 60, target: 20, current: 40 })).toBe(50);
    expect(keyResultProgress({ startValue: 60, target: 20, current: 70 })).toBe(0);
    expect(keyResultProgress({ startValue: 0, target: 10, current: 15 })).toBe(100);
    expect(keyResultProgress({ startValue: 5, target: 5, current: 5 })).toBe(100);
    expect(keyResultProgress({ startValue: 5, target: 5, current: 4 })).toBe(0);
  });

  it("a goal is its key results' mean, or its own figure without any", () => {
    expect(goalProgress(90, [{ startValue: 0, target: 10, current: 10 }, { startValue: 0, target: 10, current: 0 }])).toBe(50);
    expect(goalProgress(35, [])).toBe(35);
    expect(goalProgress(140, [])).toBe(100);
  });
});

describe('goal input', () => {
  it('an OKR needs a kind and a title; key results default to none and start at 0', () => {
    expect(goalCreateSchema.parse({ kind: 'okr', title: ' 目標 ', keyResults: [{ title: 'NPS', target: 40 }] })).toEqual({
      kind: 'okr',
      title: '目標',
      description: null,
      weight: null,
      dueDate: null,
      keyResults: [{ title: 'NPS', startValue: 0, target: 40, unit: null }],
    });
    expect(goalCreateSchema.safeParse({ kind: 'kpi', title: 'x' }).success).toBe(false);
    expect(goalCreateSchema.safeParse({ kind: 'mbo', title: 'x', weight: 101 }).success).toBe(false);
  });

  it('a progress update needs a value or a comment', () => {
    expect(goalProgressInputSchema.safeParse({}).success).toBe(false);
    expect(goalProgressInputSchema.safeParse({ comment: '  ' }).success).toBe(false);
    expect(goalProgressInputSchema.parse({ value: 0 })).toEqual({ keyResultId: null, value: 0, comment: null });
  });
});
