import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ErrorBody } from '../../domain/errors.js';
import { createApp, type App } from '../app.js';
import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import { logger } from '../logger.js';
import { buildServices } from '../services.js';

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
    ...overrides,
  };
}

/** The whole HTTP application over `database`, as `main.ts` builds it minus the socket. */
export function testApp(database: Database, overrides: Partial<Config> = {}) {
  const config = testConfig(overrides);
  const services = buildServices({ database, config, secret: TEST_SECRET, log: silentLog });
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


/** Calls the app like the web client does: JSON, and always an `Origin` (better-auth refuses cookies without one). */
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
  return { status: res.status, body: parsed as T, headers: res.headers, text };
}

/** The `Cookie` header that the Set-Cookie headers of `res` would make a browser send. */
export function cookieFrom(headers: Headers): string {
  return headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .filter((c) => !c.endsWith('='))
    .join('; ');
}

/** Signs in with email and password; returns the Cookie header, or throws with the answer. */
export async function signIn(app: App, email: string, password: string): Promise<string> {
  const res = await call(app, 'POST', '/api/auth/sign-in/email', { body: { email, password } });
  if (res.status !== 200) throw new Error(`sign-in of ${email} answered ${res.status}: ${res.text}`);
  const cookie = cookieFrom(res.headers);
  if (!cookie.includes('session_token')) throw new Error(`sign-in of ${email} set no session cookie`);
  return cookie;
}
