import { describe, expect, it } from 'vitest';
import { addMonths, latestClosedMonth, monthBounds } from '../../domain/aggregates.js';
import { feltHeardDays, feltHeardTrendOf } from './formality.js';

describe('the felt-heard months a read carries', () => {
  it('reach back to the start of every month feltHeardTrendOf may publish, on every day of a year and in far time zones', () => {
    const short: string[] = [];
    for (const timeZone of ['Asia/Tokyo', 'Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
      for (let day = 0; day < 366; day++) {
        for (const hour of [0, 12, 23]) {
          const now = new Date(Date.UTC(2027, 0, 1 + day, hour, 30));
          const previous = addMonths(latestClosedMonth(now, timeZone), -1);
          const since = now.getTime() - feltHeardDays * 86_400_000;
          if (monthBounds(previous, timeZone).start.getTime() < since) short.push(`${timeZone} ${now.toISOString()}`);
        }
      }
    }
    expect(short).toEqual([]);
  });

  it('publish the two newest closed months only over 3 raters, and never the month under way', () => {
    const now = new Date('2027-05-20T03:00:00Z');
    const trend = feltHeardTrendOf(
      [
        { month: '2027-05', raters: 9, average: '1.0' },
        { month: '2027-04', raters: 3, average: '4.333' },
        { month: '2027-03', raters: 2, average: '5' },
      ],
      now,
      'Asia/Tokyo',
    );
    expect(trend).toEqual({ month: '2027-04', previousMonth: '2027-03', average: 4.3, previous: null, hiddenReason: 'tooFew' });
  });
});
