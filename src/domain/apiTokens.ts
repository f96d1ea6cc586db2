import { z } from 'zod';
import { idSchema, requiredText } from './common.js';

/**
 * Scopes of a personal API token, from least to most: `read` (GET/HEAD), `write` (also every other
 * method), `admin` (also administration). A token never grants more than its owner holds.
 */
export const tokenScopes = ['read', 'write', 'admin'] as const;
export type TokenScope = (typeof tokenScopes)[number];

/** Every secret starts with this, so leaked tokens are easy to recognise (and to scan for). */
export const TOKEN_PREFIX = 'taiwa_';

export const apiTokenLimits = {
  nameMax: 100,
  /** The longest lifetime a token may be given (a year). */
  expiresInDaysMax: 365,
  /** Unrevoked tokens one person may hold (expired ones count until revoked). */
  perPerson: 20,
} as const;

/** A token as its owner sees it in lists: never the secret, only its first characters. */
export const apiTokenSchema = z.object({
  id: idSchema,
  name: z.string(),
  /** The first characters of the secret, to recognise it (`taiwa_AbC123…`). */
  prefix: z.string(),
  scope: z.enum(tokenScopes),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;

export const apiTokenListSchema = z.object({ items: z.array(apiTokenSchema) });
export type ApiTokenList = z.infer<typeof apiTokenListSchema>;

export const apiTokenCreateSchema = z.object({
  name: requiredText(apiTokenLimits.nameMax),
  scope: z.enum(tokenScopes),
  /** Days from now until the token stops working; required, at most a year. */
  expiresInDays: z.number().int().min(1).max(apiTokenLimits.expiresInDaysMax),
});
export type ApiTokenCreate = z.infer<typeof apiTokenCreateSchema>;

/** The answer to creating a token: the only time its secret is ever shown. */
export const createdApiTokenSchema = apiTokenSchema.extend({ secret: z.string() });
export type CreatedApiToken = z.infer<typeof createdApiTokenSchema>;

/** Whether a token of scope `granted` may make a request that needs `needed`. */
export function scopeCovers(granted: TokenScope, needed: TokenScope): boolean {
  return tokenScopes.indexOf(granted) >= tokenScopes.indexOf(needed);
}
