import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompressDir } from '../../scripts/precompress.js';
import { chooseEncoding } from './compression.js';
import { testApp } from './test/app.js';
import { testDatabase } from './test/database.js';
import { noDatabase } from './test/provided.js';

describe('chooseEncoding', () => {
  it.each([
    [undefined, null],
    ['', null],
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip, deflate', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['br;q=0.5, gzip;q=0.8', 'gzip'],
    ['identity', null],
    ['*', 'br'],
    ['*;q=0, gzip', 'gzip'],
  ] as const)('%s → %s', (header, expected) => {
    expect(chooseEncoding(header)).toBe(expected);
  });
});

describe.skipIf(noDatabase)('compressed answers', () => {
  const database = testDatabase();
  let app: ReturnType<typeof testApp>['app'];
  let webDir: string;
  // Large enough to be worth compressing, small enough to read in a failure message.
  const script = `export const words = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `word-${i}`))};\n`;
  const css = `${Array.from({ length: 200 }, (_, i) => `.c${i} { color: #${String(i).padStart(6, '0')}; }`).join('\n')}\n`;

  beforeAll(() => {
    webDir = mkdtempSync(path.join(os.tmpdir(), 'taiwa-web-'));
    mkdirSync(path.join(webDir, 'assets'));
    writeFileSync(path.join(webDir, 'index.html'), `<!doctype html><html><head><title>t</title></head><body>${'<p>x</p>'.repeat(300)}</body></html>`);
    writeFileSync(path.join(webDir, 'assets', 'index-abc.js'), script);
    writeFileSync(path.join(webDir, 'assets', 'index-abc.css'), css);
    writeFileSync(path.join(webDir, 'assets', 'tiny-abc.js'), 'export {};\n');
    expect(precompressDir(webDir)).toBe(3);
    app = testApp(database, { webDir }).app;
  });
  afterAll(() => rmSync(webDir, { recursive: true, force: true }));

  async function get(pathname: string, acceptEncoding?: string) {
    const res = await app.request(pathname, { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} });
    return { res, bytes: Buffer.from(await res.arrayBuffer()) };
  }

  it.each([
    ['/assets/index-abc.js', 'gzip, deflate, br', 'br'],
    ['/assets/index-abc.js', 'gzip, deflate', 'gzip'],
    ['/assets/index-abc.css', 'gzip, deflate, br', 'br'],
    ['/assets/index-abc.css', 'gzip', 'gzip'],
  ] as const)('%s with Accept-Encoding "%s" comes back as %s, immutable, varying on the encoding', async (pathname, accept, encoding) => {
    const { res, bytes } = await get(pathname, accept);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe(encoding);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('vary')).toMatch(/accept-encoding/i);
    expect(res.headers.get('content-type')).toMatch(pathname.endsWith('.js') ? /javascript/ : /text\/css/);
    expect(Number(res.headers.get('content-length'))).toBe(bytes.length);
    const plain = encoding === 'br' ? zlib.brotliDecompressSync(bytes) : zlib.gunzipSync(bytes);
    expect(plain.toString('utf8')).toBe(pathname.endsWith('.js') ? script : css);
    expect(bytes.length).toBeLessThan(plain.length / 2);
  });

  it('a client that accepts no encoding gets the plain file, still varying on the encoding', async () => {
    const { res, bytes } = await get('/assets/index-abc.js');
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(res.headers.get('vary')).toMatch(/accept-encoding/i);
    expect(bytes.toString('utf8')).toBe(script);
  });

  it('a file too small to gain is sent as it is', async () => {
    const { res, bytes } = await get('/assets/tiny-abc.js', 'br, gzip');
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(bytes.toString('utf8')).toBe('export {};\n');
  });

  it.each([
    ['br', (b: Buffer) => zlib.brotliDecompressSync(b)],
    ['gzip', (b: Buffer) => zlib.gunzipSync(b)],
  ] as const)('JSON from the API is compressed on the fly (%s)', async (encoding, decode) => {
    const { res, bytes } = await get('/api/openapi.json', encoding);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe(encoding);
    expect(res.headers.get('vary')).toMatch(/accept-encoding/i);
    expect(Number(res.headers.get('content-length'))).toBe(bytes.length);
    const doc = JSON.parse(decode(bytes).toString('utf8')) as { openapi: string };
    expect(doc.openapi).toBe('3.1.0');
  });

  it('the SPA page is compressed and not cached', async () => {
    const { res, bytes } = await get('/meetings/some-id/room', 'gzip, deflate, br');
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(zlib.brotliDecompressSync(bytes).toString('utf8')).toContain('<title>t</title>');
  });

  it('an error answer in JSON keeps its status and security headers when compressed', async () => {
    const res = await app.request('/api/employees', { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const text = await res.text();
    expect(JSON.parse(text)).toHaveProperty('error.code');
  });
});
