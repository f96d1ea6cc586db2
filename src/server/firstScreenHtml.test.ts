import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstScreenHtml, firstScreenLinks, matchFirstScreenPage, parseFirstScreenManifest, type FirstScreenPage } from './firstScreenHtml.js';
import { testApp } from './test/app.js';
import { testDatabase } from './test/database.js';
import { noDatabase } from './test/provided.js';

const pages: FirstScreenPage[] = [
  { path: '/', modules: ['/assets/AppLayout-a.js', '/assets/HomePage-b.js'], data: ['/api/session', '/api/home'], firstCatalog: true },
  { path: '/sign-in', modules: ['/assets/SignIn-s.js'], data: ['/api/session'], firstCatalog: true },
  { path: '/meetings/$meetingId/room', modules: ['/assets/Room-c.js'], data: ['/api/session', '/api/meetings/$meetingId/flow'] },
];
const catalogs = { ja: '/assets/ja-j.js', en: '/assets/en-e.js' };
const firstCatalogs = { ja: '/assets/ja-first.js', en: '/assets/en-first.js' };
const manifest = { pages, catalogs, firstCatalogs };
const indexHtml = '<!doctype html><html><head><title>t</title></head><body><div id="root"></div></body></html>';

describe('matchFirstScreenPage', () => {
  it.each([
    ['/', '/', {}],
    ['/meetings/0b6f-42/room', '/meetings/$meetingId/room', { meetingId: '0b6f-42' }],
    ['/meetings/0b6f-42/room/', '/meetings/$meetingId/room', { meetingId: '0b6f-42' }],
  ])('%s is the page %s', (pathname, expected, params) => {
    const match = matchFirstScreenPage(pages, pathname);
    expect(match?.page.path).toBe(expected);
    expect(match?.params).toEqual(params);
  });

  it.each(['/employees', '/meetings/x/prep', '/meetings/a%22b/room', '/meetings//room', '/meetings/a/b/room'])('%s has no page', (pathname) => {
    expect(matchFirstScreenPage(pages, pathname)).toBeNull();
  });
});

describe('firstScreenHtml', () => {
  it("puts the page's data and chunks, parameters filled in, at the end of the head", () => {
    const html = firstScreenHtml(indexHtml, manifest, '/meetings/m-1/room', { withSession: true, language: 'en' });
    const head = html.slice(0, html.indexOf('</head>'));
    expect(head).toContain('<link rel="preload" as="fetch" crossorigin="anonymous" href="/api/session">');
    expect(head).toContain('<link rel="preload" as="fetch" crossorigin="anonymous" href="/api/meetings/m-1/flow">');
    expect(head).toContain('<link rel="modulepreload" crossorigin href="/assets/Room-c.js">');
    expect(head).not.toContain('HomePage');
    expect(head).toContain('<link rel="modulepreload" crossorigin href="/assets/en-e.js">');
    expect(head).not.toContain('ja-j.js');
    expect(html.endsWith('<body><div id="root"></div></body></html>')).toBe(true);
  });

  it('without a session cookie preloads only the answers every visitor gets', () => {
    const links = firstScreenLinks(pages, '/', false);
    expect(links).toContain('href="/api/session"');
    expect(links).not.toContain('/api/home');
    expect(links).toContain('href="/assets/HomePage-b.js"');
  });

  it("an address without a page gets the language's catalog only; without a build list, nothing", () => {
    const html = firstScreenHtml(indexHtml, manifest, '/employees', { withSession: true, language: 'ja' });
    expect(html).toContain('<link rel="modulepreload" crossorigin href="/assets/ja-j.js">');
    expect(html.match(/<link /g)).toHaveLength(1);
    expect(firstScreenHtml(indexHtml, parseFirstScreenManifest(null), '/', { withSession: true, language: 'ja' })).toBe(indexHtml);
  });

  it('the first screens preload the first-screen part of the catalog, every other page the whole catalog (ADR 0227)', () => {
    const catalogOf = (pathname: string, language: string) =>
      [...firstScreenHtml(indexHtml, manifest, pathname, { withSession: true, language }).matchAll(/href="(\/assets\/(?:ja|en)-[a-z]+\.js)"/g)].map((m) => m[1]);
    expect(catalogOf('/', 'ja')).toEqual(['/assets/ja-first.js']);
    expect(catalogOf('/sign-in/', 'en')).toEqual(['/assets/en-first.js']);
    expect(catalogOf('/meetings/m-1/room', 'ja')).toEqual(['/assets/ja-j.js']);
    expect(catalogOf('/sign-in/x', 'ja')).toEqual(['/assets/ja-j.js']);
    // A build list without the parts: the whole catalog everywhere.
    expect(firstScreenHtml(indexHtml, { pages, catalogs, firstCatalogs: {} }, '/', { withSession: true, language: 'ja' })).toContain('/assets/ja-j.js');
  });

  it('escapes what it writes into an attribute', () => {
    const odd: FirstScreenPage[] = [{ path: '/x', modules: ['/assets/a"b<c>.js'], data: [] }];
    expect(firstScreenLinks(odd, '/x', true)).toBe('<link rel="modulepreload" crossorigin href="/assets/a&quot;b&lt;c&gt;.js">');
  });

  it('reads only a well-formed list', () => {
    const none = { pages: [], catalogs: {}, firstCatalogs: {} };
    expect(parseFirstScreenManifest(null)).toEqual(none);
    expect(parseFirstScreenManifest('not json')).toEqual(none);
    expect(
      parseFirstScreenManifest(
        '{"pages":[{"path":"/"},{"path":"/a","modules":[],"data":[]}],"catalogs":{"ja":"/assets/ja.js","en":3},"firstCatalogs":{"ja":"/assets/jf.js"}}',
      ),
    ).toEqual({
      pages: [{ path: '/a', modules: [], data: [] }],
      catalogs: { ja: '/assets/ja.js' },
      firstCatalogs: { ja: '/assets/jf.js' },
    });
  });
});

