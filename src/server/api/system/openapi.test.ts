import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, TEST_BASE_URL, testApp } from '../../test/app.js';
import { testDatabase } from '../../test/database.js';
import { noDatabase } from '../../test/provided.js';
import { operationIds, SESSION_SCHEME, TOKEN_SCHEME } from '../openapi.js';

const run = promisify(execFile);

interface Operation {
  operationId?: string;
  security?: Record<string, string[]>[];
}
interface OpenApiDoc {
  servers?: { url: string }[];
  components?: { securitySchemes?: Record<string, { type: string; in?: string; name?: string; scheme?: string }> };
  paths: Record<string, Record<string, Operation>>;
}

describe.skipIf(noDatabase)('the OpenAPI document serves clients written elsewhere', () => {
  const database = testDatabase();
  let doc: OpenApiDoc;
  let text: string;
  let dir: string;

  beforeAll(async () => {
    const res = await call<OpenApiDoc>(testApp(database).app, 'GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    doc = res.body;
    text = res.text;
    dir = await mkdtemp(path.join(os.tmpdir(), 'taiwa-openapi-'));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const operations = () =>
    Object.entries(doc.paths).flatMap(([p, ops]) => Object.entries(ops).map(([method, op]) => ({ key: `${method.toUpperCase()} ${p}`, op })));

  it('names every operation with a unique camelCase operationId, declares servers and the session cookie', () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThanOrEqual(70);
    const ids = ops.map((o) => o.op.operationId);
    for (const { key, op } of ops) expect(op.operationId, key).toMatch(/^[a-z][a-zA-Z0-9]*$/);
    expect(new Set(ids).size).toBe(ids.length);
    // Every name in the table belongs to a documented operation (no stale entries).
    expect(Object.keys(operationIds).filter((k) => !ops.some((o) => o.key === k))).toEqual([]);
    expect(doc.servers).toEqual([expect.objectContaining({ url: TEST_BASE_URL })]);
    expect(doc.components?.securitySchemes?.[SESSION_SCHEME]).toEqual(expect.objectContaining({ type: 'apiKey', in: 'cookie', name: 'taiwa.session_token' }));
    const byKey = Object.fromEntries(ops.map((o) => [o.key, o.op]));
    expect(doc.components?.securitySchemes?.[TOKEN_SCHEME]).toEqual(expect.objectContaining({ type: 'http', scheme: 'bearer' }));
    expect(byKey['GET /api/employees']!.security).toEqual([{ [SESSION_SCHEME]: [] }, { [TOKEN_SCHEME]: [] }]);
    // better-auth reads only its cookie, and tokens are made from a session.
    expect(byKey['POST /api/auth/change-password']!.security).toEqual([{ [SESSION_SCHEME]: [] }]);
    expect(byKey['POST /api/me/api-tokens']!.security).toEqual([{ [SESSION_SCHEME]: [] }]);
    expect(byKey['POST /api/auth/sign-in/email']!.security).toEqual([]);
    expect(byKey['GET /api/meetings/{id}/prep-brief']!.operationId).toBe('getPrepBrief');
  });

  it('lints clean with Redocly’s recommended rules (0 errors)', { timeout: 120_000 }, async () => {
    const file = path.join(dir, 'openapi.json');
    await writeFile(file, text);
    const bin = path.resolve('node_modules/.bin/redocly');
    const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' };
    // Exit code 1 means errors: read the report either way.
    const out = await run(bin, ['lint', file, '--format=json', '--max-problems=1000'], { env, maxBuffer: 16 * 1024 * 1024 }).catch(
      (e: { stdout?: string; stderr?: string }) => ({ stdout: e.stdout ?? '', stderr: e.stderr ?? '' }),
    );
    const report = JSON.parse(out.stdout.slice(out.stdout.indexOf('{'))) as { totals: { errors: number }; problems: { ruleId: string; severity: string; message: string }[] };
    const errors = report.problems.filter((p) => p.severity === 'error');
    expect(errors.map((e) => `${e.ruleId}: ${e.message}`)).toEqual([]);
    expect(report.totals.errors).toBe(0);
  });

  it('generates TypeScript types with openapi-typescript that a small client type-checks against', { timeout: 120_000 }, async () => {
    const types = astToString(await openapiTS(JSON.parse(text) as Parameters<typeof openapiTS>[0]));
    await writeFile(path.join(dir, 'api.d.ts'), types);
    await writeFile(
      path.join(dir, 'client.ts'),
      `import type { operations, paths } from './api';
declare function fetch(url: string, init: { method: string; credentials: 'include'; headers: Record<string, string>; body: string }): Promise<{ json(): Promise<unknown> }>;
type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
export type Employees = Json<paths['/api/employees']['get']['responses'][200]>;
export type PrepBrief = Json<operations['getPrepBrief']['responses'][200]>;
export type TopicInput = NonNullable<operations['addTopic']['requestBody']>['content']['application/json'];
export async function addTopic(base: string, meetingId: string, input: TopicInput): Promise<Json<operations['addTopic']['responses'][201]>> {
  const res = await fetch(\`\${base}/api/meetings/\${meetingId}/topics\`, { method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) });
  return (await res.json()) as Json<operations['addTopic']['responses'][201]>;
}
export const input: TopicInput = { title: 'キャリア', category: 'career', wantedResponse: 'listen' };
export function names(list: Employees): string[] {
  return list.items.map((e) => e.familyName + ' ' + e.givenName);
}
export function purpose(brief: PrepBrief): string {
  return brief.purpose ?? '';
}
`,
    );
    // The same client with a mistake must fail: the check is real.
    await writeFile(path.join(dir, 'wrong.ts'), `import type { operations } from './api';\nexport const x: NonNullable<operations['addTopic']['requestBody']>['content']['application/json'] = { title: 1 };\n`);
    // One program, two files: the lib is small and shared, so this stays quick.
    const program = ts.createProgram([path.join(dir, 'client.ts'), path.join(dir, 'wrong.ts')], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ['lib.es2022.d.ts'],
      skipLibCheck: true,
      types: [],
    });
    const check = (file: string) =>
      ts.getPreEmitDiagnostics(program, program.getSourceFile(path.join(dir, file))).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(check('client.ts')).toEqual([]);
    expect(check('wrong.ts').length).toBeGreaterThan(0);
  });
});
