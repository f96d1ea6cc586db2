import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignInOptions, SsoDiscovery, SsoSettings } from '../../../domain/sso.js';
import { account, employees, settings } from '../../db/schema.js';
import { SSO_SETTING } from '../../sso/settings.js';
import { call, cookieFrom, TEST_BASE_URL, testApp } from '../../test/app.js';
import { testDatabase } from '../../test/database.js';
import { expectError, expectFields, japanese } from '../../test/expect.js';
import { TEST_PASSWORD, type Organisation, signedInOrganisation } from '../../test/factories.js';
import { viewers, type Viewer } from '../../test/followUp.js';
import { startTestIdp, type TestIdp } from '../../test/oidcProvider.js';
import { noDatabase } from '../../test/provided.js';

type App = ReturnType<typeof testApp>['app'];

/** A tiny cookie jar for the identity provider's pages. */
function absorb(jar: Map<string, string>, res: Response): void {
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(';');
    const i = pair!.indexOf('=');
    jar.set(pair!.slice(0, i), pair!.slice(i + 1));
  }
}
const jarHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

/**
 * Goes through single sign-on as a browser would: Taiwa's start, the provider's login form (any
 * password), the provider's redirect back, and Taiwa's callback. Answers where Taiwa sends the
 * browser in the end and the cookies it set.
 */
async function ssoSignIn(app: App, login: string): Promise<{ location: string; cookie: string }> {
  const start = await call<{ url: string; redirect: boolean }>(app, 'POST', '/api/auth/sign-in/social', { body: { callbackURL: '/' } });
  expect(start.status).toBe(200);
  const taiwaCookie = cookieFrom(start.headers);
  const jar = new Map<string, string>();
  let url = start.body.url;
  for (let hop = 0; hop < 12; hop++) {
    if (url.startsWith(TEST_BASE_URL)) {
      const res = await app.request(url.slice(TEST_BASE_URL.length), { headers: { cookie: taiwaCookie } });
      expect(res.status).toBe(302);
      return { location: res.headers.get('location')!, cookie: cookieFrom(res.headers) };
    }
    let res = await fetch(url, { redirect: 'manual', headers: { cookie: jarHeader(jar) } });
    absorb(jar, res);
    if (res.status === 200) {
      // The provider's login form: post the login to its action.
      const html = await res.text();
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      expect(action, html.slice(0, 500)).toBeTruthy();
      res = await fetch(new URL(action!, url), {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: jarHeader(jar), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ prompt: 'login', login, password: 'anything' }).toString(),
      });
      absorb(jar, res);
    }
    expect([302, 303]).toContain(res.status);
    url = new URL(res.headers.get('location')!, url).toString();
  }
  throw new Error('too many redirects');
}

