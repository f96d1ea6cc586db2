import { randomUUID } from 'node:crypto';
import type { RoomChanged, RoomPresence, RoomScope } from '../../domain/room.js';
import type { ServerEvents } from '../events.js';
import type { Logger } from '../logger.js';
import { inProcessBus, redisBus, type BusMessage, type RoomBus } from './bus.js';

/** How often an open room says "still here" (and the stream sends a keep-alive). */
export const PRESENCE_HEARTBEAT_MS = 20_000;
/** A partner's window not heard of for this long is gone (its process stopped without saying so). */
export const PRESENCE_EXPIRY_MS = 50_000;

const ACCESS_CHANNEL = 'access';
const seriesChannel = (seriesId: string) => `series:${seriesId}`;

type ChangedMessage = { t: 'changed'; scope: RoomScope; meetingId: string | null };
type PresenceMessage = { t: 'presence'; meetingId: string; employeeId: string; connectionId: string; state: 'joined' | 'here' | 'left' };
type AccessMessage = { t: 'seriesEnded'; seriesId: string } | { t: 'employeeDeactivated'; employeeId: string };

/** What one open room receives. */
export interface RoomSink {
  changed(event: RoomChanged): void;
  presence(event: RoomPresence): void;
  /** The subscriber lost access (series ended, person deactivated) or the server is stopping. */
  close(reason: 'series-ended' | 'deactivated' | 'server-stopping'): void;
  /** Keep-alive, so that proxies keep the connection and a dead client is noticed. */
  ping(): void;
}

export interface RoomMember {
  seriesId: string;
  meetingId: string;
  employeeId: string;
}

/**
 * The live meeting room: after a write commits, the API tells the pair's open rooms what changed
 * (never the content: they refetch through the policy-checked API), and each open room learns
 * whether the partner has it open too. Across processes through Redis when REDIS_URL is set.
 */
export interface LiveRooms {
  /** Tells the open rooms of a series that `scope` changed (meetingId: the meeting it happened in, if any). */
  changed(seriesId: string, scope: RoomScope, meetingId?: string | null): void;
  /** Opens a room for `member`; resolves (once subscribed) to the function that leaves it. */
  join(member: RoomMember, sink: RoomSink): Promise<() => void>;
  /** Closes every open room (shutdown) and the bus. */
  close(): Promise<void>;
}

interface OpenRoom {
  member: RoomMember;
  sink: RoomSink;
  leave: () => void;
}

const isChanged = (m: BusMessage): m is BusMessage & ChangedMessage => m.t === 'changed';
const isPresence = (m: BusMessage): m is BusMessage & PresenceMessage => m.t === 'presence';

/** Builds the live rooms over Redis (several processes) or in-process, and closes rooms when access ends. */
export function createLiveRooms(props: { redisUrl: string | null; events: ServerEvents; log: Logger }): LiveRooms {
  const { events, log } = props;
  const bus: RoomBus = props.redisUrl ? redisBus(props.redisUrl, log) : inProcessBus();
  const open = new Set<OpenRoom>();

  const publish = (channel: string, message: BusMessage) => {
    bus.publish(channel, message).catch((err: unknown) => log.warn({ err, channel }, 'a live-room message could not be published'));
  };

  // Access changes reach every process: the API emits them locally, the bus relays them.
  const accessReady = bus
    .subscribe(ACCESS_CHANNEL, (m) => {
      const message = m as BusMessage & AccessMessage;
      for (const room of [...open]) {
        if (message.t === 'seriesEnded' && room.member.seriesId === message.seriesId) {
          room.leave();
          room.sink.close('series-ended');
        } else if (message.t === 'employeeDeactivated' && room.member.employeeId === message.employeeId) {
          room.leave();
          room.sink.close('deactivated');
        }
      }
    })
    .catch((err: unknown) => {
      log.error({ err }, 'live rooms could not subscribe to access changes');
      return () => {};
    });
  const onSeriesEnded = (seriesId: string) => publish(ACCESS_CHANNEL, { t: 'seriesEnded', seriesId });
  const onDeactivated = (employeeId: string) => publish(ACCESS_CHANNEL, { t: 'employeeDeactivated', employeeId });
  events.on('seriesEnded', onSeriesEnded);
  events.on('employeeDeactivated', onDeactivated);

  return {
    changed(seriesId, scope, meetingId = null) {
      publish(seriesChannel(seriesId), { t: 'changed', scope, meetingId } satisfies ChangedMessage);
    },

    async join(member, sink) {
      await accessReady;
      const connectionId = randomUUID();
      const channel = seriesChannel(member.seriesId);
      // The partner's windows that have this meeting's room open, with when each was last heard of.
      const partnerWindows = new Map<string, { employeeId: string; seen: number }>();
      const announce = (state: PresenceMessage['state']) =>
        publish(channel, { t: 'presence', meetingId: member.meetingId, employeeId: member.employeeId, connectionId, state } satisfies PresenceMessage);
      const present = () => partnerWindows.size > 0;
      const report = (employeeId: string, before: boolean) => {
        if (present() !== before) sink.presence({ employeeId, present: present() });
      };

      const unsubscribe = await bus.subscribe(channel, (m) => {
        if (isChanged(m)) {
          // Topics, the meeting's state and its talk balance belong to one meeting; action items and feedback to the series.
          if ((m.scope === 'topics' || m.scope === 'meeting' || m.scope === 'talk') && m.meetingId !== null && m.meetingId !== member.meetingId) return;
          sink.changed({ scope: m.scope });
          return;
        }
        if (!isPresence(m) || m.meetingId !== member.meetingId || m.employeeId === member.employeeId) return;
        const before = present();
        if (m.state === 'left') partnerWindows.delete(m.connectionId);
        else partnerWindows.set(m.connectionId, { employeeId: m.employeeId, seen: Date.now() });
        // A newcomer learns that this window is here too.
        if (m.state === 'joined') announce('here');
        report(m.employeeId, before);
      });

      const heartbeat = setInterval(() => {
        sink.ping();
        announce('here');
        const before = present();
        let lastGone: string | null = null;
        for (const [id, w] of partnerWindows) {
          if (Date.now() - w.seen > PRESENCE_EXPIRY_MS) {
            partnerWindows.delete(id);
            lastGone = w.employeeId;
          }
        }
        if (lastGone) report(lastGone, before);
      }, PRESENCE_HEARTBEAT_MS);
      heartbeat.unref();

      let left = false;
      const room: OpenRoom = {
        member,
        sink,
        leave: () => {
          if (left) return;
          left = true;
          open.delete(room);
          clearInterval(heartbeat);
          announce('left');
          unsubscribe();
        },
      };
      open.add(room);
      announce('joined');
      return room.leave;
    },

    async close() {
      events.off('seriesEnded', onSeriesEnded);
      events.off('employeeDeactivated', onDeactivated);
      for (const room of [...open]) {
        room.leave();
        room.sink.close('server-stopping');
      }
      (await accessReady)();
      await bus.close();
    },
  };
}
