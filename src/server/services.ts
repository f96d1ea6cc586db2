import { createAuth } from './auth.js';
import { noteKeysFor, type NoteSecrets } from './crypto/noteKeys.js';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import type { Services } from './context.js';
import { createServerEvents } from './events.js';
import { createLiveRooms } from './live/rooms.js';
import type { Logger } from './logger.js';
import { createSsoRuntime } from './sso/runtime.js';

/** Wires the services every request handler uses. */
export function buildServices(props: { database: Database; auditDatabase?: Database; config: Config; secret: string; previousSecrets?: NoteSecrets; log: Logger }): Services {
  const { database, config, secret, log } = props;
  const noteSecrets = props.previousSecrets ?? { current: secret, previous: config.secretPrevious };
  const authOptions = { db: database.db, secret, baseUrl: config.baseUrl, signInRateLimit: config.signInRateLimit };
  const auth = createAuth(authOptions);
  const events = createServerEvents();
  return {
    db: database.db,
    auditDb: (props.auditDatabase ?? database).db,
    auth,
    config,
    log,
    events,
    rooms: createLiveRooms({ redisUrl: config.redisUrl, events, log }),
    noteKeys: noteKeysFor(database.db, noteSecrets),
    sso: createSsoRuntime(database.db, authOptions, secret),
    async ping() {
      try {
        await database.pool.query('select 1');
        return true;
      } catch {
        return false;
      }
    },
  };
}
