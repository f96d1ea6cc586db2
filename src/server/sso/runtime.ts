import { createAuth, type Auth, type AuthOptions } from '../auth.js';
import type { Db } from '../db/client.js';
import { deriveSsoKey, loadSsoConfig, type SsoConfig } from './settings.js';

/** The SSO half of sign-in: the key of stored client secrets and the auth instance that talks to the provider. */
export interface SsoRuntime {
  /** AES-256-GCM key of the stored client secret, derived from the server secret. */
  key: Buffer;
  /** The switched-on settings (secret decrypted), or null when SSO is off. */
  config(): Promise<SsoConfig | null>;
  /** A better-auth instance with the provider of `config`, made once per configuration. */
  authFor(config: SsoConfig): Auth;
}

/**
 * The provider's settings live in the database and change while the server runs (an admin saves
 * them), so the instance that serves SSO is made from the stored settings and remade when they
 * change: every process reads the settings on each SSO request, so none serves a stale provider.
 * It shares the database, secret and cookies with the password instance, so its sessions are the
 * same sessions.
 */
export function createSsoRuntime(db: Db, base: Omit<AuthOptions, 'sso'>, secret: string): SsoRuntime {
  const key = deriveSsoKey(secret);
  let cached: { fingerprint: string; auth: Auth } | null = null;
  return {
    key,
    config: () => loadSsoConfig(db, key),
    authFor(config) {
      const sso = { issuer: config.issuer, clientId: config.clientId, clientSecret: config.clientSecret, allowedDomains: config.allowedDomains };
      const fingerprint = JSON.stringify(sso);
      if (cached?.fingerprint !== fingerprint) cached = { fingerprint, auth: createAuth({ ...base, sso }) };
      return cached.auth;
    },
  };
}
