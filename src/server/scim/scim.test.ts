import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CreatedScimToken, ScimTokenList } from '../../domain/scim.js';
import { departments, employees, scimTokens, session } from '../db/schema.js';
import { call, signIn, testApp } from '../test/app.js';
import { testDatabase } from '../test/database.js';
import { expectError } from '../test/expect.js';
import { insertPeople, TEST_PASSWORD, uniqueTag } from '../test/factories.js';
import { noDatabase } from '../test/provided.js';
import { entra, ENTRA_USER_ID_PLACEHOLDER, okta, OKTA_USER_ID_PLACEHOLDER, rfc, RFC_BABS_ID, RFC_JAMES_ID, RFC_MANAGER_ID } from './scim.fixtures.js';

type Scim = Record<string, unknown> & { id: string };
interface ListResponse {
  schemas: string[];
  totalResults: number;
  startIndex: number;
  itemsPerPage: number;
  Resources: Scim[];
}
interface ScimErrorBody {
  schemas: string[];
  status: string;
  scimType?: string;
  detail: string;
}
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const TAIWA = 'urn:taiwa:params:scim:schemas:extension:taiwa:2.0:User';

/** A fixture with its sources' ids and addresses swapped for this test's (the database is shared). */
function adapt<T>(fixture: T, swaps: Record<string, string>): T {
  let text = JSON.stringify(fixture);
  for (const [from, to] of Object.entries(swaps)) text = text.split(from).join(to);
  return JSON.parse(text) as T;
}

