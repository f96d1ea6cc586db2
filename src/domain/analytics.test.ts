import { describe, expect, it } from 'vitest';
import { earlyWarning, sustainedDrop } from './analytics.js';

describe('sustainedDrop (an early warning, against the report’s own baseline)', () => {
  it('needs a baseline of at least three earlier check-ins', () => {
    expect(sustainedDrop([4, 4, 2, 2])).toBe(false);
    expect(sustainedDrop([4, 4, 4, 2, 2])).toBe(true);
  });
  it('needs every check-in of the streak down by the set points, not one', () => {
    expect(earlyWarning.dropStreak).toBe(2);
    expect(sustainedDrop([4, 4, 4, 4, 2])).toBe(false);
    expect(sustainedDrop([4, 4, 4, 2, 4])).toBe(false);
    expect(sustainedDrop([4, 4, 4, 3, 3])).toBe(true);
    expect(sustainedDrop([4, 4, 4, 4, 3.5])).toBe(false);
  });
  it('is measured against the person’s own usual score: a steady 2 is no drop, a 3 after many 5s is', () => {
    expect(sustainedDrop([2, 2, 2, 2, 2, 2])).toBe(false);
    expect(sustainedDrop([5, 5, 5, 5, 3, 3])).toBe(true);
  });
  it('looks at the eight check-ins before the streak only', () => {
    // Long ago at 5, lately at 3: the baseline is 3 now, so 2s are a drop of one point.
    expect(sustainedDrop([5, 5, 5, 5, 5, 3, 3, 3, 3, 3, 3, 3, 3, 2, 2])).toBe(true);
    expect(sustainedDrop([5, 5, 5, 5, 5, 3, 3, 3, 3, 3, 3, 3, 3, 3, 2])).toBe(false);
  });
});
