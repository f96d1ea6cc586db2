import { EventEmitter } from 'node:events';

/** In-process events other parts of the server react to (e.g. the collaboration server dropping connections). */
export interface ServerEventMap {
  /** A series was ended: nobody may edit its meetings' shared notes any more. */
  seriesEnded: [seriesId: string];
  /** An employee was deactivated: their open connections end with their sessions. */
  employeeDeactivated: [employeeId: string];
  /** A meeting's minutes were shared: their draft is frozen, its editors are disconnected. */
  minutesShared: [meetingId: string];
  /** A meeting or series was scheduled, moved, cancelled, paused, resumed or answered: calendars,
   * invitations and webhooks hear of it on the job queue's next run, which this starts at once. */
  scheduleChanged: [];
}

export type ServerEvents = EventEmitter<ServerEventMap>;

export function createServerEvents(): ServerEvents {
  return new EventEmitter<ServerEventMap>();
}
