import { z } from 'zod';
import { idSchema, requiredText } from './common.js';

/**
 * SCIM tokens (SPEC §9, ADR 0207): the bearer secret an identity provider (Entra ID, Okta …) uses to
 * provision employees and departments through `/scim/v2`. They belong to the installation, not to a
 * person; only administrators make and revoke them.
 */
export const SCIM_TOKEN_PREFIX = 'taiwa_scim_';

export const scimTokenLimits = {
  nameMax: 100,
  /** Unrevoked SCIM tokens an installation may hold (one per identity provider, with room to rotate). */
  max: 10,
} as const;

export const scimTokenSchema = z.object({
  id: idSchema,
  name: z.string(),
  /** The first characters of the secret, to recognise it (`taiwa_scim_AbC1…`). */
  prefix: z.string(),
  createdAt: z.iso.datetime(),
  /** Who made it (null when that employee's name is not known any more). */
  createdBy: z.string().nullable(),
  lastUsedAt: z.iso.datetime().nullable(),
});
export type ScimToken = z.infer<typeof scimTokenSchema>;

export const scimTokenListSchema = z.object({
  /** The SCIM base URL an identity provider is given (`…/scim/v2`). */
  baseUrl: z.string(),
  items: z.array(scimTokenSchema),
});
export type ScimTokenList = z.infer<typeof scimTokenListSchema>;

export const scimTokenCreateSchema = z.object({ name: requiredText(scimTokenLimits.nameMax) });
export type ScimTokenCreate = z.infer<typeof scimTokenCreateSchema>;

/** The answer to creating a SCIM token: the only time its secret is shown. */
export const createdScimTokenSchema = scimTokenSchema.extend({ secret: z.string() });
export type CreatedScimToken = z.infer<typeof createdScimTokenSchema>;