describe.skipIf(noDatabase)('the page HTML served', () => {
  const database = testDatabase();
  let app: ReturnType<typeof testApp>['app'];
  let webDir: string;

  beforeAll(() => {
    webDir = mkdtempSync(path.join(os.tmpdir(), 'taiwa-web-'));
    writeFileSync(path.join(webDir, 'index.html'), indexHtml);
    writeFileSync(path.join(webDir, 'first-screen.json'), JSON.stringify(manifest));
    app = testApp(database, { webDir }).app;
  });
  afterAll(() => rmSync(webDir, { recursive: true, force: true }));

  it.each([
    ['/', '/api/home'],
    ['/meetings/m-2/room', '/api/meetings/m-2/flow'],
  ])("%s carries its preload links, not cached; the page's data only with a session cookie, whoever's", async (pathname, data) => {
    const anonymous = await app.request(pathname);
    const signedIn = await app.request(pathname, { headers: { cookie: 'taiwa.session_token=one-person' } });
    const other = await app.request(pathname, { headers: { cookie: 'taiwa.session_token=another-person; other=x' } });
    for (const res of [anonymous, signedIn]) {
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(res.headers.get('vary')).toMatch(/cookie/i);
    }
    const anonymousHtml = await anonymous.text();
    const html = await signedIn.text();
    expect(anonymousHtml).toContain('href="/api/session"');
    expect(anonymousHtml).not.toContain(`href="${data}"`);
    expect(html).toContain(`href="${data}"`);
    expect(await other.text()).toBe(html);
  });

  it.each([
    [undefined, 'ja-j.js'],
    ['taiwa.lang=en', 'en-e.js'],
    ['taiwa.lang=ja', 'ja-j.js'],
    ['taiwa.lang=xx', 'ja-j.js'],
  ])('cookie %s preloads the catalog %s', async (cookie, catalog) => {
    const html = await (await app.request('/employees', { headers: cookie ? { cookie } : {} })).text();
    expect(html).toContain(catalog);
    expect(html).not.toContain(catalog.startsWith('ja') ? 'en-e.js' : 'ja-j.js');
  });

  it.each(['/employees', '/index.html'])('%s gets no page links, not cached', async (pathname) => {
    const res = await app.request(pathname);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const html = await res.text();
    expect(html).not.toContain('/api/');
    expect(html).not.toContain('HomePage');
  });
});
