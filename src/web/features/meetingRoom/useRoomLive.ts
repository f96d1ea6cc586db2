import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { roomChangedSchema, roomPresenceSchema, type RoomScope } from '../../../domain/room.js';

/** The state of the room's live connection, for the presence line. */
export type RoomConnection = 'connecting' | 'live' | 'reconnecting' | 'closed';

export interface RoomLive {
  connection: RoomConnection;
  /** Whether the partner has this meeting's room open right now. */
  partnerPresent: boolean;
}

/** What each "changed" signal makes the room refetch (active queries only). */
const refetchFor = (meetingId: string): Record<RoomScope, QueryKey[]> => ({
  topics: [['meetings']],
  meeting: [['meetings'], ['minutes', meetingId], ['talk', meetingId]],
  actionItems: [['actionItems']],
  feedback: [['feedback']],
  talk: [['talk', meetingId]],
});

/**
 * Keeps the meeting room live: one EventSource on the room's event stream. A "changed" signal
 * refetches that part through the API; "presence" says whether the partner is in the room. The
 * browser reconnects a dropped stream by itself; every (re)subscription refetches everything, so a
 * change made while disconnected is not missed. No polling.
 */
export function useRoomLive(meetingId: string, enabled: boolean): RoomLive {
  const queryClient = useQueryClient();
  const [state, setState] = useState<RoomLive>({ connection: 'connecting', partnerPresent: false });

  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    const keys = refetchFor(meetingId);
    const refetch = (scopes: readonly RoomScope[]) => {
      for (const scope of scopes) for (const queryKey of keys[scope]) void queryClient.invalidateQueries({ queryKey });
    };
    const source = new EventSource(`/api/meetings/${encodeURIComponent(meetingId)}/events`);
    const parse = (e: MessageEvent) => {
      try {
        return JSON.parse(String(e.data)) as unknown;
      } catch {
        return null;
      }
    };
    source.addEventListener('ready', () => {
      setState((s) => ({ ...s, connection: 'live' }));
      refetch(['topics', 'meeting', 'actionItems', 'feedback', 'talk']);
    });
    source.addEventListener('changed', (e) => {
      const change = roomChangedSchema.safeParse(parse(e));
      if (change.success) refetch([change.data.scope]);
    });
    source.addEventListener('presence', (e) => {
      const presence = roomPresenceSchema.safeParse(parse(e));
      if (presence.success) setState((s) => ({ ...s, partnerPresent: presence.data.present }));
    });
    source.addEventListener('error', () => {
      // CLOSED: refused (series ended, signed out) — the browser will not retry. Otherwise it reconnects.
      setState({ connection: source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting', partnerPresent: false });
    });
    return () => {
      source.close();
      setState({ connection: 'connecting', partnerPresent: false });
    };
  }, [meetingId, enabled, queryClient]);

  return state;
}
