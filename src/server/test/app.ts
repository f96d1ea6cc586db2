import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ErrorBody } from '../../domain/errors.js';
import { createApp, type App } from '../app.js';
import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import { logger } from '../logger.js';
import { buildServices } from '../services.js';
import { cookieFrom } from './childServer.js';

export const TEST_BASE_URL = 'http://127.0.0.1:3000';
export const TEST_SECRET = 'taiwa-test-secret-0123456789-abcdefghijklmnopqrstuvwxyz';
/** Logs nothing: request lines would drown the test output. */
export const silentLog = logger.child({}, { level: 'silent' });

/** A configuration for tests: no real port, a fixed secret, a rate limit nobody hits by accident. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    port: 3000,
    host: '127.0.0.1',
    databaseUrl: null,
    dataDir: path.resolve('./data-test-unused'),
    secret: TEST_SECRET,
    secretPrevious: [],
    baseUrl: TEST_BASE_URL,
    logLevel: 'silent',
    bodyLimitBytes: 1024 * 1024,
    signInRateLimit: 10_000,
    webDir: path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/web'),
    seedDemo: false,
    redisUrl: null,
    smtpUrl: null,
    mailFrom: 'taiwa@example.test',
    webhookRetryDelaySeconds: 0,
    auditRetentionDays: 730,
    ...overrides,
  };
}

/** The whole HTTP application over `database`, as `main.ts` builds it minus the socket. */
export function testApp(database: Database, overrides: Partial<Config> = {}, options: { auditDatabase?: Database } = {}) {
  const config = testConfig(overrides);
  const services = buildServices({ database, auditDatabase: options.auditDatabase, config, secret: TEST_SECRET, log: silentLog });
  return { app: createApp(services), services, config };
}

export interface CallOptions {
  /** A `Cookie` header value from `signIn`. */
  cookie?: string | null;
  /** Sent as JSON unless it is already a string (to send malformed bodies). */
  body?: unknown;
  /** Sent as Accept-Language. */
  lang?: string;
  headers?: Record<string, string>;
}

export interface CallResult<T = ErrorBody> {
  status: number;
  body: T;
  headers: Headers;
  text: string;
}


interface ResponseCheck {
  method: string;
  pattern: RegExp;
  params: number;
  schemas: Map<number, { safeParse(v: unknown): { success: boolean; error?: { issues: unknown[] } } }>;
}

const checks = new WeakMap<App, ResponseCheck[]>();

/** The declared JSON response schema of every documented route of `app`, from its OpenAPI registry. */
function responseChecks(app: App): ResponseCheck[] {
  let list = checks.get(app);
  if (list) return list;
  list = [];
  for (const def of app.openAPIRegistry.definitions) {
    if (def.type !== 'route') continue;
    const { method, path, responses } = def.route;
    const schemas: ResponseCheck['schemas'] = new Map();
    for (const [status, response] of Object.entries(responses ?? {})) {
      const schema = (response as { content?: Record<string, { schema?: unknown }> }).content?.['application/json']?.schema;
      if (schema && typeof (schema as { safeParse?: unknown }).safeParse === 'function') schemas.set(Number(status), schema as never);
    }
    const source = path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '[^/]+');
    list.push({ method: method.toUpperCase(), pattern: new RegExp(`^${source}$`), params: (path.match(/\{/g) ?? []).length, schemas });
  }
  // A static path wins over a template that also matches it (/series/bulk before /series/{id}).
  list.sort((a, b) => a.params - b.params);
  checks.set(app, list);
  return list;
}

/**
 * Every 2xx JSON answer of a documented route must parse with the response schema its route
 * declares (the one the OpenAPI document and generated clients promise): every test that calls
 * the app checks it for free.
 */
function assertDeclaredShape(app: App, method: string, path: string, status: number, body: unknown): void {
  if (status < 200 || status >= 300) return;
  const bare = path.split('?')[0]!;
  const check = responseChecks(app).find((c) => c.method === method.toUpperCase() && c.pattern.test(bare));
  const schema = check?.schemas.get(status);
  if (!check || !schema) return;
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new Error(`${method} ${bare} answered ${status} with a body its declared response schema refuses: ${JSON.stringify(parsed.error?.issues).slice(0, 2000)}`);
  }
}

/**
 * Calls the app like the web client does: JSON, and always an `Origin` (better-auth refuses
 * cookies without one). A 2xx JSON answer is checked against the route's declared response schema.
 */
export async function call<T = ErrorBody>(app: App, method: string, path: string, opts: CallOptions = {}): Promise<CallResult<T>> {
  const headers: Record<string, string> = { origin: TEST_BASE_URL, 'content-type': 'application/json', ...opts.headers };
  if (opts.cookie) headers.cookie = opts.cookie;
  if (opts.lang) headers['accept-language'] = opts.lang;
  const body = opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
  const res = await app.request(path, { method, headers, body });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (res.headers.get('content-type')?.startsWith('application/json')) assertDeclaredShape(app, method, path, res.status, parsed);
  return { status: res.status, body: parsed as T, headers: res.headers, text };
}

export { cookieFrom };

/** Signs in with email and password; returns the Cookie header, or throws with the answer. */
export async function signIn(app: App, email: string, password: string): Promise<string> {
  const res = await call(app, 'POST', '/api/auth/sign-in/email', { body: { email, password } });
  if (res.status !== 200) throw new Error(`sign-in of ${email} answered ${res.status}: ${res.text}`);
  const cookie = cookieFrom(res.headers);
  if (!cookie.includes('session_token')) throw new Error(`sign-in of ${email} set no session cookie`);
  return cookie;
}
