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

  it('GET /api/openapi.json (anonymous) documents every endpoint with its method', async () => {
    const res = await call<OpenApiDoc>(app, 'GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(res.body.info.title).toBe('Taiwa API');
    const ops = Object.entries(res.body.paths).flatMap(([p, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${p}`));
    // Contains (not equals): new resources add their own paths.
    expect(ops).toEqual(
      expect.arrayContaining([
        'GET /api/setup',
        'POST /api/setup',
        'GET /api/me',
        'PATCH /api/me',
        'GET /api/employees',
        'POST /api/employees',
        'GET /api/employees/{id}',
        'PATCH /api/employees/{id}',
        'PUT /api/employees/{id}/manager',
        'GET /api/departments',
        'POST /api/departments',
        'PATCH /api/departments/{id}',
        'POST /api/auth/sign-in/email',
        'POST /api/auth/sign-out',
        'POST /api/auth/change-password',
        'GET /api/auth/get-session',
      ]),
    );
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
