import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../context.js';
import { bearerSecret } from '../apiTokens.js';
import { AppError } from '../errors.js';
import { translate, type MessageKey } from '../i18n/messages.js';
import { ScimContext } from './context.js';
import { createGroup, deleteGroup, findGroup, listGroups, replaceGroup } from './groups.js';
import { SCHEMA, SCIM_CONTENT_TYPE, ScimError, applyPatch, pageOf, parseFilters, projectAttributes, scimErrorBody, type JsonObject } from './protocol.js';
import { resourceTypes, schemaDefinitions, serviceProviderConfig, SCIM_MAX_RESULTS } from './discovery.js';
import { resolveScimToken, touchScimToken } from './tokens.js';
import { createUser, deactivateUser, findUser, listUsers, presentUser, replaceUser } from './users.js';

type ScimEnv = AppEnv & { Variables: AppEnv['Variables'] & { scim: ScimContext } };
type C = Context<ScimEnv>;

function send(c: C, body: unknown, status: 200 | 201 = 200, location?: string) {
  c.header('content-type', SCIM_CONTENT_TYPE);
  if (location) c.header('location', location);
  return c.body(JSON.stringify(body), status);
}

/** Messages that mean "already exists" (RFC 7644 §3.3: 409 `uniqueness`). */
const uniqueness = new Set<MessageKey>(['errors.emailTaken', 'errors.employeeNumberTaken', 'errors.scim.groupNameTaken']);
/** Messages that mean "this value cannot be used" rather than "the state conflicts". */
const invalidValues = new Set<MessageKey>(['errors.managerNotFound', 'errors.managerInactive', 'errors.reportingCycle', 'errors.selfManager']);

/** Taiwa's own errors (thrown by the shared commands) as SCIM errors. */
function toScimError(err: unknown, c: C): ScimError | null {
  if (err instanceof ScimError) return err;
  const locale = c.get('locale');
  if (err instanceof AppError) {
    const detail = translate(locale, err.reason, err.params);
    if (err.code === 'not_found') return new ScimError(404, detail);
    if (err.code === 'conflict' && uniqueness.has(err.reason)) return new ScimError(409, detail, 'uniqueness');
    if (err.code === 'conflict' && invalidValues.has(err.reason)) return new ScimError(400, detail, 'invalidValue');
    if (err.code === 'conflict') return new ScimError(409, detail);
    if (err.code === 'validation') {
      const fields = err.fields ? Object.entries(err.fields).map(([f, v]) => `${f}: ${translate(locale, v.key, v.params)}`) : [];
      return new ScimError(400, fields.join(' ') || detail, 'invalidValue');
    }
    if (err.code === 'payload_too_large') return new ScimError(413, detail);
  }
  // Two requests creating the same person at once: the unique index decides.
  if (typeof err === 'object' && err !== null && (err as { code?: string }).code === '23505') return new ScimError(409, translate(locale, 'errors.emailTaken'), 'uniqueness');
  return null;
}

async function body(c: C): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw new ScimError(400, translate(c.get('locale'), 'errors.invalidJson'), 'invalidSyntax');
  }
}

function listResponse(total: number, startIndex: number, resources: JsonObject[]) {
  return { schemas: [SCHEMA.listResponse], totalResults: total, startIndex, itemsPerPage: resources.length, Resources: resources };
}

function filterOf(c: C) {
  const raw = c.req.query('filter');
  return raw ? parseFilters(raw, () => c.get('scim').invalidFilter()) : [];
}

/**
 * SCIM 2.0 under `/scim/v2` (SPEC §9, ADR 0207). Authenticated by a SCIM token alone: no cookie is
 * ever read here, so the Origin check of `/api` (which protects cookies) has nothing to protect.
 */
