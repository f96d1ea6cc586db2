import type { Actor } from '../../domain/roles.js';
import { seriesPolicy, type Pair, type SeriesStatus } from './series.js';

/**
 * Who may open a meeting's live room (its event stream): only the pair, and only while the series
 * has not ended — the same people the shared notes admit. hr, admin and a skip-level manager see
 * practice metadata elsewhere, never the room's activity.
 */
export const roomPolicy = {
  /** Whether `actor` may subscribe to the room of a meeting of series `s`. */
  subscribe(actor: Actor | null, s: Pair & { status: SeriesStatus }): boolean {
    return seriesPolicy.readContent(actor, s) && (s.status === 'active' || s.status === 'paused');
  },
};
