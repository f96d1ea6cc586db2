import createClient from 'openapi-fetch';
import type { ErrorBody } from '../../domain/errors.js';
import i18n from '../i18n/index.js';
import { preloadedAnswer } from './firstScreen.js';
import type { paths } from './api.gen.js';

/** An error answered by the API, with its already translated message and per-field messages. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
    readonly reason?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string';
}

/** An answer of the typed client: the parsed body on success, the error body otherwise. */
interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** Leaves out empty filters, as a form's blank field means "no filter", not "filter by nothing". */
function querySerializer(query: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  return params.toString();
}

/**
 * The client typed from the API's own OpenAPI document (`api.gen.ts`): paths, path and query
 * parameters, bodies and answers are checked at compile time. JSON in and out, the session cookie,
 * and the current language in Accept-Language so the server's messages come back in it. A GET the
 * page's HTML preloaded is answered by that preload, once (`preloadedAnswer`, ADR 0221).
 */
export const client = createClient<paths>({
  baseUrl: '',
  credentials: 'same-origin',
  querySerializer,
  fetch: async (request: Request) => {
    if (request.method === 'GET') {
      const preloaded = await preloadedAnswer(request.url, request.signal, i18n.language || 'ja');
      if (preloaded) return preloaded;
    }
    if (!request.headers.has('Accept')) request.headers.set('Accept', 'application/json');
    request.headers.set('Accept-Language', i18n.language || 'ja');
    try {
      return await fetch(request);
    } catch (cause) {
      if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
      throw new ApiError(0, 'network', i18n.t('errors.network'));
    }
  },
});

/**
 * The one way the client talks to the API: `await api(client.GET('/api/meetings/{id}', { params: { path: { id } } }))`
 * answers the typed body, or throws ApiError on 4xx/5xx with the server's translated message and field messages.
 */
export async function api<T>(call: Promise<Answer<T>>): Promise<T> {
  return (await apiAnswer(call)).data;
}

/** As `api`, with the response too (for its headers, e.g. a download's file name). */
export async function apiAnswer<T>(call: Promise<Answer<T>>): Promise<{ data: T; response: Response }> {
  const { data, error, response } = await call;
  if (!response.ok) {
    if (isErrorBody(error)) {
      const { code, message, fields, reason } = error.error;
      throw new ApiError(response.status, code, message, fields ?? {}, reason);
    }
    throw new ApiError(response.status, 'internal', i18n.t('errors.unexpected', { status: response.status }));
  }
  return { data: data as T, response };
}

/** True when the error means "nobody is signed in". */
export function isUnauthenticated(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}

/** True for an answer that asking again cannot change (4xx: forbidden, not found, invalid…). */
export function isClientError(error: unknown): boolean {
  return error instanceof ApiError && error.status >= 400 && error.status < 500;
}