export function scimApp(baseUrl: string, maxBodyBytes: number) {
  const base = `${baseUrl.replace(/\/+$/, '')}/scim/v2`;
  const app = new Hono<ScimEnv>();

  app.onError((err, c) => {
    const scim = toScimError(err, c);
    if (scim) {
      c.header('content-type', SCIM_CONTENT_TYPE);
      return c.body(JSON.stringify(scimErrorBody(scim)), scim.status);
    }
    const { log } = c.get('services');
    log.error({ err, requestId: c.get('requestId'), path: c.req.path }, 'unhandled SCIM error');
    c.header('content-type', SCIM_CONTENT_TYPE);
    return c.body(JSON.stringify(scimErrorBody(new ScimError(500, translate(c.get('locale'), 'errors.internal')))), 500);
  });

  app.use('*', async (c, next) => {
    const { db, auth, events, log } = c.get('services');
    const secret = bearerSecret(c.req.header('authorization'));
    const token = secret ? await resolveScimToken(db, secret) : null;
    if (!token) {
      c.header('www-authenticate', 'Bearer realm="scim"');
      throw new ScimError(401, translate(c.get('locale'), 'errors.scim.unauthenticated'));
    }
    const now = new Date();
    await touchScimToken(db, token, now).catch((err: unknown) => log.warn({ err, requestId: c.get('requestId') }, 'SCIM token last use not recorded'));
    c.set('scim', new ScimContext(db, auth, events, c.get('locale'), `scim-token:${token.tokenId}`));
    await next();
  });

  app.use(
    '*',
    bodyLimit({
      maxSize: maxBodyBytes,
      onError: (c) => {
        throw new ScimError(413, translate(c.get('locale'), 'errors.payload_too_large', { limit: maxBodyBytes }));
      },
    }),
  );

  // ---- discovery (RFC 7644 §4) ----
  app.get('/ServiceProviderConfig', (c) => send(c, serviceProviderConfig(base)));
  app.get('/ResourceTypes', (c) => {
    const all = resourceTypes(base);
    return send(c, listResponse(all.length, 1, all));
  });
  app.get('/ResourceTypes/:id', (c) => {
    const found = resourceTypes(base).find((r) => r.id === c.req.param('id'));
    if (!found) throw c.get('scim').notFound();
    return send(c, found);
  });
  app.get('/Schemas', (c) => {
    const all = schemaDefinitions(base);
    return send(c, listResponse(all.length, 1, all));
  });
  app.get('/Schemas/:id', (c) => {
    const found = schemaDefinitions(base).find((s) => s.id === c.req.param('id'));
    if (!found) throw c.get('scim').notFound();
    return send(c, found);
  });

  // ---- Users ----
  const loadUser = async (c: C) => {
    const row = await findUser(c.get('scim').db, c.req.param('id')!);
    if (!row) throw c.get('scim').notFound();
    return row;
  };
  const projection = (c: C) => ({ attributes: c.req.query('attributes'), excludedAttributes: c.req.query('excludedAttributes') });

  app.get('/Users', async (c) => {
    const sc = c.get('scim');
    const page = pageOf({ startIndex: c.req.query('startIndex'), count: c.req.query('count') }, SCIM_MAX_RESULTS);
    const { total, rows } = await listUsers(sc.db, filterOf(c), page, sc);
    return send(c, listResponse(total, page.startIndex, rows.map((r) => projectAttributes(presentUser(r, base), projection(c)))));
  });
  app.get('/Users/:id', async (c) => send(c, projectAttributes(presentUser(await loadUser(c), base), projection(c))));
  app.post('/Users', async (c) => {
    const sc = c.get('scim');
    const id = await createUser(await body(c), sc);
    const user = presentUser((await findUser(sc.db, id))!, base);
    return send(c, user, 201, `${base}/Users/${id}`);
  });
  app.put('/Users/:id', async (c) => {
    const sc = c.get('scim');
    const current = await loadUser(c);
    await replaceUser(current.id, current, await body(c), sc);
    return send(c, presentUser((await findUser(sc.db, current.id))!, base));
  });
  app.patch('/Users/:id', async (c) => {
    const sc = c.get('scim');
    const current = await loadUser(c);
    const patched = applyPatch(presentUser(current, base), await body(c), sc.patchMessages());
    await replaceUser(current.id, current, patched, sc);
    return send(c, presentUser((await findUser(sc.db, current.id))!, base));
  });
  app.delete('/Users/:id', async (c) => {
    const current = await loadUser(c);
    await deactivateUser(current.id, current, c.get('scim'));
    return c.body(null, 204);
  });

  // ---- Groups (departments) ----
  const loadGroup = async (c: C) => {
    const group = await findGroup(c.get('scim').db, c.req.param('id')!, base);
    if (!group) throw c.get('scim').notFound();
    return group;
  };
  app.get('/Groups', async (c) => {
    const sc = c.get('scim');
    const page = pageOf({ startIndex: c.req.query('startIndex'), count: c.req.query('count') }, SCIM_MAX_RESULTS);
    const { total, resources } = await listGroups(sc.db, filterOf(c), page, base, sc);
    return send(c, listResponse(total, page.startIndex, resources.map((r) => projectAttributes(r, projection(c)))));
  });
  app.get('/Groups/:id', async (c) => send(c, projectAttributes(await loadGroup(c), projection(c))));
  app.post('/Groups', async (c) => {
    const sc = c.get('scim');
    const id = await createGroup(await body(c), sc);
    return send(c, (await findGroup(sc.db, id, base))!, 201, `${base}/Groups/${id}`);
  });
  app.put('/Groups/:id', async (c) => {
    const sc = c.get('scim');
    const current = await loadGroup(c);
    await replaceGroup(current.id as string, await body(c), sc, false);
    return send(c, (await findGroup(sc.db, current.id as string, base))!);
  });
  app.patch('/Groups/:id', async (c) => {
    const sc = c.get('scim');
    const current = await loadGroup(c);
    const patched = applyPatch(current, await body(c), sc.patchMessages());
    await replaceGroup(current.id as string, patched, sc, true);
    return send(c, (await findGroup(sc.db, current.id as string, base))!);
  });
  app.delete('/Groups/:id', async (c) => {
    const current = await loadGroup(c);
    await deleteGroup(current.id as string, c.get('scim'));
    return c.body(null, 204);
  });

  app.all('*', (c) => {
    throw new ScimError(404, translate(c.get('locale'), 'errors.scim.notFound'));
  });
  return app;
}
