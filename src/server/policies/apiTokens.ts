import { scopeCovers, type TokenScope } from '../../domain/apiTokens.js';
import type { Actor } from '../../domain/roles.js';
import { authorisationMatrix, who } from './matrix.js';

/** How a request proved who it is: the browser's session cookie, or a personal API token. */
export type Credential = { kind: 'session' } | { kind: 'token'; tokenId: string; scope: TokenScope };

/**
 * Administration operations: everything under /api/admin, and every operation the authorisation
 * matrix lets administrators alone call (creating employees, changing departments …).
 */
const adminOperations: { method: string; pattern: RegExp }[] = Object.entries(authorisationMatrix)
  .filter(([, allowed]) => allowed.length === who.admin.length && allowed.every((r) => who.admin.includes(r)))
  .map(([key]) => {
    const [method, path] = key.split(' ') as [string, string];
    const source = path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '[^/]+');
    return { method, pattern: new RegExp(`^${source}$`) };
  });

/**
 * The scope a token needs for a request, decided here only: reads (GET, HEAD) need `read`, every
 * other method `write`, administration `admin`. The owner's own rights are checked afterwards by
 * the endpoint's policy as for a session, so a token never grants more than its owner has.
 */
export function requiredScope(method: string, path: string): TokenScope {
  const m = method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase();
  if (path === '/api/admin' || path.startsWith('/api/admin/')) return 'admin';
  if (adminOperations.some((op) => op.method === m && op.pattern.test(path))) return 'admin';
  return m === 'GET' ? 'read' : 'write';
}

/** Whether `credential` may make a request to `method path` (sessions always may; the policies decide). */
export function credentialAllows(credential: Credential, method: string, path: string): boolean {
  return credential.kind === 'session' || scopeCovers(credential.scope, requiredScope(method, path));
}

export const apiTokenPolicy = {
  /**
   * New tokens are made from a signed-in session only: a token that could mint tokens would outlive
   * its own expiry and revocation.
   */
  canCreate: (credential: Credential) => credential.kind === 'session',
  /** Only administrators may hold admin-scope tokens (it would grant nothing to anyone else). */
  canUseScope: (actor: Actor, scope: TokenScope) => scope !== 'admin' || actor.isAdmin,
};
