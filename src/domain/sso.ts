import { z } from 'zod';
import { requiredText } from './common.js';

/** Hosts an identity provider may be reached at over plain http: only this machine (a test provider). */
const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The id of Taiwa's one OpenID Provider in better-auth; the redirect URI ends with it. */
export const SSO_PROVIDER_ID = 'sso';

/** The path the identity provider sends the browser back to (register `<base URL>` + this). */
export const SSO_CALLBACK_PATH = `/api/auth/callback/${SSO_PROVIDER_ID}`;

/** Why an SSO sign-in was refused: the codes the sign-in page shows as `signIn.ssoError.<code>`. */
export const ssoErrorCodes = ['sso_domain_not_allowed', 'sso_email_not_verified', 'sso_no_employee', 'sso_deactivated', 'sso_failed'] as const;
export type SsoErrorCode = (typeof ssoErrorCodes)[number];

const domainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'ssoDomain');

export const ssoIssuerSchema = z
  .url({ protocol: /^https?$/ })
  .max(500)
  // Tokens and the client secret travel to the issuer: encrypted, except to a provider on this machine.
  .refine((u) => u.startsWith('https://') || loopbackHosts.has(new URL(u).hostname), 'ssoIssuerHttps');

/**
 * What an admin saves. The client secret is write-only: absent (or empty) keeps the stored one, and
 * the settings never hand it back.
 */
export const ssoSettingsInputSchema = z.object({
  enabled: z.boolean(),
  issuer: ssoIssuerSchema,
  clientId: requiredText(255),
  clientSecret: z.string().max(1000).optional(),
  allowedDomains: z.array(domainSchema).min(1, 'ssoDomainsRequired').max(20),
  ssoOnly: z.boolean(),
});
export type SsoSettingsInput = z.input<typeof ssoSettingsInputSchema>;

export const ssoSettingsSchema = z.object({
  /** Whether anything was saved yet. */
  configured: z.boolean(),
  enabled: z.boolean(),
  issuer: z.string(),
  clientId: z.string(),
  /** Whether a client secret is stored; the secret itself never leaves the server. */
  hasClientSecret: z.boolean(),
  allowedDomains: z.array(z.string()),
  ssoOnly: z.boolean(),
  /** The redirect URI to register at the identity provider. */
  redirectUri: z.string(),
});
export type SsoSettings = z.infer<typeof ssoSettingsSchema>;

export const ssoDiscoveryInputSchema = z.object({ issuer: ssoIssuerSchema });
export const ssoDiscoverySchema = z.object({
  issuer: z.string(),
  authorizationEndpoint: z.string(),
  tokenEndpoint: z.string(),
  userinfoEndpoint: z.string().nullable(),
  /** Whether the provider says it supports PKCE with S256 (Taiwa always sends it). */
  pkceS256: z.boolean(),
});
export type SsoDiscovery = z.infer<typeof ssoDiscoverySchema>;

/** What the sign-in page offers. */
export const signInOptionsSchema = z.object({
  sso: z.boolean(),
  /** Password sign-in is off for everyone but admins (their break-glass way in). */
  ssoOnly: z.boolean(),
});
export type SignInOptions = z.infer<typeof signInOptionsSchema>;

/** The domain part of an e-mail address, lower-cased. */
export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}
