import type { IncomingHttpHeaders } from 'node:http';
import type { Extension, onAuthenticatePayload } from '@hocuspocus/server';
import type { Services } from '../context.js';
import { loadActor } from '../policies/actor.js';
import { recordRead } from '../audit.js';
import { loadMinutesAccess, loadNotesAccess, mayEditMinutes, mayEditNotes } from './access.js';
import { documentKindOf } from './documentName.js';
import { closeCodes, Refusal } from './refusal.js';

/** What a connection carries after authentication (Hocuspocus' `context`). */
export interface ConnectionContext {
  employeeId: string;
  /** The meeting's shared notes, or its minutes draft. */
  kind: 'notes' | 'minutes';
  meetingId: string;
  seriesId: string;
}

/** The configured base URL's origin is the only page allowed to open a socket (no cross-site WebSocket hijacking). */
export function originAllowed(origin: string | string[] | undefined, baseUrl: string): boolean {
  return typeof origin === 'string' && origin === new URL(baseUrl).origin;
}

export function headersFrom(incoming: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [key, value] of Object.entries(incoming)) {
    if (typeof value === 'string') headers.set(key, value);
    else if (Array.isArray(value)) for (const v of value) headers.append(key, v);
  }
  return headers;
}

/**
 * Lets a socket into a meeting's shared notes only for the two people of the pair while the series
 * has not ended, and into its minutes draft only for the pair while the minutes are a draft. The better-auth session comes from the upgrade request's cookie; anything else —
 * hr, admin, skip-level, other reports, anonymous, unknown or malformed documents — is refused.
 */
export function authentication(services: Pick<Services, 'auth' | 'db' | 'auditDb' | 'config' | 'log'>): Extension {
  return {
    extensionName: 'taiwa-authentication',
    async onAuthenticate({ documentName, requestHeaders }: onAuthenticatePayload): Promise<ConnectionContext> {
      const document = documentKindOf(documentName);
      if (!document) throw new Refusal(closeCodes.forbidden, 'unknown-document');
      if (!originAllowed(requestHeaders.origin, services.config.baseUrl)) throw new Refusal(closeCodes.forbidden, 'origin');
      const session = await services.auth.api.getSession({ headers: headersFrom(requestHeaders) });
      if (!session) throw new Refusal(closeCodes.unauthorized, 'unauthorized');
      const actor = await loadActor(services.db, session.user.id);
      const { kind, meetingId } = document;
      let seriesId: string | null = null;
      if (kind === 'notes') {
        const access = await loadNotesAccess(services.db, meetingId);
        if (actor && access && mayEditNotes(actor, access)) {
          seriesId = access.seriesId;
          // Opening the shared notes reads the pair's content: recorded for the other person (ADR 0210).
          const other = access.managerId === actor.employeeId ? access.reportId : access.managerId;
          await recordRead(services.auditDb, actor.employeeId, 'sharedNotes.read', other, meetingId);
        }
      } else {
        const access = await loadMinutesAccess(services.db, meetingId);
        if (access && mayEditMinutes(actor, access)) seriesId = access.seriesId;
      }
      if (!actor || !seriesId) throw new Refusal(closeCodes.forbidden, 'forbidden');
      return { employeeId: actor.employeeId, kind, meetingId, seriesId };
    },
  };
}