describe.skipIf(noDatabase)('single sign-on (OIDC)', () => {
  const database = testDatabase();
  let app: App;
  let org: Organisation;
  let cookies: Record<Viewer, string | null>;
  let idp: TestIdp;
  let domain: string;

  const save = (body: Record<string, unknown>, cookie = cookies.admin) => call<SsoSettings>(app, 'PUT', '/api/admin/sso', { cookie, body, lang: 'en' });
  const goodSettings = () => ({ enabled: true, issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret, allowedDomains: [domain], ssoOnly: false });

  beforeAll(async () => {
    ({ app, org, cookies } = await signedInOrganisation(database));
    domain = org.self.email.split('@')[1]!;
    idp = await startTestIdp(`${TEST_BASE_URL}/api/auth/callback/sso`);
  });
  afterAll(async () => {
    await idp?.close();
  });

  it('only admins read and change the settings and test discovery; the sign-in options are for anyone', async () => {
    for (const v of viewers) {
      const read = await call(app, 'GET', '/api/admin/sso', { cookie: cookies[v] });
      const write = await save({ ...goodSettings(), enabled: false }, cookies[v]);
      const test = await call(app, 'POST', '/api/admin/sso/discovery', { cookie: cookies[v], body: { issuer: idp.issuer } });
      const options = await call<SignInOptions>(app, 'GET', '/api/sign-in-options', { cookie: cookies[v] });
      expect(options.status).toBe(200);
      if (v === 'anonymous') for (const r of [read, write, test]) expectError(r, 401, 'unauthenticated');
      else if (v === 'admin') for (const r of [read, write, test]) expect(r.status).toBe(200);
      else for (const r of [read, write, test]) expectError(r, 403, 'forbidden');
    }
  });

  it('keeps the client secret write-only and encrypted at rest', async () => {
    const saved = await save(goodSettings());
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({
      configured: true,
      enabled: true,
      issuer: idp.issuer,
      clientId: idp.clientId,
      hasClientSecret: true,
      allowedDomains: [domain],
      ssoOnly: false,
      redirectUri: `${TEST_BASE_URL}/api/auth/callback/sso`,
    });
    const read = await call<SsoSettings>(app, 'GET', '/api/admin/sso', { cookie: cookies.admin });
    expect(read.text).not.toContain(idp.clientSecret);
    const [row] = await database.db.select().from(settings).where(eq(settings.key, SSO_SETTING));
    expect(row!.value).not.toContain(idp.clientSecret);
    // Saving without a secret keeps the stored one.
    const again = await save({ ...goodSettings(), clientSecret: undefined });
    expect(again.body.hasClientSecret).toBe(true);
    const [after] = await database.db.select().from(settings).where(eq(settings.key, SSO_SETTING));
    expect(JSON.parse(after!.value).clientSecret).toBe(JSON.parse(row!.value).clientSecret);
    expect((await call<SignInOptions>(app, 'GET', '/api/sign-in-options')).body).toEqual({ sso: true, ssoOnly: false });
  });

  it('refuses bad input with a clear 400 in the caller’s language and changes nothing', async () => {
    await save(goodSettings());
    const before = await database.db.select().from(settings).where(eq(settings.key, SSO_SETTING));
    expectFields(await save({ ...goodSettings(), issuer: 'http://idp.example.com' }), { issuer: 'Enter a URL starting with https:// (plain http:// only reaches an identity provider on this server, localhost).' });
    const domains = await call(app, 'PUT', '/api/admin/sso', { cookie: cookies.admin, lang: 'ja', body: { ...goodSettings(), allowedDomains: ['not a domain'] } });
    expect(expectError(domains, 400, 'validation').fields?.['allowedDomains.0']).toMatch(japanese);
    expectFields(await save({ ...goodSettings(), allowedDomains: [] }), { allowedDomains: 'Enter at least one allowed domain.' });
    expectError(await save({ ...goodSettings(), clientId: '' }), 400, 'validation');
    // Switching on with an issuer that is no OpenID Provider: the discovery problem, on the issuer field.
    const dead = await call(app, 'PUT', '/api/admin/sso', { cookie: cookies.admin, lang: 'en', body: { ...goodSettings(), issuer: 'http://127.0.0.1:9' } });
    const err = expectError(dead, 400, 'validation');
    expect(err.fields?.issuer).toMatch(/Could not fetch the OpenID Connect configuration/);
    expect(await database.db.select().from(settings).where(eq(settings.key, SSO_SETTING))).toEqual(before);
  });

  it('tests discovery: what the provider offers, or why the issuer is wrong', async () => {
    const ok = await call<SsoDiscovery>(app, 'POST', '/api/admin/sso/discovery', { cookie: cookies.admin, body: { issuer: idp.issuer } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ issuer: idp.issuer, authorizationEndpoint: `${idp.issuer}/auth`, pkceS256: true });
    const unreachable = await call(app, 'POST', '/api/admin/sso/discovery', { cookie: cookies.admin, lang: 'ja', body: { issuer: 'http://127.0.0.1:9/realms/x' } });
    expect(expectError(unreachable, 400, 'validation').fields?.issuer).toMatch(/取得できませんでした/);
    // A real provider under another name: its document names a different issuer.
    const mismatch = await call(app, 'POST', '/api/admin/sso/discovery', { cookie: cookies.admin, body: { issuer: idp.issuer.replace('127.0.0.1', 'localhost') } });
    expect(expectError(mismatch, 400, 'validation').reason).toBe('errors.ssoDiscovery.issuerMismatch');
    // Not JSON: Taiwa itself has no discovery document (its unknown paths answer the web app or 404).
    expectError(await call(app, 'POST', '/api/admin/sso/discovery', { cookie: cookies.admin, body: { issuer: 'ftp://idp.example.com' } }), 400, 'validation');
  });

  it('signs an existing employee in by their verified address and links the account', async () => {
    await save(goodSettings());
    const { location, cookie } = await ssoSignIn(app, org.otherReport.email);
    expect(location).toBe('/');
    const me = await call<{ employee: { id: string } }>(app, 'GET', '/api/me', { cookie });
    expect(me.status).toBe(200);
    expect(JSON.stringify(me.body)).toContain(org.otherReport.id);
    const linked = await database.db.select().from(account).where(eq(account.userId, org.otherReport.userId));
    expect(linked.map((a) => a.providerId).sort()).toEqual(['credential', 'sso']);
    // The second time the linked account is used.
    expect((await ssoSignIn(app, org.otherReport.email)).location).toBe('/');
  });

  it('refuses an address of another domain, an unverified address, an unknown person and a deactivated employee', async () => {
    await save(goodSettings());
    idp.accounts.set('stranger', { email: `stranger@elsewhere.test`, emailVerified: true });
    idp.accounts.set('unverified', { email: org.skipLevel.email, emailVerified: false });
    idp.accounts.set('nobody', { email: `nobody@${domain}`, emailVerified: true });
    const refused = async (login: string) => {
      const r = await ssoSignIn(app, login);
      expect(r.cookie).not.toMatch(/session_token=/);
      return new URL(r.location, TEST_BASE_URL).searchParams.get('error');
    };
    expect(await refused('stranger')).toBe('sso_domain_not_allowed');
    expect(await refused('unverified')).toBe('sso_email_not_verified');
    expect(await refused('nobody')).toBe('sso_no_employee');
    expect(await refused(org.former.email)).toBe('sso_deactivated');
    // Nobody was created, nothing was linked for the refused.
    expect(await database.db.select().from(account).where(eq(account.userId, org.skipLevel.userId))).toHaveLength(1);
    const [nobody] = await database.db.select().from(employees).where(eq(employees.email, `nobody@${domain}`));
    expect(nobody).toBeUndefined();
  });

  it('takes Microsoft Entra ID’s xms_edov (domain verified by the tenant) when email_verified is missing', async () => {
    await save(goodSettings());
    idp.accounts.set('entra-verified', { email: org.partner.email, xmsEdov: true });
    idp.accounts.set('entra-unverified', { email: org.skipLevel.email, xmsEdov: false });
    expect((await ssoSignIn(app, 'entra-verified')).location).toBe('/');
    expect(new URL((await ssoSignIn(app, 'entra-unverified')).location, TEST_BASE_URL).searchParams.get('error')).toBe('sso_email_not_verified');
  });

  it('refuses a linked employee once deactivated', async () => {
    await save(goodSettings());
    expect((await ssoSignIn(app, org.hr.email)).location).toBe('/');
    await database.db.update(employees).set({ active: false }).where(eq(employees.id, org.hr.id));
    try {
      expect(new URL((await ssoSignIn(app, org.hr.email)).location, TEST_BASE_URL).searchParams.get('error')).toBe('sso_deactivated');
    } finally {
      await database.db.update(employees).set({ active: true }).where(eq(employees.id, org.hr.id));
    }
  });

  it('with "SSO only", refuses password sign-in to everyone but admins (the break-glass way)', async () => {
    await save({ ...goodSettings(), ssoOnly: true });
    try {
      expect((await call<SignInOptions>(app, 'GET', '/api/sign-in-options')).body).toEqual({ sso: true, ssoOnly: true });
      const refused = await call(app, 'POST', '/api/auth/sign-in/email', { lang: 'ja', body: { email: org.self.email, password: TEST_PASSWORD } });
      expect(expectError(refused, 403, 'forbidden').message).toMatch(/SSO/);
      expect(cookieFrom(refused.headers)).not.toMatch(/session_token=/);
      const admin = await call(app, 'POST', '/api/auth/sign-in/email', { body: { email: org.admin.email, password: TEST_PASSWORD } });
      expect(admin.status).toBe(200);
      // Switched off, everyone's password works again.
      await save({ ...goodSettings(), ssoOnly: false });
      expect((await call(app, 'POST', '/api/auth/sign-in/email', { body: { email: org.self.email, password: TEST_PASSWORD } })).status).toBe(200);
    } finally {
      await save(goodSettings());
    }
  });

  it('sends a callback without state back to the sign-in page, signed out', async () => {
    await save(goodSettings());
    const res = await app.request('/api/auth/callback/sso?code=abc');
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!, TEST_BASE_URL);
    expect(location.pathname).toBe('/sign-in');
    expect(location.searchParams.get('error')).toBeTruthy();
    expect(cookieFrom(res.headers)).not.toMatch(/session_token=/);
  });

  it('does not start SSO while it is off', async () => {
    await save({ ...goodSettings(), enabled: false });
    try {
      expectError(await call(app, 'POST', '/api/auth/sign-in/social', { body: {} }), 404, 'not_found');
      expect((await call<SignInOptions>(app, 'GET', '/api/sign-in-options')).body).toEqual({ sso: false, ssoOnly: false });
      // A provider answer arriving after SSO was switched off goes back to the sign-in page.
      const late = await app.request('/api/auth/callback/sso?code=x&state=y');
      expect(late.status).toBe(302);
      expect(late.headers.get('location')).toBe('/sign-in?error=sso_failed');
    } finally {
      await save(goodSettings());
    }
  });
});
