import type { Context } from 'hono';
import type { Actor } from '../domain/roles.js';
import type { Locale } from '../domain/limits.js';
import type { Auth } from './auth.js';
import type { Config } from './config.js';
import type { NoteKeys } from './crypto/noteKeys.js';
import type { Db } from './db/client.js';
import type { ServerEvents } from './events.js';
import type { LiveRooms } from './live/rooms.js';
import type { Credential } from './policies/apiTokens.js';
import type { Logger } from './logger.js';
import type { SsoRuntime } from './sso/runtime.js';

/** Everything a handler needs, built once in `app.ts`. */
export interface Services {
  db: Db;
  /**
   * Where audit events are written (ADR 0210): the same database as `db` in every deployment. It is
   * its own handle because it is the one write a read makes; the read-only test gives it a writable one.
   */
  auditDb: Db;
  auth: Auth;
  config: Config;
  log: Logger;
  /** In-process events (series ended, employee deactivated) that open real-time connections react to. */
  events: ServerEvents;
  /** The live meeting rooms: "refetch this" signals after commits, and the partner's presence. */
  rooms: LiveRooms;
  /** AES-256-GCM keys of private notes per key version, derived from the server secrets (never stored in the database; ADR 0211). */
  noteKeys: NoteKeys;
  /** Single sign-on through the installation's OpenID Provider (ADR 0208). */
  sso: SsoRuntime;
  /** Answers whether the database is reachable (for /healthz). */
  ping(): Promise<boolean>;
}

/** Per-request values set by middleware. */
export interface AppEnv {
  Variables: {
    services: Services;
    locale: Locale;
    /** The signed-in employee, or null when anonymous. */
    actor: Actor | null;
    /** How the actor proved who they are (a session, or a personal API token with its scope); null when anonymous. */
    credential: Credential | null;
    requestId: string;
  };
}

export type AppContext = Context<AppEnv>;