describe.skipIf(noDatabase)('SCIM 2.0 provisioning', () => {
  const database = testDatabase();
  let built: ReturnType<typeof testApp>;
  let app: ReturnType<typeof testApp>['app'];
  let adminCookie: string;
  let secret: string;

  beforeAll(async () => {
    built = testApp(database);
    app = built.app;
    const [admin] = await insertPeople(database.db, built.services.auth, [{ familyName: '管理', givenName: '者', isAdmin: true }]);
    adminCookie = await signIn(app, admin!.email, TEST_PASSWORD);
    secret = (await newToken('Entra ID')).secret;
  });

  async function newToken(name: string): Promise<CreatedScimToken> {
    const res = await call<CreatedScimToken>(app, 'POST', '/api/admin/scim-tokens', { cookie: adminCookie, body: { name } });
    expect(res.status, res.text).toBe(201);
    return res.body;
  }

  /** A SCIM request as an identity provider sends it: bearer token, SCIM content type, no Origin, no cookie. */
  async function scim<T = Scim>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await app.request(`/scim/v2${path}`, {
      method,
      headers: { authorization: `Bearer ${secret}`, ...(body === undefined ? {} : { 'content-type': 'application/scim+json' }), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T, headers: res.headers, text };
  }

  function expectScimError(res: { status: number; body: unknown; headers: Headers }, status: number, scimType?: string): ScimErrorBody {
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/scim\+json/);
    const body = res.body as ScimErrorBody;
    expect(body.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error']);
    expect(body.status).toBe(String(status));
    expect(body.scimType).toBe(scimType);
    expect(body.detail.length).toBeGreaterThan(0);
    return body;
  }

  const employeeCount = async () => (await database.db.select({ id: employees.id }).from(employees)).length;
  const row = async (id: string) => (await database.db.select().from(employees).where(eq(employees.id, id)))[0]!;

  /** A user made through SCIM, with a fresh address. */
  async function newUser(extra: Record<string, unknown> = {}) {
    const tag = uniqueTag();
    const res = await scim('POST', '/Users', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: `user.${tag}@example.test`,
      name: { familyName: '佐藤', givenName: `一郎${tag}` },
      emails: [{ value: `user.${tag}@example.test`, primary: true }],
      ...extra,
    });
    expect(res.status, res.text).toBe(201);
    return res.body;
  }

  describe('tokens and authentication', () => {
    it('shows the secret once, stores its hash, and the list gives the base URL and last use', async () => {
      const created = await newToken('Okta');
      expect(created.secret).toMatch(/^taiwa_scim_[A-Za-z0-9_-]{43}$/);
      expect(created.secret.startsWith(created.prefix)).toBe(true);
      const [stored] = await database.db.select().from(scimTokens).where(eq(scimTokens.id, created.id));
      expect(JSON.stringify(stored)).not.toContain(created.secret.slice(created.prefix.length));
      const before = await call<ScimTokenList>(app, 'GET', '/api/admin/scim-tokens', { cookie: adminCookie });
      expect(before.body.baseUrl).toBe('http://127.0.0.1:3000/scim/v2');
      expect(before.text).not.toContain(created.secret);
      expect(before.body.items.find((t) => t.id === created.id)).toMatchObject({ name: 'Okta', lastUsedAt: null, createdBy: '管理 者' });
      const res = await app.request('/scim/v2/ServiceProviderConfig', { headers: { authorization: `Bearer ${created.secret}` } });
      expect(res.status).toBe(200);
      const after = await call<ScimTokenList>(app, 'GET', '/api/admin/scim-tokens', { cookie: adminCookie });
      expect(after.body.items.find((t) => t.id === created.id)!.lastUsedAt).not.toBeNull();
    });

    it('a revoked token answers 401 in SCIM format; revoking twice is 404', async () => {
      const created = await newToken('to revoke');
      const ok = await app.request('/scim/v2/Users?count=1', { headers: { authorization: `Bearer ${created.secret}` } });
      expect(ok.status).toBe(200);
      expect((await call(app, 'DELETE', `/api/admin/scim-tokens/${created.id}`, { cookie: adminCookie })).status).toBe(200);
      const res = await app.request('/scim/v2/Users?count=1', { headers: { authorization: `Bearer ${created.secret}` } });
      expectScimError({ status: res.status, body: await res.json(), headers: res.headers }, 401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expectError(await call(app, 'DELETE', `/api/admin/scim-tokens/${created.id}`, { cookie: adminCookie }), 404, 'not_found');
    });

    it('never takes a cookie, a personal API token or no token; a SCIM token does not open /api', async () => {
      const personal = await call<{ secret: string }>(app, 'POST', '/api/me/api-tokens', { cookie: adminCookie, body: { name: 'not for SCIM', scope: 'admin', expiresInDays: 30 } });
      expect(personal.status).toBe(201);
      const attempts: Record<string, string>[] = [
        { cookie: adminCookie },
        {},
        { authorization: `Bearer ${personal.body.secret}` },
        { authorization: 'Bearer taiwa_scim_notatoken' },
        { authorization: 'Basic abc' },
      ];
      for (const headers of attempts) {
        const res = await app.request('/scim/v2/Users', { headers });
        expect(res.status).toBe(401);
        expect(((await res.json()) as ScimErrorBody).schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error']);
      }
      const api = await app.request('/api/employees', { headers: { authorization: `Bearer ${secret}` } });
      expect(api.status).toBe(401);
    });

    it('only administrators create, list and revoke SCIM tokens; a token cannot mint one', async () => {
      const [member, hr] = await insertPeople(database.db, built.services.auth, [{ familyName: '一般', givenName: '社員' }, { familyName: '人事', givenName: '担当', isHr: true }]);
      const created = await newToken('kept');
      for (const p of [member!, hr!]) {
        const cookie = await signIn(app, p.email, TEST_PASSWORD);
        expectError(await call(app, 'POST', '/api/admin/scim-tokens', { cookie, body: { name: 'x' } }), 403, 'forbidden');
        expectError(await call(app, 'GET', '/api/admin/scim-tokens', { cookie }), 403, 'forbidden');
        expectError(await call(app, 'DELETE', `/api/admin/scim-tokens/${created.id}`, { cookie }), 403, 'forbidden');
      }
      expectError(await call(app, 'POST', '/api/admin/scim-tokens', { body: { name: 'x' } }), 401, 'unauthenticated');
      // An administrator's personal admin-scope token cannot make SCIM tokens either (ADR 0202).
      const personal = await call<{ secret: string }>(app, 'POST', '/api/me/api-tokens', { cookie: adminCookie, body: { name: 'cli', scope: 'admin', expiresInDays: 30 } });
      const viaToken = await app.request('/api/admin/scim-tokens', {
        method: 'POST',
        headers: { authorization: `Bearer ${personal.body.secret}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'x' }),
      });
      expect(viaToken.status).toBe(403);
      const list = await call<ScimTokenList>(app, 'GET', '/api/admin/scim-tokens', { cookie: adminCookie });
      expect(list.body.items.some((t) => t.id === created.id)).toBe(true);
      expect(list.body.items.some((t) => t.name === 'x')).toBe(false);
      // A blank name is a field message in the caller's language.
      const blank = await call(app, 'POST', '/api/admin/scim-tokens', { cookie: adminCookie, lang: 'en', body: { name: ' ' } });
      expectError(blank, 400, 'validation');
    });
  });

  describe('discovery', () => {
    it('answers ServiceProviderConfig, ResourceTypes and Schemas as application/scim+json', async () => {
      const spc = await scim('GET', '/ServiceProviderConfig');
      expect(spc.headers.get('content-type')).toMatch(/^application\/scim\+json/);
      expect(spc.body).toMatchObject({ patch: { supported: true }, filter: { supported: true }, bulk: { supported: false } });
      const types = await scim<ListResponse>('GET', '/ResourceTypes');
      expect(types.body.Resources.map((r) => r.id)).toEqual(['User', 'Group']);
      const schemas = await scim<ListResponse>('GET', '/Schemas');
      expect(schemas.body.Resources.map((r) => r.id)).toContain(ENTERPRISE);
      expect((await scim('GET', `/Schemas/${TAIWA}`)).status).toBe(200);
      expectScimError(await scim('GET', '/Schemas/urn:nothing'), 404);
    });
  });

  describe('RFC 7644 examples', () => {
    it('§3.3 create, verbatim (no e-mail address): 201, no emails back, no sign-in user; filter userName eq "bjensen" finds it', async () => {
      const res = await scim('POST', '/Users', rfc.create);
      expect(res.status, res.text).toBe(201);
      expect(res.headers.get('location')).toBe(`http://127.0.0.1:3000/scim/v2/Users/${res.body.id}`);
      expect(res.body).toMatchObject({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE, TAIWA],
        userName: 'bjensen',
        externalId: 'bjensen',
        name: { familyName: 'Jensen', givenName: 'Barbara' },
        active: true,
        meta: { resourceType: 'User', location: `http://127.0.0.1:3000/scim/v2/Users/${res.body.id}` },
      });
      expect(res.body).not.toHaveProperty('emails');
      // In the organisation, without an address and so without a sign-in user (ADR 0215).
      expect(await row(res.body.id)).toMatchObject({ email: null, userId: null, employeeNumber: 'bjensen', active: true });
      const read = await scim('GET', `/Users/${res.body.id}`);
      expect(read.body).toMatchObject({ userName: 'bjensen', externalId: 'bjensen' });
      expect(read.body).not.toHaveProperty('emails');

      const found = await scim<ListResponse>('GET', `/Users?filter=${encodeURIComponent(rfc.filters.supported)}`);
      expect(found.body).toMatchObject({ totalResults: 1 });
      expect(found.body.Resources[0]).toMatchObject({ id: res.body.id, userName: 'bjensen' });
      expect(found.body.Resources[0]).not.toHaveProperty('emails');
      // The same again is a duplicate (the employee number "bjensen" is taken).
      expectScimError(await scim('POST', '/Users', rfc.create), 409, 'uniqueness');
    });

    it('§3.3 without an address: no password until one arrives by PATCH; then sign-in works; it cannot be taken away again', async () => {
      const tag = uniqueTag();
      const created = await scim('POST', '/Users', adapt(rfc.create, { bjensen: `bjensen${tag}` }));
      expect(created.status, created.text).toBe(201);
      const id = created.body.id;
      const password = `Ha${tag}-kaze-no-tani`;
      // Signing in goes by address: a password for someone without one is refused and changes nothing.
      const refused = await call(app, 'PATCH', `/api/employees/${id}`, { cookie: adminCookie, body: { password }, headers: { 'accept-language': 'en' } });
      expect(refused.status, refused.text).toBe(400);
      expect(refused.text).toContain('Add an e-mail address before setting a password.');
      expect(await row(id)).toMatchObject({ email: null, userId: null });

      const address = `bjensen${tag}@example.com`;
      const patched = await scim('PATCH', `/Users/${id}`, {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'add', path: 'emails', value: [{ value: address, type: 'work', primary: true }] }],
      });
      expect(patched.status, patched.text).toBe(200);
      expect(patched.body).toMatchObject({ userName: `bjensen${tag}`, emails: [{ value: address, type: 'work', primary: true }] });
      const stored = await row(id);
      expect(stored.email).toBe(address);
      expect(stored.userId).not.toBeNull();

      const set = await call(app, 'PATCH', `/api/employees/${id}`, { cookie: adminCookie, body: { password } });
      expect(set.status, set.text).toBe(200);
      const cookie = await signIn(app, address, password);
      const me = await call<{ id: string; email: string }>(app, 'GET', '/api/me', { cookie });
      expect(me.body).toMatchObject({ id, email: address });

      // A PUT without an address would leave the person unable to sign in: refused, nothing changed.
      const put = { ...adapt(rfc.create, { bjensen: `bjensen${tag}` }), name: { familyName: 'Jensen', givenName: 'Babs' } };
      const err = expectScimError(await scim('PUT', `/Users/${id}`, put, { 'accept-language': 'en' }), 400, 'invalidValue');
      expect(err.detail).toContain('cannot be removed');
      expect(await row(id)).toMatchObject({ email: address, givenName: 'Barbara' });
    });

    it('§3.3 create with an e-mail address: 201, Location, the externalId as employee number', async () => {
      const tag = uniqueTag();
      const body = { ...adapt(rfc.create, { bjensen: `bjensen${tag}`, Bjensen: `Bjensen${tag}` }), emails: [{ value: `bjensen${tag}@example.com`, primary: true }] };
      const res = await scim('POST', '/Users', body);
      expect(res.status, res.text).toBe(201);
      expect(res.headers.get('location')).toBe(`http://127.0.0.1:3000/scim/v2/Users/${res.body.id}`);
      expect(res.body).toMatchObject({ userName: `bjensen${tag}`, externalId: `bjensen${tag}`, name: { familyName: 'Jensen', givenName: 'Barbara' }, active: true });
      const stored = await row(res.body.id);
      expect(stored).toMatchObject({ email: `bjensen${tag}@example.com`, employeeNumber: `bjensen${tag}`, familyNameKana: '', isAdmin: false });
      // The same again is a duplicate (409 uniqueness).
      expectScimError(await scim('POST', '/Users', body), 409, 'uniqueness');
    });

    it('RFC 7643 §8.2 full user: the manager of the enterprise extension must exist; with a real one it is set', async () => {
      const tag = uniqueTag();
      const swaps = { 'example.com': `${tag}.example.com`, '701984': `701984-${tag}` };
      const before = await employeeCount();
      const unknown = expectScimError(await scim('POST', '/Users', adapt(rfc.fullUser, swaps)), 400, 'invalidValue');
      expect(unknown.detail.length).toBeGreaterThan(0);
      expect(await employeeCount()).toBe(before);

      const boss = await newUser();
      const res = await scim('POST', '/Users', adapt(rfc.fullUser, { ...swaps, [RFC_MANAGER_ID]: boss.id }));
      expect(res.status, res.text).toBe(201);
      expect(res.body).toMatchObject({
        userName: `bjensen@${tag}.example.com`,
        title: 'Tour Guide',
        emails: [{ value: `bjensen@${tag}.example.com`, primary: true }],
        [ENTERPRISE]: { employeeNumber: `701984-${tag}`, manager: { value: boss.id } },
      });
      expect((await row(res.body.id)).managerId).toBe(boss.id);
      // The password of the example is not taken: nobody signs in with a password an IdP chose.
      expect((await row(res.body.id)).isAdmin).toBe(false);
    });

    it('§3.4.2 filter userName eq with startIndex/count pages; other operators are invalidFilter', async () => {
      const tag = uniqueTag();
      const res = await scim('POST', '/Users', { ...adapt(rfc.create, { bjensen: `bjensen${tag}`, Bjensen: `Bjensen${tag}` }), emails: [{ value: `b${tag}@example.com` }] });
      expect(res.status).toBe(201);
      const found = await scim<ListResponse>('GET', `/Users?filter=${encodeURIComponent(rfc.filters.supported.replace('bjensen', `bjensen${tag}`))}`);
      expect(found.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 1, startIndex: 1, itemsPerPage: 1 });
      expect(found.body.Resources[0]!.id).toBe(res.body.id);
      const none = await scim<ListResponse>('GET', `/Users?filter=${encodeURIComponent('userName eq "nobody@nowhere.test"')}`);
      expect(none.body).toMatchObject({ totalResults: 0, Resources: [] });
      const byExternal = await scim<ListResponse>('GET', `/Users?filter=${encodeURIComponent(`externalId eq "bjensen${tag}"`)}`);
      expect(byExternal.body.Resources.map((r) => r.id)).toEqual([res.body.id]);
      for (const f of rfc.filters.unsupported) expectScimError(await scim('GET', `/Users?filter=${encodeURIComponent(f)}`), 400, 'invalidFilter');

      const all = await scim<ListResponse>('GET', '/Users?startIndex=1&count=2');
      expect(all.body.itemsPerPage).toBe(2);
      const second = await scim<ListResponse>('GET', '/Users?startIndex=2&count=2');
      expect(second.body.Resources[0]!.id).toBe(all.body.Resources[1]!.id);
      expect(second.body.totalResults).toBe(all.body.totalResults);
      const zero = await scim<ListResponse>('GET', '/Users?count=0');
      expect(zero.body).toMatchObject({ itemsPerPage: 0, Resources: [] });
    });

    it('§3.5.2 add/remove/replace members of a group, with and without a filter', async () => {
      const babs = await newUser();
      const james = await newUser();
      const swaps = { [RFC_BABS_ID]: babs.id, [RFC_JAMES_ID]: james.id };
      const group = await scim('POST', '/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: `Tour Guides ${uniqueTag()}` });
      expect(group.status, group.text).toBe(201);
      const members = async () => ((await scim<{ members: { value: string }[] }>('GET', `/Groups/${group.body.id}`)).body.members ?? []).map((m) => m.value).sort();

      expect((await scim('PATCH', `/Groups/${group.body.id}`, adapt(rfc.addMember, swaps))).status).toBe(200);
      expect(await members()).toEqual([babs.id]);
      expect((await row(babs.id)).departmentId).toBe(group.body.id);
      expect((await scim('PATCH', `/Groups/${group.body.id}`, adapt(rfc.replaceMembers, swaps))).status).toBe(200);
      expect(await members()).toEqual([babs.id, james.id].sort());
      expect((await scim('PATCH', `/Groups/${group.body.id}`, adapt(rfc.removeMember, swaps))).status).toBe(200);
      expect(await members()).toEqual([james.id]);
      expect((await row(babs.id)).departmentId).toBeNull();
      expect((await scim('PATCH', `/Groups/${group.body.id}`, adapt(rfc.removeThenAdd, swaps))).status).toBe(200);
      expect(await members()).toEqual([babs.id]);
      expect((await scim('PATCH', `/Groups/${group.body.id}`, rfc.removeAllMembers)).status).toBe(200);
      expect(await members()).toEqual([]);
    });

    it('§3.5.2 add and replace without a path change the e-mail address; unknown attributes are ignored', async () => {
      const user = await newUser();
      const tag = uniqueTag();
      const add = await scim('PATCH', `/Users/${user.id}`, adapt(rfc.addWithoutPath, { 'babs@jensen.org': `babs${tag}@jensen.org` }));
      expect(add.status, add.text).toBe(200);
      // The primary address stays the one Taiwa uses; a home address is not kept.
      expect((await row(user.id)).email).toBe((user.emails as { value: string }[])[0]!.value);
      const replaced = await scim('PATCH', `/Users/${user.id}`, adapt(rfc.replaceWithoutPath, { 'bjensen@example.com': `bjensen${tag}@example.com`, 'babs@jensen.org': `babs${tag}@jensen.org` }));
      expect(replaced.status, replaced.text).toBe(200);
      expect((await row(user.id)).email).toBe(`bjensen${tag}@example.com`);
    });
  });

  describe('Entra ID request shapes', () => {
    it('creates, finds by userName (the UPN), updates, sets and removes the manager, disables with "False"', async () => {
      const tag = uniqueTag();
      const body = adapt(entra.createUser, { testuser: `testuser${tag}`, '0a21f0f2-8d2a': `0a21f0f2-${tag}` });
      const created = await scim('POST', '/Users', body);
      expect(created.status, created.text).toBe(201);
      // Its externalId is too long for an employee number: one is made up, to be changed by an admin.
      expect((await row(created.body.id)).employeeNumber).toMatch(/^scim-[0-9a-f]{8}$/);
      const found = await scim<ListResponse>('GET', `/Users?filter=${encodeURIComponent(entra.getByUserName.replace('testuser', `testuser${tag}`))}`);
      expect(found.body.Resources.map((r) => r.id)).toEqual([created.body.id]);
      expect(found.body.Resources[0]!.userName).toBe(body.userName);

      const updated = await scim('PATCH', `/Users/${created.body.id}`, adapt(entra.updateMultiValued, { 'updatedEmail@microsoft.com': `updated${tag}@microsoft.test` }));
      expect(updated.status, updated.text).toBe(200);
      expect(await row(created.body.id)).toMatchObject({ email: `updated${tag}@microsoft.test`, familyName: 'updatedFamilyName' });
      const renamed = await scim('PATCH', `/Users/${created.body.id}`, adapt(entra.updateSingleValued, { testuser: `testuser${tag}` }));
      expect(renamed.status, renamed.text).toBe(200);
      expect(renamed.body.userName).toBe(`5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser${tag}.com`);

      const boss = await newUser();
      const withManager = await scim('PATCH', `/Users/${created.body.id}`, adapt(entra.addManager, { [ENTRA_USER_ID_PLACEHOLDER]: boss.id }));
      expect(withManager.status, withManager.text).toBe(200);
      expect((await row(created.body.id)).managerId).toBe(boss.id);
      // A reporting cycle is refused with the existing rule, and nothing changes.
      const cycle = await scim('PATCH', `/Users/${boss.id}`, adapt(entra.addManager, { [ENTRA_USER_ID_PLACEHOLDER]: created.body.id }), { 'accept-language': 'en' });
      expectScimError(cycle, 400, 'invalidValue');
      expect((await row(boss.id)).managerId).toBeNull();
      // The manager with active reports cannot be disabled first (409), as in the admin screen.
      expectScimError(await scim('PATCH', `/Users/${boss.id}`, entra.disableUser), 409);
      expect((await row(boss.id)).active).toBe(true);
      expect((await scim('PATCH', `/Users/${created.body.id}`, entra.removeManager)).status).toBe(200);
      expect((await row(created.body.id)).managerId).toBeNull();

      const disabled = await scim('PATCH', `/Users/${created.body.id}`, entra.disableUserStringBoolean);
      expect(disabled.status, disabled.text).toBe(200);
      expect(disabled.body.active).toBe(false);
      expect((await row(created.body.id)).active).toBe(false);
      expect((await scim('PATCH', `/Users/${boss.id}`, entra.disableUser)).body.active).toBe(false);
    });

    it('groups: create, find by displayName without members, add and remove members, rename', async () => {
      const tag = uniqueTag();
      const member = await newUser();
      const boss = await newUser();
      const group = await scim('POST', '/Groups', adapt(entra.createGroup, { ':"displayName"': `:"Sales ${tag}"`, '8aa1a0c0': `8aa1a0c0${tag}` }));
      expect(group.status, group.text).toBe(201);
      expect(group.body).toMatchObject({ displayName: `Sales ${tag}`, externalId: `8aa1a0c0${tag}-c4c3-4bc0-b4a5-2ef676900159`, members: [] });
      const found = await scim<ListResponse>('GET', `/Groups?excludedAttributes=members&filter=${encodeURIComponent(`displayName eq "Sales ${tag}"`)}`);
      expect(found.body.Resources.map((r) => r.id)).toEqual([group.body.id]);
      expect(found.body.Resources[0]).not.toHaveProperty('members');
      expect((await scim('PATCH', `/Groups/${group.body.id}`, adapt(entra.addMembers, { [ENTRA_USER_ID_PLACEHOLDER]: member.id }))).status).toBe(200);
      expect((await row(member.id)).departmentId).toBe(group.body.id);
      // Entra ID's membership check: the group answers when the user is in it, nothing when not.
      const isMember = async (userId: string) =>
        (await scim<ListResponse>('GET', `/Groups?attributes=id&filter=${encodeURIComponent(`id eq "${group.body.id}" and members eq "${userId}"`)}`)).body.totalResults;
      expect(await isMember(member.id)).toBe(1);
      expect(await isMember(boss.id)).toBe(0);
      expect((await scim('PATCH', `/Groups/${group.body.id}`, adapt(entra.removeMembers, { [ENTRA_USER_ID_PLACEHOLDER]: member.id }))).status).toBe(200);
      expect((await row(member.id)).departmentId).toBeNull();
      const rename = adapt(entra.renameGroup, { '1879db59': `1879db59${tag}` });
      const renamed = await scim('PATCH', `/Groups/${group.body.id}`, rename);
      expect(renamed.status, renamed.text).toBe(200);
      const [dept] = await database.db.select().from(departments).where(eq(departments.id, group.body.id));
      expect(dept!.name).toBe(rename.Operations[0]!.value);
      // A second group of the same name is a duplicate.
      expectScimError(await scim('POST', '/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: rename.Operations[0]!.value }), 409, 'uniqueness');
    });
  });

  describe('Okta request shapes', () => {
    it('finds, creates, replaces (PUT), deactivates; pushes a group and its members', async () => {
      const tag = uniqueTag();
      const swaps = { 'okta.local': `okta${tag}.test`, '00ujl29u0le5T6Aj10h7': `00u${tag}` };
      const none = await scim<ListResponse>('GET', `/Users?filter=${encodeURIComponent(adapt(okta.findUser, swaps))}&startIndex=1&count=100`);
      expect(none.body.totalResults).toBe(0);
      const created = await scim('POST', '/Users', adapt(okta.createUser, swaps));
      expect(created.status, created.text).toBe(201);
      const id = created.body.id;
      const replaced = await scim('PUT', `/Users/${id}`, adapt(okta.replaceUser, { ...swaps, [OKTA_USER_ID_PLACEHOLDER]: id }));
      expect(replaced.status, replaced.text).toBe(200);
      expect(await row(id)).toMatchObject({ givenName: 'Another', familyName: 'User', active: true });

      const group = await scim('POST', '/Groups', { ...okta.createGroup, displayName: `Test SCIMv2 ${tag}` });
      expect(group.status, group.text).toBe(201);
      expect((await scim('PATCH', `/Groups/${group.body.id}`, adapt(okta.addMember, { ...swaps, [OKTA_USER_ID_PLACEHOLDER]: id }))).status).toBe(200);
      expect((await row(id)).departmentId).toBe(group.body.id);
      const renamed = await scim('PATCH', `/Groups/${group.body.id}`, adapt(okta.renameGroup, { GROUP_ID: group.body.id, 'Test SCIMv2 renamed': `Renamed ${tag}` }));
      expect(renamed.status, renamed.text).toBe(200);
      expect(renamed.body.displayName).toBe(`Renamed ${tag}`);
      expect((await scim('PATCH', `/Groups/${group.body.id}`, adapt(okta.removeMember, { [OKTA_USER_ID_PLACEHOLDER]: id }))).status).toBe(200);
      expect((await row(id)).departmentId).toBeNull();

      const off = await scim('PATCH', `/Users/${id}`, okta.deactivateUser);
      expect(off.status, off.text).toBe(200);
      expect(await row(id)).toMatchObject({ active: false });
      expect((await row(id)).deactivatedAt).not.toBeNull();
    });
  });

  describe('deactivation, deletion and bad input', () => {
    it('a deactivated user\'s session ends: signed in, PATCH active=false, the session answers 401', async () => {
      const [person] = await insertPeople(database.db, built.services.auth, [{ familyName: '退職', givenName: '予定' }]);
      const cookie = await signIn(app, person!.email, TEST_PASSWORD);
      expect((await call(app, 'GET', '/api/me', { cookie })).status).toBe(200);
      const deactivated: string[] = [];
      const listener = (id: string) => deactivated.push(id);
      built.services.events.on('employeeDeactivated', listener);
      const res = await scim('PATCH', `/Users/${person!.id}`, entra.disableUserStringBoolean);
      built.services.events.off('employeeDeactivated', listener);
      expect(res.status, res.text).toBe(200);
      // Live sockets close through the same event the admin screen's deactivation raises.
      expect(deactivated).toEqual([person!.id]);
      expectError(await call(app, 'GET', '/api/me', { cookie }), 401, 'unauthenticated');
      expect(await database.db.select().from(session).where(eq(session.userId, person!.userId))).toEqual([]);
      // Signing in again is refused too.
      const again = await call(app, 'POST', '/api/auth/sign-in/email', { body: { email: person!.email, password: TEST_PASSWORD } });
      expect(again.status).not.toBe(200);
    });

    it('DELETE deactivates and keeps the employee; the User still answers with active=false', async () => {
      const user = await newUser();
      const res = await scim('DELETE', `/Users/${user.id}`);
      expect(res.status).toBe(204);
      expect(await row(user.id)).toMatchObject({ active: false });
      expect((await scim('GET', `/Users/${user.id}`)).body.active).toBe(false);
      expectScimError(await scim('DELETE', '/Users/not-an-id'), 404);
      // Okta reactivates with a path-less replace; the employee is active again, deactivatedAt cleared.
      const back = await scim('PATCH', `/Users/${user.id}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', value: { active: true } }] });
      expect(back.status, back.text).toBe(200);
      expect(await row(user.id)).toMatchObject({ active: true, deactivatedAt: null });
    });

    it('DELETE of a group deactivates the department and leaves its people without one', async () => {
      const member = await newUser();
      const group = await scim('POST', '/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: `Gone ${uniqueTag()}`, members: [{ value: member.id }] });
      expect((await row(member.id)).departmentId).toBe(group.body.id);
      expect((await scim('DELETE', `/Groups/${group.body.id}`)).status).toBe(204);
      const [dept] = await database.db.select().from(departments).where(eq(departments.id, group.body.id));
      expect(dept!.active).toBe(false);
      expect((await row(member.id)).departmentId).toBeNull();
      expectScimError(await scim('GET', `/Groups/${group.body.id}`), 404);
    });

    it('bad payloads answer SCIM errors in the caller\'s language and change nothing', async () => {
      const user = await newUser({ [TAIWA]: { familyNameKana: 'サトウ', givenNameKana: 'イチロウ' } });
      const before = await row(user.id);
      expect(before).toMatchObject({ familyNameKana: 'サトウ', givenNameKana: 'イチロウ' });
      const cases: [string, string, unknown, number, string | undefined][] = [
        ['PATCH', `/Users/${user.id}`, '{not json', 400, 'invalidSyntax'],
        ['PATCH', `/Users/${user.id}`, { Operations: [{ op: 'replace', path: 'active', value: false }] }, 400, 'invalidSyntax'],
        ['PATCH', `/Users/${user.id}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'move', path: 'active' }] }, 400, 'invalidSyntax'],
        ['PATCH', `/Users/${user.id}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'active', value: 'maybe' }] }, 400, 'invalidValue'],
        ['PATCH', `/Users/${user.id}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'remove' }] }, 400, 'noTarget'],
        ['PATCH', `/Users/${user.id}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'emails[type eq "home"].value', value: 'x@y.test' }] }, 400, 'noTarget'],
        ['PATCH', `/Users/${user.id}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: '[bad', value: 1 }] }, 400, 'invalidPath'],
        ['PATCH', `/Users/${user.id}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: `${TAIWA}:familyNameKana`, value: 'sato' }] }, 400, 'invalidValue'],
        ['PATCH', `/Users/${user.id}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'name.familyName', value: '' }] }, 400, 'invalidValue'],
        ['PUT', `/Users/${user.id}`, { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'no-mail', name: { familyName: 'A', givenName: 'B' } }, 400, 'invalidValue'],
        ['PUT', `/Users/${user.id}`, { userName: 'x@y.test', name: { familyName: 'A', givenName: 'B' }, emails: [{ value: 'not an address', primary: true }] }, 400, 'invalidValue'],
        ['GET', '/Users?filter=userName%20eq', undefined, 400, 'invalidFilter'],
        ['GET', '/Users/00000000-0000-4000-8000-000000000000', undefined, 404, undefined],
        ['POST', '/Groups', { members: [{ value: user.id }] }, 400, 'invalidValue'],
        ['POST', '/Groups', { displayName: `X ${uniqueTag()}`, members: [{ value: '00000000-0000-4000-8000-000000000000' }] }, 400, 'invalidValue'],
      ];
      for (const [method, path, body, status, type] of cases) {
        const res = await scim(method, path, body, { 'accept-language': 'ja' });
        const err = expectScimError(res, status, type);
        if (status === 400 && type !== 'invalidSyntax') expect(err.detail, `${method} ${path}`).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      }
      expect(await row(user.id)).toEqual(before);
      // A body over the size limit is a SCIM error too.
      const huge = { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'title', value: 'x'.repeat(built.config.bodyLimitBytes) }] };
      expectScimError(await scim('PATCH', `/Users/${user.id}`, huge), 413);
      expect(await row(user.id)).toEqual(before);
      // An address taken by someone else is 409 uniqueness, and changes nothing.
      const other = await newUser();
      const taken = await scim('PATCH', `/Users/${user.id}`, {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'replace', path: 'emails[primary eq true].value', value: (other.emails as { value: string }[])[0]!.value }],
      });
      expectScimError(taken, 409, 'uniqueness');
      expect(await row(user.id)).toEqual(before);
    });

    it('keeps kana and the employee number when a PUT leaves their extensions out', async () => {
      const user = await newUser({ [TAIWA]: { familyNameKana: 'サトウ', givenNameKana: 'イチロウ' }, [ENTERPRISE]: { employeeNumber: `E${uniqueTag()}` } });
      const before = await row(user.id);
      const put = await scim('PUT', `/Users/${user.id}`, { userName: before.email, name: { familyName: '佐藤', givenName: '次郎' }, emails: [{ value: before.email, primary: true }] });
      expect(put.status, put.text).toBe(200);
      expect(await row(user.id)).toMatchObject({ givenName: '次郎', familyNameKana: 'サトウ', employeeNumber: before.employeeNumber });
    });
  });
});
