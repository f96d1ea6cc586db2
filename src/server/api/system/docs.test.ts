import { beforeAll, describe, expect, it } from 'vitest';
import { call, testApp } from '../../test/app.js';
import { testDatabase } from '../../test/database.js';
import { noDatabase } from '../../test/provided.js';

interface OpenApiDoc {
  openapi: string;
  info: { title: string };
  paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
}

describe.skipIf(noDatabase)('API documentation', () => {
  const database = testDatabase();
  let app: ReturnType<typeof testApp>['app'];
  beforeAll(() => {
    app = testApp(database).app;
  });

  it('GET /api/openapi.json (anonymous) documents exactly the registered routes, each with its method', async () => {
    const res = await call<OpenApiDoc>(app, 'GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(res.body.info.title).toBe('Taiwa API');
    const documented = Object.entries(res.body.paths).flatMap(([p, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${p}`));
    // The operations the app really answers: its registered handlers, minus middleware, the
    // document itself, the reference page and better-auth's catch-all.
    const undocumented = (p: string) => p === '/api/openapi.json' || p.startsWith('/api/docs') || p.startsWith('/api/auth/') || p === '/api/*';
    const registered = [
      ...new Set(app.routes.filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/') && !undocumented(r.path)).map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`)),
    ];
    expect(registered.length).toBeGreaterThan(50);
    expect(documented.filter((o) => !o.includes(' /api/auth/')).sort()).toEqual(registered.sort());
    // better-auth's operations are documented by hand: each must be one its catch-all answers.
    const auth = documented.filter((o) => o.includes(' /api/auth/'));
    expect(auth.length).toBeGreaterThan(0);
    for (const op of auth) expect(app.routes.some((r) => r.path === '/api/auth/*' && r.method === op.split(' ')[0]), op).toBe(true);
    // Authenticated endpoints document their error answers.
    expect(Object.keys(res.body.paths['/api/employees']!.get!.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403']));
  });

  it('GET /api/docs serves the reference page with its assets from the installed package, under the CSP', async () => {
    const page = await call(app, 'GET', '/api/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.text).toContain('/api/docs/swagger-ui-bundle.js');
    expect(page.text).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)/); // no CDN
    expect(page.text).not.toMatch(/<script>(?!<\/script>)/); // no inline script
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    for (const [file, type] of [
      ['swagger-ui-bundle.js', /javascript/],
      ['swagger-ui.css', /text\/css/],
      ['init.js', /javascript/],
    ] as const) {
      const res = await call(app, 'GET', `/api/docs/${file}`);
      expect(res.status, file).toBe(200);
      expect(res.headers.get('content-type')).toMatch(type);
      expect(res.text.length).toBeGreaterThan(file === 'init.js' ? 50 : 10_000);
    }
    expect((await call(app, 'GET', '/api/docs/package.json')).status).toBe(404);
    expect((await call(app, 'GET', '/api/docs/..%2Fpackage.json')).status).toBe(404);
  });
});
