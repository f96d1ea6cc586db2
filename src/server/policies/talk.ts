import type { Actor } from '../../domain/roles.js';
import { aggregatePolicy } from './analytics.js';
import { roleIn, seriesPolicy, type Pair, type SeriesStatus } from './series.js';

type Series = Pair & { status: SeriesStatus };
type Meeting = { status: string };
type Consents = { managerConsent: boolean; reportConsent: boolean };

/**
 * Who may do what with a meeting's talk balance (ADR 0190). It is the pair's own figure: each of
 * the two consents for themselves and may stop at any time; intervals are accepted only from the
 * pair, while the meeting runs and both have opted in. hr and admin see only an aggregate over at
 * least five managers (SPEC §2 orgAggregate), never one manager's figure.
 */
export const talkPolicy = {
  /** Reading the meeting's figure and settings: the pair. */
  read(actor: Actor | null, s: Series): boolean {
    return seriesPolicy.readContent(actor, s) && roleIn(actor, s) !== null;
  },
  /** Opting in or out and setting the mode or the cue: the pair, before or during the meeting, while the series is open. */
  configure(actor: Actor | null, s: Series, m: Meeting): boolean {
    return this.read(actor, s) && (s.status === 'active' || s.status === 'paused') && (m.status === 'scheduled' || m.status === 'inProgress');
  },
  /** Whether intervals are accepted now (for anyone of the pair). */
  measuring(m: Meeting, c: Consents): boolean {
    return m.status === 'inProgress' && c.managerConsent && c.reportConsent;
  },
  /** Sending one's own speaking intervals: the pair, while measuring. */
  sendIntervals(actor: Actor | null, s: Series, m: Meeting, c: Consents): boolean {
    return this.configure(actor, s, m) && this.measuring(m, c);
  },
  /** The organisation's aggregate: hr and admin (the one rule of src/domain/aggregates.ts). */
  readAggregate(actor: Actor | null): boolean {
    return aggregatePolicy.readOrganisation(actor);
  },
  /** The aggregate is shown only over this many managers or more. */
  aggregateMinimum: aggregatePolicy.minimum('organisation'),
  /** Whether the aggregate over `managers` distinct managers may be shown. */
  aggregateShown(managers: number): boolean {
    return aggregatePolicy.shown(managers, 'organisation');
  },
};
