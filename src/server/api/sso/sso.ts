import { createRoute } from '@hono/zod-openapi';
import { signInOptionsSchema, SSO_CALLBACK_PATH, ssoDiscoveryInputSchema, ssoDiscoverySchema, ssoSettingsInputSchema, ssoSettingsSchema, type SsoSettings } from '../../../domain/sso.js';
import { ValidationError } from '../../errors.js';
import type { MessageKey } from '../../i18n/messages.js';
import { ssoPolicy } from '../../policies/sso.js';
import { discover, DiscoveryError } from '../../sso/discovery.js';
import { encryptSecret, loadStoredSso, saveStoredSso, type StoredSso } from '../../sso/settings.js';
import { authorize, errorResponses, json, jsonBody, requireActor, router } from '../http.js';
import { audit } from '../../audit.js';

const tags = ['sso'];

const getSettings = createRoute({
  method: 'get',
  path: '/admin/sso',
  tags,
  summary: 'The OpenID Provider single sign-on goes through (admins); the client secret is never returned',
  responses: { 200: json(ssoSettingsSchema, 'SSO settings'), ...errorResponses },
});
const putSettings = createRoute({
  method: 'put',
  path: '/admin/sso',
  tags,
  summary: 'Save the SSO settings; switching SSO on checks the issuer with discovery first. Omit clientSecret to keep the stored one.',
  request: { body: jsonBody(ssoSettingsInputSchema) },
  responses: { 200: json(ssoSettingsSchema, 'Saved'), ...errorResponses },
});
const testDiscovery = createRoute({
  method: 'post',
  path: '/admin/sso/discovery',
  tags,
  summary: "Fetch an issuer's /.well-known/openid-configuration and check it; a clear 400 when it does not answer as an OpenID Provider",
  request: { body: jsonBody(ssoDiscoveryInputSchema) },
  responses: { 200: json(ssoDiscoverySchema, 'What the provider offers'), ...errorResponses },
});
const signInOptions = createRoute({
  method: 'get',
  path: '/sign-in-options',
  tags,
  summary: 'What the sign-in page offers: the SSO button, and whether password sign-in is off (anyone)',
  responses: { 200: json(signInOptionsSchema, 'Sign-in options') },
});

function present(stored: StoredSso | null, baseUrl: string): SsoSettings {
  return {
    configured: !!stored,
    enabled: stored?.enabled ?? false,
    issuer: stored?.issuer ?? '',
    clientId: stored?.clientId ?? '',
    hasClientSecret: !!stored?.clientSecret,
    allowedDomains: stored?.allowedDomains ?? [],
    ssoOnly: stored?.ssoOnly ?? false,
    redirectUri: `${baseUrl.replace(/\/+$/, '')}${SSO_CALLBACK_PATH}`,
  };
}

/** Discovery, or a 400 naming the issuer field and what went wrong. */
async function discoverOrRefuse(issuer: string) {
  try {
    return await discover(issuer);
  } catch (e) {
    if (!(e instanceof DiscoveryError)) throw e;
    const key = `errors.ssoDiscovery.${e.problem}` as MessageKey;
    throw new ValidationError({ issuer: { key } }, key);
  }
}

/** Single sign-on settings for admins, and the sign-in page's options (SPEC §9, ADR 0208). */
export const ssoApi = router()
  .openapi(getSettings, async (c) => {
    authorize(ssoPolicy.manage(requireActor(c)));
    const { db, config } = c.get('services');
    return c.json(present(await loadStoredSso(db), config.baseUrl), 200);
  })
  .openapi(putSettings, async (c) => {
    authorize(ssoPolicy.manage(requireActor(c)));
    const { db, config, sso } = c.get('services');
    const input = c.req.valid('json');
    if (input.enabled) await discoverOrRefuse(input.issuer);
    const before = await loadStoredSso(db);
    const secret = input.clientSecret?.trim();
    const stored: StoredSso = {
      enabled: input.enabled,
      issuer: input.issuer.replace(/\/+$/, ''),
      clientId: input.clientId,
      clientSecret: secret ? encryptSecret(sso.key, secret) : (before?.clientSecret ?? null),
      allowedDomains: [...new Set(input.allowedDomains)],
      ssoOnly: input.ssoOnly,
    };
    await saveStoredSso(db, stored);
    await audit.admin(c, 'sso.update', null, null);
    return c.json(present(stored, config.baseUrl), 200);
  })
  .openapi(testDiscovery, async (c) => {
    authorize(ssoPolicy.manage(requireActor(c)));
    return c.json(await discoverOrRefuse(c.req.valid('json').issuer), 200);
  })
  .openapi(signInOptions, async (c) => {
    const config = await c.get('services').sso.config();
    return c.json({ sso: !!config, ssoOnly: !!config?.ssoOnly }, 200);
  });
