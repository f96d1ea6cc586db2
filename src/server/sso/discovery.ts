import type { SsoDiscovery } from '../../domain/sso.js';

/** Why discovery failed; each has a message under `errors.ssoDiscovery.*`. */
export type DiscoveryProblem = 'unreachable' | 'notJson' | 'incomplete' | 'issuerMismatch';

export class DiscoveryError extends Error {
  constructor(readonly problem: DiscoveryProblem) {
    super(`OpenID discovery failed: ${problem}`);
  }
}

/** `<issuer>/.well-known/openid-configuration` (OpenID Connect Discovery 1.0 §4). */
export function discoveryUrl(issuer: string): string {
  return `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
}

const sameIssuer = (a: string, b: string) => a.replace(/\/+$/, '') === b.replace(/\/+$/, '');

/**
 * Reads the provider's discovery document and checks what the authorisation code flow needs: the
 * issuer it names is the one configured, and it has authorisation, token and key endpoints.
 */
export async function discover(issuer: string, timeoutMs = 5000): Promise<SsoDiscovery> {
  let res: Response;
  try {
    res = await fetch(discoveryUrl(issuer), { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
  } catch {
    throw new DiscoveryError('unreachable');
  }
  if (!res.ok) throw new DiscoveryError('unreachable');
  let doc: Record<string, unknown>;
  try {
    const parsed: unknown = await res.json();
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
    doc = parsed as Record<string, unknown>;
  } catch {
    throw new DiscoveryError('notJson');
  }
  const str = (k: string) => (typeof doc[k] === 'string' && doc[k] ? (doc[k] as string) : null);
  const authorizationEndpoint = str('authorization_endpoint');
  const tokenEndpoint = str('token_endpoint');
  const found = str('issuer');
  if (!found || !authorizationEndpoint || !tokenEndpoint || !str('jwks_uri')) throw new DiscoveryError('incomplete');
  if (!sameIssuer(found, issuer)) throw new DiscoveryError('issuerMismatch');
  const methods = doc.code_challenge_methods_supported;
  return {
    issuer: found,
    authorizationEndpoint,
    tokenEndpoint,
    userinfoEndpoint: str('userinfo_endpoint'),
    pkceS256: Array.isArray(methods) && methods.includes('S256'),
  };
}
